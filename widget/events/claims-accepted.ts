import type { Claim } from '../internal/types.ts';

/** The customer accepted handling of a notified claim; `claim` is the updated claim. */
export type ClaimsAcceptedEvent = CustomEvent<{ id: string; claim: Claim }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-accepted': ClaimsAcceptedEvent;
  }
}
