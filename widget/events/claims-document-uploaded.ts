import type { DocumentFile } from '../internal/types.ts';

/** A file was uploaded to one of a claim's document requirements; `file` is the file as stored. */
export type ClaimsDocumentUploadedEvent = CustomEvent<{ claimId: string; requirementId: string; file: DocumentFile }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-document-uploaded': ClaimsDocumentUploadedEvent;
  }
}
