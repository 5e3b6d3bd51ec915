import type { ClaimStatus } from '../db/database.ts';
import { conflict, forbidden } from '../http/problem.ts';

/** Who moves a claim: its company's users, the claims handler, or Claimdesk itself. */
export type Mover = 'customer' | 'handler' | 'system';

/**
 * The lifecycle of DESIGN.md as one table: from → to → who may make that move.
 * A move missing here does not exist (409); a move made by someone not listed is refused (403).
 */
export const TRANSITIONS: Readonly<Record<ClaimStatus, Partial<Record<ClaimStatus, readonly Mover[]>>>> = {
  notified: { documentation: ['customer'], declined: ['customer'] },
  declined: {},
  // 'system' moves a claim to review when its last required document arrives.
  documentation: { review: ['handler', 'system'] },
  // Back to documentation when a document is rejected or more are requested.
  review: { documentation: ['handler', 'system'], submitted: ['handler'] },
  submitted: { resolved: ['handler'] },
  resolved: { closed: ['handler', 'system'] },
  closed: {},
};

export function nextStatuses(from: ClaimStatus, mover: Mover): ClaimStatus[] {
  return Object.entries(TRANSITIONS[from])
    .filter(([, movers]) => movers.includes(mover))
    .map(([to]) => to as ClaimStatus);
}

export function assertTransition(from: ClaimStatus, to: ClaimStatus, mover: Mover): void {
  const movers = TRANSITIONS[from][to];
  if (!movers) {
    const possible = Object.keys(TRANSITIONS[from]);
    throw conflict(
      possible.length === 0
        ? `The claim is ${from}, a final status: it cannot move to ${to}.`
        : `A claim in status ${from} cannot move to ${to}; from ${from} it can only move to ${possible.join(' or ')}.`,
      { currentStatus: from, requestedStatus: to },
    );
  }
  if (!movers.includes(mover)) {
    throw forbidden(
      `Moving a claim from ${from} to ${to} is done by the ${movers.filter((m) => m !== 'system').join(' or ')}, not by the ${mover}.`,
    );
  }
}
