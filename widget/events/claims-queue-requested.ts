import type { ClaimDeadlineFilter } from '../../domain/constants.ts';

/** The `detail` of `claims-queue-requested`. */
export interface ClaimsQueueRequestedDetail {
  /** The claims the queue should show: those at risk of missing their filing deadline. */
  deadline: ClaimDeadlineFilter;
  /** The claim to open beside the queue; null opens none. */
  claimId: string | null;
}

/**
 * The handler asked to see claims in the queue, from the dashboard: `<claims-console>` shows its
 * queue filtered to them (`GET /claims?deadline=…`), with the claim open when one was chosen.
 */
export type ClaimsQueueRequestedEvent = CustomEvent<ClaimsQueueRequestedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-queue-requested': ClaimsQueueRequestedEvent;
  }
}
