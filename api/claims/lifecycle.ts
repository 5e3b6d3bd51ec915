import {
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  type ClaimAction,
  type ClaimEventType,
  type ClaimStatus,
  type DeadlineState,
  type DocumentsStage,
  type PhaseState,
} from '../../domain/constants.ts';
import { MoveNotYoursError, TransitionNotAllowedError } from '../errors.ts';
import { DEADLINE_COUNTS_IN } from '../../domain/deadline-order.ts';

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

/** The customer's answers: the move each one makes, and the event that records it. */
export const ANSWERS: Readonly<Record<ClaimAction, { to: ClaimStatus; event: ClaimEventType }>> = {
  accept: { to: 'documentation', event: 'claim.accepted' },
  decline: { to: 'declined', event: 'claim.declined' },
};

/** Whose move a claim waits for in each status; a status not listed waits for nobody's. */
const AWAITING: Partial<Record<ClaimStatus, Mover>> = {
  notified: 'customer',
  review: 'handler',
  submitted: 'handler',
  resolved: 'handler',
};

/**
 * The statuses a claim never leaves (declined, closed): it takes no move, no handler, no new
 * message and no document.
 */
export const FINAL_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter((status) => Object.keys(TRANSITIONS[status]).length === 0);

export function isFinal(status: ClaimStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Before the claim is filed: its filing deadline counts, and the handler may still shape its checklist. */
export function isBeforeFiling(status: ClaimStatus): boolean {
  return DEADLINE_COUNTS_IN.includes(status);
}

/** The statuses in which a claim collects its documents: files are uploaded, reviewed and removed then. */
const COLLECTING_DOCUMENTS: readonly ClaimStatus[] = ['documentation', 'review'];

export function collectsDocuments(status: ClaimStatus): boolean {
  return COLLECTING_DOCUMENTS.includes(status);
}

/** Where a claim in `status` is in collecting its documents, as the Claim resource tells clients. */
export function documentsStageOf(status: ClaimStatus): DocumentsStage {
  if (collectsDocuments(status)) return 'collecting';
  if (status === 'declined') return 'never';
  return isBeforeFiling(status) ? 'not_yet' : 'collected';
}

/** The path a stepper draws: the main line, or the declined branch off `notified`. */
const MAIN_PATH: readonly ClaimStatus[] = CLAIM_STATUSES.filter((status) => status !== 'declined');
const DECLINED_PATH: readonly ClaimStatus[] = ['notified', 'declined'];

export function nextStatuses(from: ClaimStatus, mover: Mover): ClaimStatus[] {
  return Object.entries(TRANSITIONS[from])
    .filter(([, movers]) => movers.includes(mover))
    .map(([to]) => to as ClaimStatus);
}

export function assertTransition(from: ClaimStatus, to: ClaimStatus, mover: Mover): void {
  const movers = TRANSITIONS[from][to];
  if (!movers) throw new TransitionNotAllowedError(from, to, Object.keys(TRANSITIONS[from]) as ClaimStatus[]);
  if (!movers.includes(mover)) {
    throw new MoveNotYoursError(from, to, movers.filter((m) => m !== 'system'), mover);
  }
}

/** The answers this mover may give a claim in `status`: what a client shows as Accept and Decline. */
export function answersOf(status: ClaimStatus, mover: Mover): ClaimAction[] {
  if (mover !== 'customer') return [];
  return CLAIM_ACTIONS.filter((action) => TRANSITIONS[status][ANSWERS[action].to]?.includes(mover));
}

/** The event that records a move: the customer's answers have their own, every other move is a transition. */
export function eventOfMove(to: ClaimStatus, mover: Mover): ClaimEventType {
  if (mover !== 'customer') return 'claim.transitioned';
  return CLAIM_ACTIONS.map((action) => ANSWERS[action]).find((answer) => answer.to === to)?.event ?? 'claim.transitioned';
}

/** Whether a claim in `status` is waiting for this mover to act. */
export function awaits(status: ClaimStatus, mover: Mover): boolean {
  return AWAITING[status] === mover;
}

export function deadlineState(status: ClaimStatus, deadlineAt: string, now: Date): DeadlineState {
  if (isBeforeFiling(status)) return new Date(deadlineAt) < now ? 'missed' : 'running';
  return status === 'declined' ? 'stopped' : 'met';
}

/** The phases of the claim's path, each done, current or pending; a final status reached is done. */
export function phasesOf(status: ClaimStatus): Array<{ status: ClaimStatus; state: PhaseState }> {
  const path = MAIN_PATH.includes(status) ? MAIN_PATH : DECLINED_PATH;
  const current = path.indexOf(status);
  return path.map((phase, i) => ({
    status: phase,
    state: i < current || (i === current && isFinal(status)) ? 'done' : i === current ? 'current' : 'pending',
  }));
}
