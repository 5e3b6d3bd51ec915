/** A handler accepted or rejected (with a reason) the files of one document requirement. */
export type ClaimsDocumentReviewedEvent = CustomEvent<{
  claimId: string;
  requirementId: string;
  decision: 'accepted' | 'rejected';
  reason?: string;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-document-reviewed': ClaimsDocumentReviewedEvent;
  }
}
