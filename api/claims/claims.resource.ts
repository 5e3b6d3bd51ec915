import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { etagOf } from '../http/conditional.ts';
import type { ChecklistRow, ClaimSummaryRow, ClaimWithCompany } from './claims.repository.ts';
import { ClaimSchema, ClaimSummarySchema, type Claim, type ClaimSummary } from './claims.schema.ts';
import { liabilityLimitOf, seesLiabilityLimit, type LiabilityFacts, type RateBook } from '../liability/limits.ts';
import type { LiabilityLimit } from '../liability/liability.schema.ts';
import { answersOf, awaits, deadlineState, documentsStageOf, isFinal, nextStatuses, phasesOf, type Mover } from './lifecycle.ts';
import { documentsOf, nextStepOf } from './next-step.ts';

/** Who the principal is when it moves a claim; a backend (the operator's or a company's) moves nothing by hand. */
export function moverOf(principal: Principal): Mover | null {
  if (principal.kind !== 'user') return null;
  return principal.role === 'handler' ? 'handler' : 'customer';
}

/**
 * What a claim's summary reads besides its row: the caller's unread messages and, for a reader
 * who sees liability limits, the rates (ratesFor).
 */
export interface SummaryReads {
  unreadMessages: number;
  rates?: RateBook | undefined;
}

/** What a claim's resource reads besides its row: its summary's reads and its checklist (listChecklists). */
export interface ClaimReads extends SummaryReads {
  checklist: readonly ChecklistRow[];
}

/**
 * The claim as a row of a list draws it: who and what it is about, where it stands against its
 * deadline, whether it waits for its reader, and how many of its messages they have not read.
 * Each field is the claim's own, as toClaim gives it.
 */
export function toClaimSummary(row: ClaimSummaryRow, principal: Principal, { unreadMessages, rates }: SummaryReads, now = new Date()): ClaimSummary {
  const money = moneyOf(row);
  return {
    id: row.id,
    reference: row.reference,
    companyId: row.company_id,
    companyName: row.company_name,
    externalRef: row.external_ref,
    type: row.type,
    goods: row.goods,
    scope: row.scope,
    status: row.status,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    declaredValue: money(row.declared_value_cents),
    claimedAmount: row.claimed_amount_cents === null ? null : money(row.claimed_amount_cents),
    liabilityLimit: liabilityLimitFor(row, principal, rates),
    deadlineAt: row.deadline_at,
    deadline: { state: deadlineState(row.status, row.deadline_at, now) },
    needsAction: needsActionOf(row, principal),
    handler: handlerOf(row),
    unreadMessages,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The claim as its reader needs to draw it: what they may do, whether it waits for them, what it
 * asks of them next, where it and its documents stand, and how many of its messages they have not read.
 * The summary's fields are written out again rather than spread from toClaimSummary: the spread
 * copy cost a page of whole claims a quarter more CPU. A test holds each summary field equal to
 * the claim's.
 */
export function toClaim(row: ClaimWithCompany, principal: Principal, { unreadMessages, checklist, rates }: ClaimReads, now = new Date()): Claim {
  const money = moneyOf(row);
  const mover = moverOf(principal);
  return {
    id: row.id,
    reference: row.reference,
    companyId: row.company_id,
    companyName: row.company_name,
    externalRef: row.external_ref,
    type: row.type,
    goods: row.goods,
    scope: row.scope,
    status: row.status,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    description: row.description,
    origin: row.origin,
    destination: row.destination,
    originCountry: row.origin_country,
    destinationCountry: row.destination_country,
    packages: row.packages,
    grossWeightKg: row.gross_weight_grams === null ? null : row.gross_weight_grams / 1000,
    declaredValue: money(row.declared_value_cents),
    claimedAmount: row.claimed_amount_cents === null ? null : money(row.claimed_amount_cents),
    liabilityLimit: liabilityLimitFor(row, principal, rates),
    outcome: row.outcome === null ? null : { result: row.outcome, amount: money(row.outcome_amount_cents ?? 0) },
    declineReason: row.decline_reason,
    incidentAt: row.incident_at,
    deadlineAt: row.deadline_at,
    deadline: {
      days: row.deadline_days,
      dayKind: row.deadline_day_kind,
      country: row.deadline_country,
      basis: { en: row.deadline_basis, es: row.deadline_basis_es ?? row.deadline_basis },
      state: deadlineState(row.status, row.deadline_at, now),
    },
    allowedTransitions: mover ? nextStatuses(row.status, mover) : [],
    actions: mover ? answersOf(row.status, mover) : [],
    needsAction: needsActionOf(row, principal),
    handler: handlerOf(row),
    phases: phasesOf(row.status),
    final: isFinal(row.status),
    documents: documentsOf(checklist),
    nextStep: nextStepOf(row, checklist, mover === 'handler' ? 'handler' : 'customer'),
    documentsStage: documentsStageOf(row.status),
    unreadMessages,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// What the summary and the claim say alike, beyond copying a column. Both are written out field by
// field, each in one shape (an absent limit is undefined, which JSON leaves out): the claim built
// by spreading its summary into it cost a page of whole claims a quarter more CPU, most of it in
// garbage collection.

const moneyOf = (row: Pick<ClaimSummaryRow, 'currency'>) => (amountCents: number) => ({ amountCents, currency: row.currency });

/** The limit for the operator's side; absent (left out of the JSON) for everyone else. */
function liabilityLimitFor(row: ClaimSummaryRow, principal: Principal, rates: RateBook | undefined): LiabilityLimit | undefined {
  return rates && seesLiabilityLimit(principal) && readLimitFacts(row) ? liabilityLimitOf(row, rates) : undefined;
}

/** Whether the row holds what its limit is counted from: a whole claim does, a summary when its page read them for such a reader. */
const readLimitFacts = (row: ClaimSummaryRow): row is ClaimSummaryRow & LiabilityFacts => row.incident_at !== undefined;

function needsActionOf(row: Pick<ClaimSummaryRow, 'status'>, principal: Principal): boolean {
  const mover = moverOf(principal);
  return mover !== null && awaits(row.status, mover);
}

const handlerOf = (row: Pick<ClaimSummaryRow, 'handler_id' | 'handler_name'>) => (row.handler_id === null ? null : { id: row.handler_id, name: row.handler_name ?? '' });

/**
 * A claim's version: its id and updatedAt, which every change of it moves — what If-Match holds a
 * correction to. Not of its JSON, as editable resources' are (api/http/conditional.ts): that
 * differs by reader and by the hour, and a correction made with If-Match must hold for whoever
 * read the claim, whenever. GET /claims/{id} starts its tag of the reader's view with it (viewEtag).
 */
export function claimEtag(row: Pick<ClaimWithCompany, 'id' | 'updated_at'>): string {
  return etagOf({ id: row.id, updatedAt: row.updated_at });
}

/** The version a claim's view tag starts with: claimEtag without its quotes. */
export const claimVersionOf = (row: Pick<ClaimWithCompany, 'id' | 'updated_at'>) => claimEtag(row).slice(1, -1);

/**
 * What of a claim differs between readers, beside the rows it is drawn from: the moves open to
 * them and whether it waits for them (their role), their unread messages (who they are), whether
 * they see liability limits. Two readers never share a tag.
 */
export function readerOf(principal: Principal): string {
  if (principal.kind === 'service') return 'service';
  if (principal.kind === 'companyKey') return `key:${principal.keyId}`;
  return `user:${principal.user.id}:${principal.role}`;
}

/**
 * When the claim's view changes by the clock alone: the instant its running deadline is missed
 * (deadlineState); null when none runs.
 */
export function redrawnAt(row: Pick<ClaimWithCompany, 'status' | 'deadline_at'>, now: Date): number | null {
  return deadlineState(row.status, row.deadline_at, now) === 'running' ? Date.parse(row.deadline_at) + 1 : null;
}

/** The soonest instant any of the claims' views changes by the clock alone. */
export function soonestRedrawn(rows: readonly Pick<ClaimWithCompany, 'status' | 'deadline_at'>[], now: Date): number | null {
  let soonest: number | null = null;
  for (const row of rows) {
    const at = redrawnAt(row, now);
    if (at !== null && (soonest === null || at < soonest)) soonest = at;
  }
  return soonest;
}

/**
 * The shapes of what claims' tags are drawn by: a deployment that changes the claim's or the
 * summary's schema changes every tag, so no client keeps a body of an older shape through a 304.
 */
export const REPRESENTATION = createHash('sha256')
  .update(JSON.stringify([z.toJSONSchema(ClaimSchema), z.toJSONSchema(ClaimSummarySchema)]))
  .digest('base64url')
  .slice(0, 12);
