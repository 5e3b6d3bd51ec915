import { html } from 'lit';

// The stepper's marks, drawn rather than typed: ✓ and ✕ are Dingbats, whose look (or whether
// they show at all) depends on the host's fonts. 1em square in currentColor, like the other
// icons (claims-list.icons.ts); hidden, since the step's text says whether it is done.

/** A tick: a phase done. */
export const doneIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>`;

/** A cross: the claim was declined. */
export const declinedIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" aria-hidden="true" focusable="false"><path d="M6.5 6.5l11 11M17.5 6.5l-11 11"/></svg>`;
