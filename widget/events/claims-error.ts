/** The `detail` of `claims-error`. */
export interface ClaimsErrorDetail {
  status: number;
  /** The problem's `type` (https://claimdesk.dev/problems/<code>; about:blank for a network failure): what to tell failures apart by. */
  type: string;
  title: string;
  /** The server's English explanation, for logs; the element shows its own words. */
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
