import type { Transaction } from 'kysely';
import { AMENDABLE_CLAIM_FIELDS, type AmendableClaimField, type ClaimStatus } from '../../domain/constants.ts';
import { isUniqueViolation } from '../db/connect.ts';
import { insertRows } from '../db/insert-rows.ts';
import type { ClaimTable, Database, DeadlineRuleRow } from '../db/database.ts';
import type { Money } from '../domain.schema.ts';
import { ClaimFinalError, ClaimNotAmendableError, ExternalRefConflictError, InvalidClaimError, InvalidValueError, NotFoundError } from '../errors.ts';
import type { Actor, ClaimChange, ClaimEventData } from '../events/events.schema.ts';
import { record, type Append, type Change, type WriteDeps } from '../events/record.ts';
import { assertIfMatch } from '../http/conditional.ts';
import { newId, nowIso } from '../ids.ts';
import { findUserById, upsertCompany } from '../users/users.repository.ts';
import { findClaim, findClaimByExternalRef, findClaimForChange, nextReference, type ClaimWithCompany } from './claims.repository.ts';
import { CreateClaimSchema, type AmendClaimInput, type AssignInput, type CreateClaimInput, type TransitionInput } from './claims.schema.ts';
import { HOME_COUNTRY } from './country-calendar.ts';
import { computeDeadline, deadlineCountry, deadlineRules, FALLBACK_RULE, pickDeadlineRule } from './deadlines.ts';
import { claimEtag } from './claims.resource.ts';
import { indexSearchText, recountClaim, reindexSearchText, searchTextOf } from './read-models.ts';
import { assertTransition, eventOfMove, FINAL_STATUSES, isBeforeFiling, isFinal, type Mover } from './lifecycle.ts';
import { deadlineOrderOf } from '../../domain/deadline-order.ts';

/**
 * Opens a claim for a company, or returns the one already opened for the same externalRef:
 * hosts retry, and a retry must not file the incident twice. A request that reuses an
 * externalRef with other values is refused rather than answered with a claim it did not describe.
 * A retry finds its claim before the write path: it neither waits for nor holds the log's lock,
 * and a claim not found then is not looked for again inside it (the unique externalRef meets
 * another request's opening it meanwhile, and the change runs again and finds it).
 */
export async function createClaim(
  deps: WriteDeps,
  input: CreateClaimInput,
  actor: Actor,
): Promise<{ claim: ClaimWithCompany; created: boolean }> {
  const found = await findClaimByExternalRef(deps.db, input.company.id, input.externalRef);
  const opened = found ? repeatOf(found, intakeOf(input)) : (await openInOneChange(deps, [input], await deadlineRules(deps.db), actor, true))[0]!;
  if (opened.created) return opened;
  const { claim, differing } = opened;
  if (differing.length > 0) throw new ExternalRefConflictError(claim.id, claim.reference, claim.external_ref, differing);
  return { claim, created: false };
}

/** What became of one claim asked for: opened now (as stored: its row and the company's name it set), or found opened already (`differing`: the fields a repeat changed, if any). */
export type Opened = { claim: ClaimWithCompany; created: true } | { claim: ClaimWithCompany; created: false; differing: readonly string[] };

/**
 * How many claims of a batch share one transaction: enough that a commit's wait for the disk is
 * shared by many claims, few enough that other writers wait at most a few tens of milliseconds
 * behind one (SQLite's single writer; PostgreSQL's lock on the event log, held until commit).
 */
export const CLAIMS_PER_COMMIT = 100;

/**
 * Opens many claims as createClaim opens one, each with its events, checklist and notifications,
 * CLAIMS_PER_COMMIT to a transaction, and says what became of each, in order. An externalRef met
 * twice is opened once: the second is answered as a repeat of the first.
 */
export async function createClaims(deps: WriteDeps, inputs: readonly CreateClaimInput[], actor: Actor): Promise<Opened[]> {
  const rules = await deadlineRules(deps.db);
  const opened: Opened[] = [];
  for (let start = 0; start < inputs.length; start += CLAIMS_PER_COMMIT) {
    opened.push(...(await openInOneChange(deps, inputs.slice(start, start + CLAIMS_PER_COMMIT), rules, actor)));
  }
  return opened;
}

/** How many times a change is run again when another request opened one of its externalRefs as it ran. */
const RACED_ATTEMPTS = 3;

/** `notFoundBefore`: the externalRefs were just looked up and not found, so the first run does not look again. */
async function openInOneChange(
  deps: WriteDeps,
  inputs: readonly CreateClaimInput[],
  rules: readonly DeadlineRuleRow[],
  actor: Actor,
  notFoundBefore = false,
): Promise<Opened[]> {
  let attempt = 1;
  const change: Change<Opened[]> = async (trx, append) => {
    const lookUp = attempt > 1 || !notFoundBefore;
    const opened: Opened[] = [];
    for (const input of inputs) opened.push(await openClaim(trx, append, input, rules, actor, lookUp));
    return opened;
  };
  for (; ; attempt++) {
    try {
      return await record(deps, change);
    } catch (error) {
      // Another process opened one of these externalRefs between our read and our insert: run
      // again, the claim it opened is found and answered as a repeat.
      if (!isUniqueViolation(error) || attempt === RACED_ATTEMPTS) throw error;
    }
  }
}

/** Kilograms as stored, in whole grams: the schema takes at most 3 decimals, which the float may hold a hair off. */
const gramsOf = (kg: number) => Math.round(kg * 1000);

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
    gross_weight_grams: input.grossWeightKg === undefined ? null : gramsOf(input.grossWeightKg),
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
  gross_weight_grams: 'grossWeightKg',
  currency: 'declaredValue.currency',
  declared_value_cents: 'declaredValue.amountCents',
  claimed_amount_cents: 'claimedAmount.amountCents',
  incident_at: 'incidentAt',
};

/** A stored value as a request today stores it: claims opened before text was trimmed compare on their trimmed text. */
const asStoredToday = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** A claim asked for again: the one opened already, with the fields the repeat changed. */
function repeatOf(existing: ClaimWithCompany, intake: Intake): Opened {
  return { claim: existing, created: false, differing: differingColumns(existing, intake).map((column) => REQUEST_FIELD[column]) };
}

/** The intake columns whose values differ from the stored claim's. */
function differingColumns(existing: ClaimWithCompany, intake: Intake): Array<keyof Intake> {
  return (Object.keys(intake) as Array<keyof Intake>).filter((column) => asStoredToday(existing[column]) !== intake[column]);
}

/** Which deadline a claim of these facts gets in `status`: from the most specific rule, counted in the country it runs in. */
function deadlineOf(rules: readonly DeadlineRuleRow[], facts: Intake, status: ClaimStatus) {
  const rule = pickDeadlineRule(rules, facts) ?? FALLBACK_RULE;
  const country = deadlineCountry(rule.runs_in, { origin: facts.origin_country, destination: facts.destination_country });
  const deadlineAt = computeDeadline(new Date(facts.incident_at), rule.days, rule.day_kind, country).toISOString();
  return {
    deadline_at: deadlineAt,
    deadline_order: deadlineOrderOf(status, deadlineAt),
    deadline_days: rule.days,
    deadline_day_kind: rule.day_kind,
    deadline_country: country,
    deadline_basis: rule.basis,
    deadline_basis_es: rule.basis_es,
  } satisfies Partial<ClaimTable>;
}

/**
 * One claim of a change that opens claims: its row and its claim.created event (with what the
 * reactions derive from it), or the claim already opened for its externalRef. Its counts and its
 * search text follow as the transaction commits, with those of the other claims opened in it.
 */
async function openClaim(
  trx: Transaction<Database>,
  append: Append,
  input: CreateClaimInput,
  rules: readonly DeadlineRuleRow[],
  actor: Actor,
  lookUp: boolean,
): Promise<Opened> {
  const intake = intakeOf(input);
  const existing = lookUp ? await findClaimByExternalRef(trx, input.company.id, input.externalRef) : undefined;
  if (existing) return repeatOf(existing, intake);

  const companyName = await upsertCompany(trx, input.company.id, input.company.name);
  const now = nowIso();
  const id = newId('clm');
  const reference = await nextReference(trx, new Date(now));
  const row: ClaimTable = {
    ...intake,
    ...deadlineOf(rules, intake, 'notified'),
    id,
    reference,
    search_text: searchTextOf({ ...intake, reference }),
    company_id: input.company.id,
    status: 'notified',
    outcome: null,
    outcome_amount_cents: null,
    decline_reason: null,
    handler_id: null,
    handler_name: null,
    created_at: now,
    updated_at: now,
  };
  await insertRows(trx, 'claims', [row]);
  recountClaim(trx, null, row);
  indexSearchText(trx, row);
  await append({ type: 'claim.created', claimId: id, companyId: input.company.id, actor, data: { to: 'notified' } }, row);
  return { claim: { ...row, company_name: companyName }, created: true };
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
      ...(move.to === 'declined' ? { decline_reason: move.reason ?? null } : {}),
      ...(move.to === 'resolved' ? { outcome: move.outcome ?? null, outcome_amount_cents: move.amount?.amountCents ?? 0 } : {}),
    })
    .where('id', '=', current.id)
    .execute();
  recountClaim(trx, current, { ...current, status: move.to });
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
      .set({ handler_id: handler.id, handler_name: handler.name })
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
    recountClaim(trx, current, { ...current, handler_id: handler.id });
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

export interface AmendRequest {
  claimId: string;
  /** The amender's company, or null for those who see every company. */
  companyId: string | null;
  patch: AmendClaimInput;
  actor: Actor;
  /** If-Match: the change goes ahead only while the claim's ETag is this (claimEtag). */
  ifMatch?: string | undefined;
}

/** How a claim field reads on the Claim resource, from the claim's columns: what a claim.amended change shows. */
const FIELD_VALUE: Record<AmendableClaimField, (row: ClaimTable) => ClaimChange['from']> = {
  carrier: (row) => row.carrier,
  trackingNumber: (row) => row.tracking_number,
  description: (row) => row.description,
  incidentAt: (row) => row.incident_at,
  declaredValue: (row) => ({ amountCents: row.declared_value_cents, currency: row.currency }),
  claimedAmount: (row) => (row.claimed_amount_cents === null ? null : { amountCents: row.claimed_amount_cents, currency: row.currency }),
  origin: (row) => row.origin,
  destination: (row) => row.destination,
  originCountry: (row) => row.origin_country,
  destinationCountry: (row) => row.destination_country,
  packages: (row) => row.packages,
  grossWeightKg: (row) => (row.gross_weight_grams === null ? null : row.gross_weight_grams / 1000),
};

/** The intake columns the deadline is counted from (besides type, goods and scope, which a correction never changes). */
const DEADLINE_FACTS: ReadonlyArray<keyof Intake> = ['incident_at', 'origin_country', 'destination_country'];

/**
 * Corrects facts of a claim as it was opened (a JSON merge patch of AMENDABLE_CLAIM_FIELDS) while
 * it has not been filed: the claim, so corrected, must be one intake would take, and what derives
 * from the facts follows them — its deadline (counted as intake counts it), what a search finds.
 * One claim.amended event lists each field before and after; a patch that changes nothing logs nothing.
 * With If-Match, only while the claim is as the caller read it.
 */
export async function amendClaim(deps: WriteDeps, request: AmendRequest): Promise<ClaimWithCompany> {
  const rules = await deadlineRules(deps.db);
  return record(deps, async (trx, append) => {
    const current = await findClaimForChange(trx, request.companyId, request.claimId);
    if (!current) throw new NotFoundError(`Claim ${request.claimId}`);
    assertIfMatch(request.ifMatch, claimEtag(current), `Claim ${current.reference}`);
    if (!isBeforeFiling(current.status)) throw new ClaimNotAmendableError(current.status);
    const intake = intakeOf(amendedInput(current, request.patch));
    const columns = differingColumns(current, intake);
    if (columns.length === 0) return current;

    const amended: ClaimTable = { ...current, ...Object.fromEntries(columns.map((column) => [column, intake[column]])) };
    if (columns.some((column) => DEADLINE_FACTS.includes(column))) Object.assign(amended, deadlineOf(rules, intake, current.status));
    amended.search_text = searchTextOf(amended);
    const changed = (Object.keys(amended) as Array<keyof ClaimTable>).filter((column) => amended[column] !== current[column]);
    await trx
      .updateTable('claims')
      .set(Object.fromEntries(changed.map((column) => [column, amended[column]])))
      .where('id', '=', current.id)
      .execute();
    if (changed.includes('search_text')) reindexSearchText(trx, amended);

    const changes: ClaimChange[] = AMENDABLE_CLAIM_FIELDS.map((field) => ({ field, from: FIELD_VALUE[field](current), to: FIELD_VALUE[field](amended) })).filter(
      (change) => JSON.stringify(asStoredToday(change.from)) !== JSON.stringify(change.to),
    );
    if (amended.deadline_at !== current.deadline_at) changes.push({ field: 'deadlineAt', from: current.deadline_at, to: amended.deadline_at });
    await append({ type: 'claim.amended', claimId: current.id, companyId: current.company_id, actor: request.actor, data: { changes } });
    return (await findClaim(trx, null, current.id))!;
  });
}

/**
 * The claim as intake would take it with the patch applied (null takes an optional field out),
 * judged by intake's own schema: a correction may not make a claim intake would refuse.
 */
function amendedInput(claim: ClaimWithCompany, patch: AmendClaimInput): CreateClaimInput {
  const money = (amountCents: number | null) => (amountCents === null ? undefined : { amountCents, currency: claim.currency });
  const merged: Record<string, unknown> = {
    company: { id: claim.company_id },
    externalRef: claim.external_ref,
    type: claim.type,
    goods: claim.goods,
    scope: claim.scope,
    carrier: claim.carrier,
    trackingNumber: claim.tracking_number,
    description: claim.description,
    incidentAt: claim.incident_at,
    declaredValue: money(claim.declared_value_cents),
    claimedAmount: money(claim.claimed_amount_cents),
    origin: claim.origin ?? undefined,
    destination: claim.destination ?? undefined,
    originCountry: claim.origin_country ?? undefined,
    destinationCountry: claim.destination_country ?? undefined,
    packages: claim.packages,
    grossWeightKg: claim.gross_weight_grams === null ? undefined : claim.gross_weight_grams / 1000,
  };
  for (const [field, value] of Object.entries(patch)) merged[field] = value ?? undefined;
  const result = CreateClaimSchema.safeParse(merged);
  if (!result.success) {
    throw new InvalidClaimError(result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })));
  }
  return result.data;
}
