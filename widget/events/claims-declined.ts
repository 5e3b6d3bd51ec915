import type { Claim } from '../internal/types.ts';

/** The `detail` of `claims-declined`. */
export interface ClaimsDeclinedDetail {
  id: string;
  reason: string;
  claim: Claim;
}

/** The customer declined a notified claim with a reason; `claim` is the updated claim. */
export type ClaimsDeclinedEvent = CustomEvent<ClaimsDeclinedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-declined': ClaimsDeclinedEvent;
  }
}
