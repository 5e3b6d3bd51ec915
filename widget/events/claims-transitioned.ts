import type { Claim, ClaimStatus } from '../internal/types.ts';

/** A handler moved a claim from one status to another; `claim` is the updated claim. */
export type ClaimsTransitionedEvent = CustomEvent<{ id: string; from: ClaimStatus; to: ClaimStatus; claim: Claim }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-transitioned': ClaimsTransitionedEvent;
  }
}
