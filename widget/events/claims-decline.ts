import type { Claim } from '../internal/types.ts';

/** The `detail` of `claims-decline`. */
export interface ClaimsDeclineDetail {
  id: string;
  reason: string;
  /** The claim as it is, before the answer. */
  claim: Claim;
}

/**
 * The customer confirmed Decline, with a reason, on a notified claim; fired before the answer is
 * sent, and cancelable: `preventDefault()` closes the dialog, sends nothing and leaves the claim as
 * it is (the host tells the user why). `claims-declined` follows once the server took the answer.
 */
export type ClaimsDeclineEvent = CustomEvent<ClaimsDeclineDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-decline': ClaimsDeclineEvent;
  }
}
