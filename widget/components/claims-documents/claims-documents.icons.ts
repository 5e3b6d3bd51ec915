import { html } from 'lit';

// The checklist's icons, drawn and loaded with it, never characters of the host's fonts (see
// claims-list.icons.ts): 1em square, outlined in currentColor like the conversation's
// (claims-chat.icons.ts), hidden from assistive technology and never focusable; the text beside
// each says what it means.

/** A circle crossed out: a file the handler rejected. */
export const rejectedIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9"/><path d="m9 9 6 6m0-6-6 6"/></svg>`;

/** An arrow up out of a tray: files go up from here. */
export const uploadIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M12 15V4m-4 4 4-4 4 4M4 15v5h16v-5"/></svg>`;

/** A camera: take a photo with the device's camera. */
export const cameraIcon = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M4 8h3l2-3h6l2 3h3v11H4z"/><circle cx="12" cy="13" r="3.5"/></svg>`;
