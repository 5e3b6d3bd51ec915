/** A request failed. `status` is the HTTP status (0 for a network failure). */
export type ClaimsErrorEvent = CustomEvent<{ status: number; title: string; detail: string; action: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-error': ClaimsErrorEvent;
  }
}
