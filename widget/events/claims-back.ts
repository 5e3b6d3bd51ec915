/** The `detail` of `claims-back`. */
export interface ClaimsBackDetail {
  id: string;
}

/** The user asked to leave a claim's detail and go back to the list. */
export type ClaimsBackEvent = CustomEvent<ClaimsBackDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-back': ClaimsBackEvent;
  }
}
