import { html } from 'lit';

// Icons are drawn and shipped in the bundle, never emoji characters: an emoji depends
// on the host having an emoji font, and without one renders as an empty box. An icon is 1em
// square, so it takes the size of the text beside it, and painted in currentColor, so it takes
// that text's colour (and the theme's); it is hidden from assistive technology and never
// focusable, since the text or control it sits in carries the name. The conversation's icons
// are in claims-chat.icons.ts, loaded with it.
//
// This one is in the start bundle with the list, where every byte counts (scripts/report-size.ts):
// a whole <svg> in one template, filled rather than outlined (fewer attributes, and a solid shape
// reads better at a badge's small size), and beside the list rather than in a shared module,
// which would cost a chunk of its own or an export from the core one.

/** A speech balloon: the unread messages on a claim's row. */
export const messageIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false"><path d="M4 5h16v11H9l-5 4z"/></svg>`;
