import type { Claim } from '../internal/types.ts';

/** The customer declined a notified claim with a reason; `claim` is the updated claim. */
export type ClaimsDeclinedEvent = CustomEvent<{ id: string; reason: string; claim: Claim }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-declined': ClaimsDeclinedEvent;
  }
}
