/** The `detail` of `claims-document-reviewed`. */
export interface ClaimsDocumentReviewedDetail {
  claimId: string;
  requirementId: string;
  decision: 'accepted' | 'rejected';
  reason?: string;
}

/** A handler accepted or rejected (with a reason) the files of one document requirement. */
export type ClaimsDocumentReviewedEvent = CustomEvent<ClaimsDocumentReviewedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-document-reviewed': ClaimsDocumentReviewedEvent;
  }
}
