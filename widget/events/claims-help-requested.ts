/** The user asked for help from a claim's detail: show the operator's contact (`<claims-app>` opens `<claims-help>`). */
export type ClaimsHelpRequestedEvent = CustomEvent<{ claimId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-help-requested': ClaimsHelpRequestedEvent;
  }
}
