/** The `detail` of `claims-help-requested`. */
export interface ClaimsHelpRequestedDetail {
  claimId: string;
}

/** The user asked for help from a claim's detail: show the operator's contact (`<claims-app>` opens `<claims-help>`). */
export type ClaimsHelpRequestedEvent = CustomEvent<ClaimsHelpRequestedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-help-requested': ClaimsHelpRequestedEvent;
  }
}
