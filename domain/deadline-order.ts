import type { ClaimStatus } from './constants.ts';

/** The statuses in which the filing deadline counts: the claim has not been filed (or declined) yet. */
export const DEADLINE_COUNTS_IN: readonly ClaimStatus[] = ['notified', 'documentation', 'review'];

/**
 * What "deadline soonest first" sorts by: the deadline while it counts; after every such claim,
 * those whose deadline no longer does (filed, resolved, closed, declined), by deadline too — their
 * key is the deadline behind a '~', which sorts after every ISO date. The API stores it
 * (claims.deadline_order, indexed for the console's queue) and the widget's live list sorts by it.
 */
export function deadlineOrderOf(status: ClaimStatus, deadlineAt: string): string {
  return DEADLINE_COUNTS_IN.includes(status) ? deadlineAt : `~${deadlineAt}`;
}
