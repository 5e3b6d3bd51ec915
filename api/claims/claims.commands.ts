import type { Transaction } from 'kysely';
import type { ClaimEventType, ClaimStatus } from '../../domain/constants.ts';
import type { Database } from '../db/database.ts';
import { InvalidValueError, NotFoundError } from '../errors.ts';
import type { Actor, ClaimEventData } from '../events/events.schema.ts';
import { record, type Append, type WriteDeps } from '../events/record.ts';
import { newId, nowIso } from '../ids.ts';
import { upsertCompany } from '../users/users.repository.ts';
import { findClaim, findClaimByExternalRef, nextReference, type ClaimWithCompany } from './claims.repository.ts';
import type { CreateClaimInput, TransitionInput } from './claims.schema.ts';
import { computeDeadline, FALLBACK_RULE, pickDeadlineRule } from './deadlines.ts';
import { assertTransition, type Mover } from './lifecycle.ts';

/**
 * Opens a claim for a company, or returns the one already opened for the same externalRef:
 * hosts retry, and a retry must not file the incident twice.
 */
export async function createClaim(
  deps: WriteDeps,
  input: CreateClaimInput,
  actor: Actor,
): Promise<{ claim: ClaimWithCompany; created: boolean }> {
  return record(deps, (trx, append) => openClaim(trx, append, input, actor)).catch(async (error: unknown) => {
    // Another process opened the same externalRef between our read and our insert.
    const winner = isUniqueViolation(error) ? await findClaimByExternalRef(deps.db, input.company.id, input.externalRef) : undefined;
    if (!winner) throw error;
    return { claim: winner, created: false };
  });
}

async function openClaim(trx: Transaction<Database>, append: Append, input: CreateClaimInput, actor: Actor) {
  const existing = await findClaimByExternalRef(trx, input.company.id, input.externalRef);
  if (existing) return { claim: existing, created: false };

  await upsertCompany(trx, input.company.id, input.company.name);
  const incidentAt = new Date(input.incidentAt);
  const rules = await trx.selectFrom('deadline_rules').selectAll().execute();
  const rule = pickDeadlineRule(rules, input) ?? FALLBACK_RULE;
  const now = nowIso();
  const id = newId('clm');
  await trx
    .insertInto('claims')
    .values({
      id,
      reference: await nextReference(trx, new Date(now)),
      company_id: input.company.id,
      external_ref: input.externalRef,
      type: input.type,
      goods: input.goods,
      scope: input.scope,
      status: 'notified',
      carrier: input.carrier,
      tracking_number: input.trackingNumber,
      description: input.description,
      origin: input.origin ?? null,
      destination: input.destination ?? null,
      packages: input.packages,
      currency: input.declaredValue.currency,
      declared_value_cents: input.declaredValue.amountCents,
      claimed_amount_cents: input.claimedAmount?.amountCents ?? null,
      outcome: null,
      outcome_amount_cents: null,
      decline_reason: null,
      incident_at: incidentAt.toISOString(),
      deadline_at: computeDeadline(incidentAt, rule.days, rule.day_kind).toISOString(),
      deadline_days: rule.days,
      deadline_day_kind: rule.day_kind,
      deadline_basis: rule.basis,
      deadline_basis_es: rule.basis_es,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await append({ type: 'claim.created', claimId: id, companyId: input.company.id, actor, data: { to: 'notified' } });
  return { claim: (await findClaim(trx, null, id))!, created: true };
}

/** SQLite says so in the message; PostgreSQL with SQLSTATE 23505. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: string }).code === '23505' || /UNIQUE constraint failed/.test(error.message);
}

export interface MoveRequest {
  claimId: string;
  /** The mover's company, or null for staff who see every company. */
  companyId: string | null;
  to: ClaimStatus;
  mover: Mover;
  actor: Actor;
  note?: string | undefined;
  reason?: string | undefined;
  outcome?: TransitionInput['outcome'];
  amount?: TransitionInput['amount'];
}

/** Accepting and declining are the customer's answers; every other move is a transition. */
const CUSTOMER_ANSWERS: Partial<Record<ClaimStatus, ClaimEventType>> = { documentation: 'claim.accepted', declined: 'claim.declined' };

/** Moves a claim one step through its lifecycle and logs who, when and why. */
export function moveClaim(deps: WriteDeps, move: MoveRequest): Promise<ClaimWithCompany> {
  return record(deps, async (trx, append) => {
    const current = await findClaim(trx, move.companyId, move.claimId);
    if (!current) throw new NotFoundError(`Claim ${move.claimId}`);
    assertTransition(current.status, move.to, move.mover);
    if (move.amount && move.amount.currency !== current.currency) {
      throw new InvalidValueError('amount.currency', `amount.currency must be ${current.currency}, the currency this claim is in.`);
    }
    await trx
      .updateTable('claims')
      .set({
        status: move.to,
        updated_at: nowIso(),
        ...(move.to === 'declined' ? { decline_reason: move.reason ?? null } : {}),
        ...(move.to === 'resolved' ? { outcome: move.outcome ?? null, outcome_amount_cents: move.amount?.amountCents ?? 0 } : {}),
      })
      .where('id', '=', current.id)
      .execute();
    const data: ClaimEventData = { from: current.status, to: move.to };
    if (move.note) data.note = move.note;
    if (move.reason) data.reason = move.reason;
    if (move.outcome) data.outcome = move.outcome;
    if (move.to === 'resolved') data.amount = { amountCents: move.amount?.amountCents ?? 0, currency: current.currency };
    const type = (move.mover === 'customer' && CUSTOMER_ANSWERS[move.to]) || 'claim.transitioned';
    await append({ type, claimId: current.id, companyId: current.company_id, actor: move.actor, data });
    return (await findClaim(trx, null, current.id))!;
  });
}
