import type { Principal } from '../auth/principal.ts';
import { etagOf } from '../http/conditional.ts';
import type { ChecklistRow, ClaimWithCompany } from './claims.repository.ts';
import type { Claim } from './claims.schema.ts';
import { liabilityLimitOf, seesLiabilityLimit, type RateBook } from '../liability/limits.ts';
import { answersOf, awaits, deadlineState, documentsStageOf, isFinal, nextStatuses, phasesOf, type Mover } from './lifecycle.ts';
import { documentsOf, nextStepOf } from './next-step.ts';

/** Who the principal is when it moves a claim; a backend (the operator's or a company's) moves nothing by hand. */
export function moverOf(principal: Principal): Mover | null {
  if (principal.kind !== 'user') return null;
  return principal.role === 'handler' ? 'handler' : 'customer';
}

/**
 * What a claim's resource reads besides its row: the caller's unread messages, its checklist
 * (listChecklists) and, for a reader who sees liability limits, the rates (ratesFor).
 */
export interface ClaimReads {
  unreadMessages: number;
  checklist: readonly ChecklistRow[];
  rates?: RateBook | undefined;
}

/**
 * The claim as its reader needs to draw it: what they may do, whether it waits for them, what it
 * asks of them next, where it and its documents stand, and how many of its messages they have not read.
 */
export function toClaim(row: ClaimWithCompany, principal: Principal, { unreadMessages, checklist, rates }: ClaimReads, now = new Date()): Claim {
  const money = (amountCents: number) => ({ amountCents, currency: row.currency });
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
    ...(rates && seesLiabilityLimit(principal) ? { liabilityLimit: liabilityLimitOf(row, rates) } : {}),
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
    needsAction: mover !== null && awaits(row.status, mover),
    handler: row.handler_id === null ? null : { id: row.handler_id, name: row.handler_name ?? '' },
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

/**
 * A claim's ETag: of the claim itself, its id and updatedAt, which every change of it moves. Not
 * of its JSON, as editable resources' are (api/http/conditional.ts): that differs by reader and
 * by the hour (unread messages, the moves open to them, the deadline's state), and a correction
 * made with If-Match must hold for whoever read the claim, whenever.
 */
export function claimEtag(row: Pick<ClaimWithCompany, 'id' | 'updated_at'>): string {
  return etagOf({ id: row.id, updatedAt: row.updated_at });
}
