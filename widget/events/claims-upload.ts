/** The `detail` of `claims-upload`. */
export interface ClaimsUploadDetail {
  claimId: string;
  /** The document requirement the file is for; null for a file attached to a chat message. */
  requirementId: string | null;
  /** The file as it will go: as the user picked, dropped or pasted it, or, for a photo (a document's or a chat attachment), the copy made smaller and without its location. */
  file: File;
}

/**
 * A file is about to be uploaded: to a document requirement, or to be sent with a chat message.
 * Fired for each file that passed the type and size checks, before it is sent, and cancelable:
 * `preventDefault()` leaves the file out (the host tells the user why).
 */
export type ClaimsUploadEvent = CustomEvent<ClaimsUploadDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-upload': ClaimsUploadEvent;
  }
}
