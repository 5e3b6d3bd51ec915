import type { ActorKind, ClaimEventType, ClaimStatus } from '../../domain/constants.ts';
import type { AnalyticsClaimRow, AnalyticsPhaseStayRow, AnalyticsReviewRow, ClaimTable } from '../db/database.ts';
import type { ClaimEventData } from '../events/events.schema.ts';
import { isFinal } from '../claims/lifecycle.ts';
import { LIABILITY_COLUMNS, liabilityLimitOf, type RateBook } from '../liability/limits.ts';

/**
 * What the analytics know of one claim, derived from its events in log order by one pure step
 * (applyEvent): the reaction applies it to the rows an event's claim has, the rebuild folds a
 * claim's whole history with it. The rows are those of the read-model tables, so what the step
 * returns is what is stored.
 *
 * What each row means:
 * - a stay in a status begins when a move enters it and ends with the next move; declined and
 *   closed, which a claim never leaves, have none;
 * - a document's review round begins with the first file uploaded for it since its last review
 *   and ends with the handler's verdict; if every file of the round is removed first, it never was;
 * - the claim's first answer is the first message a handler posts after the company's first
 *   message (a user of the company, or the company's API key), timed from that message.
 * Durations are whole seconds, never negative.
 */
export interface ClaimHistory {
  claim: AnalyticsClaimRow | null;
  stays: AnalyticsPhaseStayRow[];
  reviews: AnalyticsReviewRow[];
}

export const NO_HISTORY: ClaimHistory = { claim: null, stays: [], reviews: [] };

/** What the log does not carry and the claim's row does: the facts it was opened (or corrected) with. */
export type ClaimFacts = Pick<AnalyticsClaimRow, 'claim_id' | 'reference' | 'company_id' | 'carrier' | 'type' | 'scope' | 'currency' | 'claimed_cents' | 'limit_cents' | 'due_at'>;

/** The columns of a claims row the facts come from. */
export const FACT_COLUMNS = ['id', 'reference', 'company_id', 'carrier', 'type', 'deadline_at', ...LIABILITY_COLUMNS] as const;

/** A claim's facts, its liability limit counted with the rates recorded (the limit a handler sees on it). */
export function factsOf(claim: Pick<ClaimTable, (typeof FACT_COLUMNS)[number]>, rates: RateBook): ClaimFacts {
  const limit = liabilityLimitOf(claim, rates);
  return {
    claim_id: claim.id,
    reference: claim.reference,
    company_id: claim.company_id,
    carrier: claim.carrier,
    type: claim.type,
    scope: claim.scope,
    currency: claim.currency,
    // What an outcome may pay at most: the amount claimed, or the declared value when none was.
    claimed_cents: claim.claimed_amount_cents ?? claim.declared_value_cents,
    limit_cents: limit.status === 'computed' ? limit.amount.amountCents : null,
    due_at: claim.deadline_at,
  };
}

/** An event as the step reads it: the log's row, whoever wrote it. */
export interface HistoryEvent {
  type: ClaimEventType;
  at: string;
  actor: { kind: ActorKind; id: string | null };
  data: ClaimEventData;
}

type Part = 'claim' | 'stays' | 'reviews';

/**
 * The events that change what the analytics know, each with the parts of a claim's history it
 * may change: the reaction reads and writes those only, and passes over every other event.
 */
export const CHANGED_BY: Readonly<Partial<Record<ClaimEventType, readonly Part[]>>> = {
  'claim.created': ['claim', 'stays'],
  'claim.accepted': ['claim', 'stays'],
  'claim.declined': ['claim', 'stays'],
  'claim.transitioned': ['claim', 'stays'],
  'claim.assigned': ['claim'],
  'claim.amended': ['claim', 'stays', 'reviews'],
  'document.uploaded': ['reviews'],
  'document.removed': ['reviews'],
  'document.reviewed': ['reviews'],
  'message.posted': ['claim'],
};

/** The events whose step needs the claim's facts: they are read from its row when the event is applied. */
export const NEEDS_FACTS: ReadonlySet<ClaimEventType> = new Set(['claim.created', 'claim.amended']);

export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * The history after one more event of the claim. Pure: the history given is left as it was.
 * `facts` is the claim's, for the events in NEEDS_FACTS. An event of a claim it holds nothing of
 * (its read model not built yet) changes nothing.
 */
export function applyEvent(history: ClaimHistory, event: HistoryEvent, facts: ClaimFacts | null): ClaimHistory {
  if (event.type === 'claim.created') return opened(required(facts, event), event.at);
  if (!history.claim) return history;
  switch (event.type) {
    case 'claim.accepted':
    case 'claim.declined':
    case 'claim.transitioned':
      return event.data.to ? moved(history, history.claim, event.data.to, event) : history;
    case 'claim.assigned':
      return event.data.handler ? { ...history, claim: { ...history.claim, handler_id: event.data.handler.id, assigned_at: event.at } } : history;
    case 'claim.amended':
      return withFacts(history, history.claim, required(facts, event));
    case 'document.uploaded':
    case 'document.removed':
    case 'document.reviewed':
      return { ...history, reviews: reviewed(history.reviews, history.claim, event) };
    case 'message.posted':
      return { ...history, claim: answered(history.claim, event) };
    default:
      return history;
  }
}

/** A claim's history from its events, oldest first: what the rebuild stores. */
export function foldHistory(facts: ClaimFacts, events: readonly HistoryEvent[]): ClaimHistory {
  return events.reduce((history, event) => applyEvent(history, event, NEEDS_FACTS.has(event.type) ? facts : null), NO_HISTORY);
}

function required(facts: ClaimFacts | null, event: HistoryEvent): ClaimFacts {
  if (!facts) throw new Error(`analytics: a ${event.type} event is applied with the claim's facts`);
  return facts;
}

const dimensions = (claim: Pick<AnalyticsClaimRow, 'company_id' | 'carrier' | 'type' | 'scope'>) => ({
  company_id: claim.company_id,
  carrier: claim.carrier,
  type: claim.type,
  scope: claim.scope,
});

const nextSeq = (rows: ReadonlyArray<{ seq: number }>) => rows.reduce((max, row) => Math.max(max, row.seq + 1), 0);

function opened(facts: ClaimFacts, at: string): ClaimHistory {
  const claim: AnalyticsClaimRow = {
    ...facts,
    opened_at: at,
    status: 'notified',
    handler_id: null,
    assigned_at: null,
    declined_at: null,
    filed_at: null,
    outcome: null,
    outcome_at: null,
    recovered_cents: null,
    seconds_to_outcome: null,
    first_customer_message_at: null,
    first_answer_at: null,
    first_answer_by: null,
    first_answer_seconds: null,
  };
  return { claim, stays: [stayIn(claim, 'notified', at, 0)], reviews: [] };
}

function stayIn(claim: AnalyticsClaimRow, status: ClaimStatus, at: string, seq: number): AnalyticsPhaseStayRow {
  return { claim_id: claim.claim_id, seq, status, entered_at: at, left_at: null, seconds: null, ...dimensions(claim) };
}

function moved(history: ClaimHistory, claim: AnalyticsClaimRow, to: ClaimStatus, event: HistoryEvent): ClaimHistory {
  const at = event.at;
  const stays = history.stays.map((stay) => (stay.left_at === null ? { ...stay, left_at: at, seconds: secondsBetween(stay.entered_at, at) } : stay));
  if (!isFinal(to)) stays.push(stayIn(claim, to, at, nextSeq(stays)));
  const after: AnalyticsClaimRow = { ...claim, status: to };
  if (to === 'declined') after.declined_at = at;
  if (to === 'submitted' && after.filed_at === null) after.filed_at = at;
  if (to === 'resolved') {
    after.outcome = event.data.outcome ?? null;
    after.recovered_cents = event.data.amount?.amountCents ?? 0;
    after.outcome_at = at;
    after.seconds_to_outcome = secondsBetween(claim.opened_at, at);
  }
  return { ...history, claim: after, stays };
}

/** A correction of the claim's facts: its carrier or amounts or deadline, which every row of it filters on. */
function withFacts(history: ClaimHistory, claim: AnalyticsClaimRow, facts: ClaimFacts): ClaimHistory {
  const after = { ...claim, ...facts };
  return {
    claim: after,
    stays: history.stays.map((stay) => ({ ...stay, ...dimensions(after) })),
    reviews: history.reviews.map((review) => ({ ...review, ...dimensions(after) })),
  };
}

function reviewed(reviews: readonly AnalyticsReviewRow[], claim: AnalyticsClaimRow, event: HistoryEvent): AnalyticsReviewRow[] {
  const requirementId = event.data.document?.requirementId;
  if (!requirementId) return [...reviews];
  const open = reviews.find((review) => review.requirement_id === requirementId && review.reviewed_at === null);
  const awaiting: string[] = open ? (JSON.parse(open.awaiting_files) as string[]) : [];
  const fileId = event.data.file?.id;
  const others = reviews.filter((review) => review !== open);
  if (event.type === 'document.uploaded' && fileId) {
    if (open) return reviews.map((review) => (review === open ? { ...open, awaiting_files: JSON.stringify([...awaiting, fileId]) } : review));
    const round: AnalyticsReviewRow = {
      claim_id: claim.claim_id,
      seq: nextSeq(reviews),
      requirement_id: requirementId,
      uploaded_at: event.at,
      awaiting_files: JSON.stringify([fileId]),
      reviewed_at: null,
      reviewer_id: null,
      decision: null,
      seconds: null,
      ...dimensions(claim),
    };
    return [...reviews, round];
  }
  if (!open) return [...reviews];
  if (event.type === 'document.removed') {
    if (!fileId || !awaiting.includes(fileId)) return [...reviews];
    const left = awaiting.filter((id) => id !== fileId);
    if (left.length === 0) return others;
    return reviews.map((review) => (review === open ? { ...open, awaiting_files: JSON.stringify(left) } : review));
  }
  const verdict: AnalyticsReviewRow = {
    ...open,
    awaiting_files: '[]',
    reviewed_at: event.at,
    reviewer_id: event.actor.id,
    decision: event.data.decision ?? null,
    seconds: secondsBetween(open.uploaded_at, event.at),
  };
  return reviews.map((review) => (review === open ? verdict : review));
}

/** The company writes as its users or its own API key; the operator's key (no id) is neither side. */
const isCustomer = (actor: HistoryEvent['actor']) => actor.kind === 'user' || (actor.kind === 'service' && actor.id !== null);

function answered(claim: AnalyticsClaimRow, event: HistoryEvent): AnalyticsClaimRow {
  if (isCustomer(event.actor) && claim.first_customer_message_at === null) return { ...claim, first_customer_message_at: event.at };
  if (event.actor.kind === 'handler' && claim.first_customer_message_at !== null && claim.first_answer_at === null) {
    return {
      ...claim,
      first_answer_at: event.at,
      first_answer_by: event.actor.id,
      first_answer_seconds: secondsBetween(claim.first_customer_message_at, event.at),
    };
  }
  return claim;
}
