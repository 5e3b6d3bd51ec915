import type { DocumentFile } from '../internal/types.ts';

/** The `detail` of `claims-document-uploaded`. */
export interface ClaimsDocumentUploadedDetail {
  claimId: string;
  requirementId: string;
  file: DocumentFile;
}

/** A file was uploaded to one of a claim's document requirements; `file` is the file as stored. */
export type ClaimsDocumentUploadedEvent = CustomEvent<ClaimsDocumentUploadedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-document-uploaded': ClaimsDocumentUploadedEvent;
  }
}
