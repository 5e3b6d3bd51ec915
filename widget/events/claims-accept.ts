import type { Claim } from '../internal/types.ts';

/** The `detail` of `claims-accept`. */
export interface ClaimsAcceptDetail {
  id: string;
  /** The claim as it is, before the answer. */
  claim: Claim;
}

/**
 * The customer pressed Accept on a notified claim; fired before the answer is sent, and
 * cancelable: `preventDefault()` sends nothing and leaves the claim as it is (the host tells the
 * user why). `claims-accepted` follows once the server took the answer.
 */
export type ClaimsAcceptEvent = CustomEvent<ClaimsAcceptDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-accept': ClaimsAcceptEvent;
  }
}
