/** The user asked to leave a claim's detail and go back to the list. */
export type ClaimsBackEvent = CustomEvent<{ id: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-back': ClaimsBackEvent;
  }
}
