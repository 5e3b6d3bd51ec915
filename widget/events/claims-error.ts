/** The `detail` of `claims-error`. */
export interface ClaimsErrorDetail {
  status: number;
  title: string;
  detail: string;
  action: string;
}

/** A request failed. `status` is the HTTP status (0 for a network failure). */
export type ClaimsErrorEvent = CustomEvent<ClaimsErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-error': ClaimsErrorEvent;
  }
}
