import type { Claim, ClaimStatus } from '../internal/types.ts';

/** The `detail` of `claims-transitioned`. */
export interface ClaimsTransitionedDetail {
  id: string;
  from: ClaimStatus;
  to: ClaimStatus;
  claim: Claim;
}

/** A handler moved a claim from one status to another; `claim` is the updated claim. */
export type ClaimsTransitionedEvent = CustomEvent<ClaimsTransitionedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-transitioned': ClaimsTransitionedEvent;
  }
}
