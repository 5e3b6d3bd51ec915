import { html } from 'lit';

// The conversation's icons, drawn and loaded with it, never emoji characters (see
// claims-list.icons.ts): 1em square, outlined in currentColor, hidden from assistive technology
// and never focusable; the control each sits in keeps its name. Each is a whole <svg> in an
// `html` template, attributes repeated (gzip takes the repeats for nearly nothing): a shared
// wrapper around `svg` fragments would bring Lit's `svg` tag into the start bundle.

/** A paper clip: attach files. */
export const attachIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M16 7v9a4 4 0 0 1-8 0V6a3 3 0 0 1 6 0v10a1 1 0 0 1-2 0V8" transform="rotate(40 12 12)"/></svg>`;

/** A page with a folded corner and lines of text: a file without a preview. */
export const fileIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M14 3H6v18h12V7zm0 0v4h4M9 13h6m-6 4h6"/></svg>`;

/** A cross: remove a file from the next message. */
export const removeIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="m6 6 12 12M18 6 6 18"/></svg>`;

/** A chevron pointing left: the previous image. */
export const previousIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="m15 5-7 7 7 7"/></svg>`;

/** A chevron pointing right: the next image. */
export const nextIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="m9 5 7 7-7 7"/></svg>`;

/** An arrow down onto a tray: download the file. */
export const downloadIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M12 4v11m-5-5 5 5 5-5M5 20h14"/></svg>`;
