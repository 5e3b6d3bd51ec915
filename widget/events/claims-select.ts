/** A claim was chosen in a list (click or Enter). */
export type ClaimsSelectEvent = CustomEvent<{ id: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-select': ClaimsSelectEvent;
  }
}
