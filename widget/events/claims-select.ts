/** The `detail` of `claims-select`. */
export interface ClaimsSelectDetail {
  id: string;
}

/** A claim was chosen in a list (click or Enter). */
export type ClaimsSelectEvent = CustomEvent<ClaimsSelectDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-select': ClaimsSelectEvent;
  }
}
