import type { Transaction } from 'kysely';
import type { ClaimStatus } from '../../domain/constants.ts';
import { isUniqueViolation } from '../db/connect.ts';
import type { ClaimTable, Database, DeadlineRuleRow } from '../db/database.ts';
import type { Money } from '../domain.schema.ts';
import { ClaimFinalError, ExternalRefConflictError, InvalidValueError, NotFoundError } from '../errors.ts';
import type { Actor, ClaimEventData } from '../events/events.schema.ts';
import { record, type Append, type WriteDeps } from '../events/record.ts';
import { newId, nowIso } from '../ids.ts';
import { findUserById, upsertCompany } from '../users/users.repository.ts';
import { findClaim, findClaimByExternalRef, findClaimForChange, nextReference, type ClaimWithCompany } from './claims.repository.ts';
import type { AssignInput, CreateClaimInput, TransitionInput } from './claims.schema.ts';
import { HOME_COUNTRY } from './country-calendar.ts';
import { computeDeadline, deadlineCountry, deadlineRules, FALLBACK_RULE, pickDeadlineRule } from './deadlines.ts';
import { recountClaim, searchTextOf } from './read-models.ts';
import { assertTransition, eventOfMove, FINAL_STATUSES, isFinal, type Mover } from './lifecycle.ts';
import { deadlineOrderOf } from '../../domain/deadline-order.ts';

/**
 * Opens a claim for a company, or returns the one already opened for the same externalRef:
 * hosts retry, and a retry must not file the incident twice. A request that reuses an
 * externalRef with other values is refused rather than answered with a claim it did not describe.
 */
export async function createClaim(
  deps: WriteDeps,
  input: CreateClaimInput,
  actor: Actor,
): Promise<{ claim: ClaimWithCompany; created: boolean }> {
  const intake = intakeOf(input);
  const rules = await deadlineRules(deps.db);
  return record(deps, (trx, append) => openClaim(trx, append, input, intake, rules, actor)).catch(async (error: unknown) => {
    // Another process opened the same externalRef between our read and our insert.
    const winner = isUniqueViolation(error) ? await findClaimByExternalRef(deps.db, input.company.id, input.externalRef) : undefined;
    if (!winner) throw error;
    return { claim: repeated(winner, intake), created: false };
  });
}

/**
 * The columns a claim request fills, as they are stored: text trimmed (by the schema), times
 * in UTC, defaults applied. A retry is identical when these equal the stored ones.
 */
function intakeOf(input: CreateClaimInput) {
  // A national claim stays in one country: the one the host names, else Spain.
  const nationalCountry = input.originCountry ?? input.destinationCountry ?? HOME_COUNTRY;
  const national = input.scope === 'national';
  return {
    external_ref: input.externalRef,
    type: input.type,
    goods: input.goods,
    scope: input.scope,
    carrier: input.carrier,
    tracking_number: input.trackingNumber,
    description: input.description,
    origin: input.origin ?? null,
    destination: input.destination ?? null,
    origin_country: national ? nationalCountry : (input.originCountry ?? null),
    destination_country: national ? nationalCountry : (input.destinationCountry ?? null),
    packages: input.packages,
    currency: input.declaredValue.currency,
    declared_value_cents: input.declaredValue.amountCents,
    claimed_amount_cents: input.claimedAmount?.amountCents ?? null,
    incident_at: new Date(input.incidentAt).toISOString(),
  } satisfies Partial<ClaimTable>;
}

type Intake = ReturnType<typeof intakeOf>;

/** The request field behind each intake column, to name what differs in the words the host used. */
const REQUEST_FIELD: Record<keyof Intake, string> = {
  external_ref: 'externalRef',
  type: 'type',
  goods: 'goods',
  scope: 'scope',
  carrier: 'carrier',
  tracking_number: 'trackingNumber',
  description: 'description',
  origin: 'origin',
  destination: 'destination',
  origin_country: 'originCountry',
  destination_country: 'destinationCountry',
  packages: 'packages',
  currency: 'declaredValue.currency',
  declared_value_cents: 'declaredValue.amountCents',
  claimed_amount_cents: 'claimedAmount.amountCents',
  incident_at: 'incidentAt',
};

/** A stored value as a request today stores it: claims opened before text was trimmed compare on their trimmed text. */
const asStoredToday = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** The claim a repeated request asks for, or a conflict naming the fields it changed. */
function repeated(existing: ClaimWithCompany, intake: Intake): ClaimWithCompany {
  const differing = (Object.keys(intake) as Array<keyof Intake>)
    .filter((column) => asStoredToday(existing[column]) !== intake[column])
    .map((column) => REQUEST_FIELD[column]);
  if (differing.length > 0) throw new ExternalRefConflictError(existing.id, existing.reference, existing.external_ref, differing);
  return existing;
}

async function openClaim(
  trx: Transaction<Database>,
  append: Append,
  input: CreateClaimInput,
  intake: Intake,
  rules: readonly DeadlineRuleRow[],
  actor: Actor,
) {
  const existing = await findClaimByExternalRef(trx, input.company.id, input.externalRef);
  if (existing) return { claim: repeated(existing, intake), created: false };

  await upsertCompany(trx, input.company.id, input.company.name);
  const rule = pickDeadlineRule(rules, input) ?? FALLBACK_RULE;
  const country = deadlineCountry(rule.runs_in, { origin: intake.origin_country, destination: intake.destination_country });
  const now = nowIso();
  const id = newId('clm');
  const reference = await nextReference(trx, new Date(now));
  const deadlineAt = computeDeadline(new Date(intake.incident_at), rule.days, rule.day_kind, country).toISOString();
  await trx
    .insertInto('claims')
    .values({
      ...intake,
      id,
      reference,
      search_text: searchTextOf({ ...intake, reference }),
      company_id: input.company.id,
      status: 'notified',
      outcome: null,
      outcome_amount_cents: null,
      decline_reason: null,
      deadline_at: deadlineAt,
      deadline_order: deadlineOrderOf('notified', deadlineAt),
      deadline_days: rule.days,
      deadline_day_kind: rule.day_kind,
      deadline_country: country,
      deadline_basis: rule.basis,
      deadline_basis_es: rule.basis_es,
      handler_id: null,
      handler_name: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recountClaim(trx, null, { company_id: input.company.id, handler_id: null, type: intake.type, status: 'notified' });
  await append({ type: 'claim.created', claimId: id, companyId: input.company.id, actor, data: { to: 'notified' } });
  return { claim: (await findClaim(trx, null, id))!, created: true };
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

/** Moves a claim one step through its lifecycle and logs who, when and why. */
export function moveClaim(deps: WriteDeps, move: MoveRequest): Promise<ClaimWithCompany> {
  return record(deps, async (trx, append) => {
    const current = await findClaimForChange(trx, move.companyId, move.claimId);
    if (!current) throw new NotFoundError(`Claim ${move.claimId}`);
    return applyMove(trx, append, current, move);
  });
}

/**
 * A move inside a change already under way: the commands that move a claim as a consequence
 * (a document completing the checklist, a rejection sending it back) call this with their own
 * transaction, so the move and its cause commit together. `current` must have been read under
 * the claim's row lock (findClaimForChange, or the documents' lock), as the counts per status
 * move from what it says.
 */
export async function applyMove(
  trx: Transaction<Database>,
  append: Append,
  current: ClaimWithCompany,
  move: Omit<MoveRequest, 'claimId' | 'companyId'>,
): Promise<ClaimWithCompany> {
  assertTransition(current.status, move.to, move.mover);
  if (move.amount) assertPayable(move.amount, current);
  await trx
    .updateTable('claims')
    .set({
      status: move.to,
      deadline_order: deadlineOrderOf(move.to, current.deadline_at),
      updated_at: nowIso(),
      ...(move.to === 'declined' ? { decline_reason: move.reason ?? null } : {}),
      ...(move.to === 'resolved' ? { outcome: move.outcome ?? null, outcome_amount_cents: move.amount?.amountCents ?? 0 } : {}),
    })
    .where('id', '=', current.id)
    .execute();
  await recountClaim(trx, current, { ...current, status: move.to });
  const data: ClaimEventData = { from: current.status, to: move.to };
  if (move.note) data.note = move.note;
  if (move.reason) data.reason = move.reason;
  if (move.outcome) data.outcome = move.outcome;
  if (move.to === 'resolved') data.amount = { amountCents: move.amount?.amountCents ?? 0, currency: current.currency };
  await append({ type: eventOfMove(move.to, move.mover), claimId: current.id, companyId: current.company_id, actor: move.actor, data });
  return (await findClaim(trx, null, current.id))!;
}

/** An outcome pays at most what was claimed, or the declared value when no amount was claimed. */
function assertPayable(amount: Money, claim: ClaimWithCompany): void {
  if (amount.currency !== claim.currency) {
    throw new InvalidValueError('amount.currency', `amount.currency must be ${claim.currency}, the currency this claim is in.`);
  }
  const [limit, what] =
    claim.claimed_amount_cents === null
      ? [claim.declared_value_cents, 'the declared value, as no amount was claimed']
      : [claim.claimed_amount_cents, 'the amount claimed'];
  if (amount.amountCents > limit) {
    throw new InvalidValueError(
      'amount.amountCents',
      `amount.amountCents must be at most ${limit} (${claim.currency} cents): ${what}. A claim is never paid more than that.`,
    );
  }
}

/**
 * Assigns a claim to a claims handler: the caller themselves (taking it) or another handler
 * (reassigning it). Assigning the handler already assigned changes nothing and logs nothing, in
 * any status, so a retry is harmless; otherwise a declined or closed claim refuses (409), and
 * the handler must be a user with the handler role (400 naming handlerId). The claim keeps the
 * handler's name as it is now, which the company sees on the claim.
 */
export function assignClaim(deps: WriteDeps, claimId: string, input: AssignInput, actor: Actor): Promise<ClaimWithCompany> {
  return record(deps, async (trx, append) => {
    const current = await findClaimForChange(trx, null, claimId);
    if (!current) throw new NotFoundError(`Claim ${claimId}`);
    if (current.handler_id === input.handlerId) return current;
    assertAssignable(current.status);
    const handler = await findUserById(trx, input.handlerId);
    if (handler?.role !== 'handler') {
      throw new InvalidValueError(
        'handlerId',
        handler
          ? `handlerId ${input.handlerId} is a user of a customer company, not a claims handler: pick a handler from GET /handlers.`
          : `No claims handler has the id ${input.handlerId}: pick one from GET /handlers (a handler appears there once they have logged in).`,
      );
    }
    // Guarded by the state just read, so that a concurrent assignment or closing is not overwritten
    // unseen: PostgreSQL re-checks the guard once the other transaction commits.
    const updated = await trx
      .updateTable('claims')
      .set({ handler_id: handler.id, handler_name: handler.name, updated_at: nowIso() })
      .where('id', '=', current.id)
      .where('status', 'not in', FINAL_STATUSES)
      .where((eb) => eb.or([eb('handler_id', 'is', null), eb('handler_id', '<>', handler.id)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      // Someone else got there first: either the same assignment (nothing left to do) or a final status.
      const now = (await findClaim(trx, null, current.id))!;
      if (now.handler_id === handler.id) return now;
      assertAssignable(now.status);
      throw new Error(`Claim ${current.id}: the assignment's guarded update matched no row, for no reason it knows.`);
    }
    await recountClaim(trx, current, { ...current, handler_id: handler.id });
    const data: ClaimEventData = { handler: { id: handler.id, name: handler.name } };
    if (input.note) data.note = input.note;
    await append({ type: 'claim.assigned', claimId: current.id, companyId: current.company_id, actor, data });
    return (await findClaim(trx, null, current.id))!;
  });
}

function assertAssignable(status: ClaimStatus): void {
  if (isFinal(status)) {
    throw new ClaimFinalError(status, 'its handler can no longer be changed');
  }
}
