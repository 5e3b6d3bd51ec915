import type { Claim } from '../internal/types.ts';

/** The `detail` of `claims-accepted`. */
export interface ClaimsAcceptedDetail {
  id: string;
  claim: Claim;
}

/** The customer accepted handling of a notified claim; `claim` is the updated claim. */
export type ClaimsAcceptedEvent = CustomEvent<ClaimsAcceptedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-accepted': ClaimsAcceptedEvent;
  }
}
