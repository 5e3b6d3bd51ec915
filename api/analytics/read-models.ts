import { sql, type Transaction } from 'kysely';
import { serializeEventAppends, type DB } from '../db/connect.ts';
import { insertRows } from '../db/insert-rows.ts';
import { prepared } from '../db/prepared.ts';
import type { AnalyticsClaimRow, AnalyticsPhaseDayTable, AnalyticsPhaseStayRow, AnalyticsReviewRow, ClaimTable, Database } from '../db/database.ts';
import type { ClaimEventData } from '../events/events.schema.ts';
import { leaveForCommit, writeLeftForCommitNow, type AtCommit, type Reaction } from '../events/record.ts';
import type { Logger } from '../observability/logger.ts';
import type { LiabilityRateKind } from '../../domain/constants.ts';
import { readRateBook } from '../liability/rates.repository.ts';
import type { RateBook } from '../liability/limits.ts';
import { nowIso } from '../ids.ts';
import type { ClaimEventType } from '../../domain/constants.ts';
import { applyEvent, CHANGED_BY, FACT_COLUMNS, factsOf, foldHistory, NEEDS_FACTS, NO_HISTORY, type ClaimFacts, type ClaimHistory, type HistoryEvent } from './history.ts';

// The analytics read models: each claim's history as history.ts derives it from the log (a row
// per claim, its stays in each phase, its documents' review rounds), and the stays counted per
// day (analytics_phase_days). The reaction keeps them in each event's transaction; the rebuild
// writes them from the log with the same derivation.

type Trx = Transaction<Database>;

/** The name read_model_versions knows these read models by. */
const READ_MODEL = 'analytics';
/**
 * The version of the derivation (history.ts) the rows were built with. Raise it when the step
 * changes what it derives: each deployment then rebuilds them from the log once, as it starts.
 */
export const ANALYTICS_VERSION = 2;

const TRACKED_TYPES = Object.keys(CHANGED_BY) as ClaimEventType[];

/** A claim's facts as the reaction reads them for most events: prepared once (db/prepared.ts). */
const claimFacts = prepared((db, _shape: null, param: { id: string }) => db.selectFrom('claims').select(FACT_COLUMNS).where('id', '=', param.id));

/**
 * The rates each write-path transaction read, once: the changes committed together share it, and
 * rates are recorded in a transaction of their own (liability.routes.ts), never in one of these.
 */
const ratesOfTransaction = new WeakMap<Trx, Promise<RateBook>>();

/** The facts of a claim: of the row its change just inserted (`opened`, with claim.created), else as stored. */
async function factsOfClaim(trx: Trx, claimId: string, opened: Readonly<ClaimTable> | undefined): Promise<ClaimFacts | null> {
  const row = opened ?? (await claimFacts.execute(trx, null, { id: claimId }))[0];
  if (!row) return null;
  let rates = ratesOfTransaction.get(trx);
  if (!rates) ratesOfTransaction.set(trx, (rates = readRateBook(trx)));
  return factsOf(row, await rates);
}

/** The parts of one claim's history an event may change, as stored; the others are left empty and unwritten. */
async function loadHistory(trx: Trx, claimId: string, parts: ReadonlySet<string>): Promise<ClaimHistory> {
  await writeLeftForCommitNow(trx, OPENED_HISTORIES);
  const claim = await trx.selectFrom('analytics_claims').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
  const stays = parts.has('stays') ? await trx.selectFrom('analytics_phase_stays').selectAll().where('claim_id', '=', claimId).orderBy('seq').execute() : [];
  const reviews = parts.has('reviews') ? await trx.selectFrom('analytics_reviews').selectAll().where('claim_id', '=', claimId).orderBy('seq').execute() : [];
  return { claim: claim ?? null, stays, reviews };
}

/**
 * The reaction that keeps the analytics in step with the log (registered in app.ts): each event
 * that changes what they know is applied to its claim's rows, in the event's transaction.
 */
export const analyticsOnEvent: Reaction = async (trx, event) => {
  if (!('claimId' in event)) return;
  const parts = CHANGED_BY[event.type];
  if (!parts) return;
  const facts = NEEDS_FACTS.has(event.type) ? await factsOfClaim(trx, event.claimId, event.opened) : null;
  if (NEEDS_FACTS.has(event.type) && !facts) return;
  const opening = event.type === 'claim.created';
  const before = opening ? NO_HISTORY : await loadHistory(trx, event.claimId, new Set(parts));
  const after = applyEvent(before, { type: event.type, at: event.at, actor: event.actor, data: event.data as ClaimEventData }, facts);
  if (opening) {
    leaveForCommit(trx, OPENED_HISTORIES, [after]);
    countPhaseDays(trx, before.stays, after.stays);
  } else await storeChanges(trx, before, after);
};

/**
 * The first rows of the claims a transaction opens, written at its end for all of them (AtCommit):
 * none is read before a later event of its claim, and loadHistory writes them first.
 */
const OPENED_HISTORIES: AtCommit<ClaimHistory> = {
  async write(trx, histories) {
    await insertRows(trx, 'analytics_claims', histories.flatMap((history) => (history.claim ? [history.claim] : [])));
    await insertRows(trx, 'analytics_phase_stays', histories.flatMap((history) => history.stays));
    await insertRows(trx, 'analytics_reviews', histories.flatMap((history) => history.reviews));
  },
};

const sameRow = (a: object, b: object) => Object.entries(a).every(([key, value]) => (b as Record<string, unknown>)[key] === value);

/** Writes what the step changed: the claim's row, its stays and review rounds, and the stays counted per day. */
async function storeChanges(trx: Trx, before: ClaimHistory, after: ClaimHistory): Promise<void> {
  if (after.claim && !before.claim) await insertRows(trx, 'analytics_claims', [after.claim]);
  else if (after.claim && before.claim && !sameRow(after.claim, before.claim)) {
    const { claim_id, ...columns } = after.claim;
    await trx.updateTable('analytics_claims').set(columns).where('claim_id', '=', claim_id).execute();
  }
  await storeRows(trx, 'analytics_phase_stays', before.stays, after.stays);
  await storeRows(trx, 'analytics_reviews', before.reviews, after.reviews);
  countPhaseDays(trx, before.stays, after.stays);
}

/** A claim's stays or review rounds, by their seq: those new or changed written in one statement, those gone deleted. */
async function storeRows<T extends AnalyticsPhaseStayRow | AnalyticsReviewRow>(
  trx: Trx,
  table: 'analytics_phase_stays' | 'analytics_reviews',
  before: readonly T[],
  after: readonly T[],
): Promise<void> {
  const was = new Map(before.map((row) => [row.seq, row]));
  const written = after.filter((row) => {
    const old = was.get(row.seq);
    was.delete(row.seq);
    return !old || !sameRow(row, old);
  });
  // A claim's first rows (as it is opened) are all new: no conflict to settle.
  if (before.length === 0) await insertRows(trx, table, written as never);
  else if (written.length > 0) {
    const columns = Object.keys(written[0]!).filter((column) => column !== 'claim_id' && column !== 'seq');
    await trx
      .insertInto(table)
      .values(written as never)
      .onConflict((oc) => oc.columns(['claim_id', 'seq']).doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}` as never)])) as never))
      .execute();
  }
  for (const gone of was.values()) await trx.deleteFrom(table).where('claim_id', '=', gone.claim_id).where('seq', '=', gone.seq).execute();
}

type PhaseDay = Pick<AnalyticsPhaseDayTable, 'day' | 'status' | 'type' | 'scope'>;
type PhaseDayDelta = PhaseDay & { entered: number; exited: number };

/**
 * analytics_phase_days moved at the end of the transaction, by every event of it at once: the
 * rows are shared by every claim of a day, status, type and scope (the claims a burst opens add
 * to one row), so the deltas are netted into one statement, written under the log's lock as all
 * reactions write: never taken in another order.
 */
const PHASE_DAYS: AtCommit<PhaseDayDelta> = {
  async write(trx, deltas) {
    const netted = new Map<string, PhaseDayDelta>();
    for (const delta of deltas) {
      const id = JSON.stringify([delta.day, delta.status, delta.type, delta.scope]);
      const sum = netted.get(id);
      if (sum) {
        sum.entered += delta.entered;
        sum.exited += delta.exited;
      } else netted.set(id, { ...delta });
    }
    const rows = [...netted.values()].filter((row) => row.entered !== 0 || row.exited !== 0);
    if (rows.length === 0) return;
    await trx
      .insertInto('analytics_phase_days')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['day', 'status', 'type', 'scope']).doUpdateSet((eb) => ({
          entered: eb('analytics_phase_days.entered', '+', eb.ref('excluded.entered')),
          exited: eb('analytics_phase_days.exited', '+', eb.ref('excluded.exited')),
        })),
      )
      .execute();
  },
};

/**
 * Moves analytics_phase_days from what the claim's stays added to it before to what they add now
 * (at the end of the transaction, PHASE_DAYS): each stay one entry on the day it began and, once it
 * ended, one exit on that day. So the table stays equal to a GROUP BY over the stays (the rebuild
 * writes it so).
 */
function countPhaseDays(trx: Trx, before: readonly AnalyticsPhaseStayRow[], after: readonly AnalyticsPhaseStayRow[]): void {
  const deltas: PhaseDayDelta[] = [];
  const add = (stay: AnalyticsPhaseStayRow, sign: number) => {
    const mark = (at: string, column: 'entered' | 'exited') =>
      deltas.push({ day: at.slice(0, 10), status: stay.status, type: stay.type, scope: stay.scope, entered: 0, exited: 0, [column]: sign });
    mark(stay.entered_at, 'entered');
    if (stay.left_at !== null) mark(stay.left_at, 'exited');
  };
  for (const stay of before) add(stay, -1);
  for (const stay of after) add(stay, 1);
  leaveForCommit(trx, PHASE_DAYS, deltas);
}

/**
 * Counts again the liability limits a rate just recorded changes: those of the claims whose rate
 * day falls from its day to the next day recorded for its kind (a claim of the other rule, or
 * without a weight, counts the same as before and is left alone). Run in the rate's transaction
 * after the log's lock: a claim opened meanwhile is counted either here or, with the rate, by its
 * own reaction. Resolves to the claims whose limit changed.
 */
export async function recountLiabilityLimits(trx: Trx, kind: LiabilityRateKind, effectiveFrom: string): Promise<number> {
  const rates = await readRateBook(trx);
  // The kind's days newest first: the one recorded after effectiveFrom is the last of those later.
  const nextDay = rates.get(kind)?.filter((rate) => rate.effective_from > effectiveFrom).at(-1)?.effective_from;
  // A rate day is the incident's day on Spain's clock: its UTC day, or the one after. So the
  // claims it may move happened from the UTC day before effectiveFrom to the start of nextDay.
  const dayBefore = new Date(Date.parse(effectiveFrom) - 86_400_000).toISOString().slice(0, 10);
  let changed = 0;
  for (let after = ''; ; ) {
    let query = trx
      .selectFrom('claims')
      .select(FACT_COLUMNS)
      .where('id', '>', after)
      .where('gross_weight_grams', 'is not', null)
      .where('incident_at', '>=', dayBefore);
    if (nextDay) query = query.where('incident_at', '<', nextDay);
    const claims = await query.orderBy('id').limit(REBUILD_BATCH).execute();
    if (claims.length === 0) return changed;
    const stored = new Map(
      (await trx.selectFrom('analytics_claims').select(['claim_id', 'limit_cents']).where('claim_id', 'in', claims.map((claim) => claim.id)).execute()).map((row) => [
        row.claim_id,
        row.limit_cents,
      ]),
    );
    const byLimit = new Map<number | null, string[]>();
    for (const claim of claims) {
      const { limit_cents } = factsOf(claim, rates);
      if (!stored.has(claim.id) || stored.get(claim.id) === limit_cents) continue;
      byLimit.set(limit_cents, [...(byLimit.get(limit_cents) ?? []), claim.id]);
      changed++;
    }
    for (const [limit, ids] of byLimit) await trx.updateTable('analytics_claims').set({ limit_cents: limit }).where('claim_id', 'in', ids).execute();
    after = claims.at(-1)!.id;
  }
}

/** Claims folded, and their rows inserted, per step of the rebuild. */
const REBUILD_BATCH = 500;
/** Bind parameters per INSERT, under both engines' limits (SQLite 32,766; PostgreSQL 65,535). */
const PARAMETERS_PER_INSERT = 30_000;

export interface AnalyticsBuild {
  claims: number;
  events: number;
}

/**
 * Rewrites the analytics from the log: every claim's events folded by the same step the reaction
 * applies (history.ts), the claim's facts read from its row, and the stays counted per day. For a
 * log written past the write path (a seeder that backdates events, a benchmark's generated set,
 * an import) and for a deployment whose rows an older derivation built. Appends wait until it
 * commits (the log's lock), so no event is both replayed and applied. With `ifBehind`, only when
 * the rows are not of ANALYTICS_VERSION: two processes starting together rebuild once. Resolves
 * to what it read, or null when there was nothing to do.
 */
export async function rebuildAnalytics(db: DB, { ifBehind = false } = {}): Promise<AnalyticsBuild | null> {
  return db.transaction().execute(async (trx) => {
    await serializeEventAppends(trx);
    if (ifBehind && (await builtVersion(trx)) === ANALYTICS_VERSION) return null;
    for (const table of ['analytics_phase_days', 'analytics_reviews', 'analytics_phase_stays', 'analytics_claims'] as const) await trx.deleteFrom(table).execute();
    const built: AnalyticsBuild = { claims: 0, events: 0 };
    const rates = await readRateBook(trx);
    for (let after = ''; ; ) {
      const claims = await trx.selectFrom('claims').select(FACT_COLUMNS).where('id', '>', after).orderBy('id').limit(REBUILD_BATCH).execute();
      if (claims.length === 0) break;
      const events = await trx
        .selectFrom('claim_events')
        .select(['claim_id', 'type', 'actor_kind', 'actor_id', 'data', 'created_at'])
        .where('claim_id', 'in', claims.map((claim) => claim.id))
        .where('type', 'in', TRACKED_TYPES)
        .orderBy('claim_id')
        .orderBy('id')
        .execute();
      const byClaim = new Map<string, HistoryEvent[]>();
      for (const row of events) {
        const list = byClaim.get(row.claim_id!) ?? [];
        list.push({ type: row.type as ClaimEventType, at: row.created_at, actor: { kind: row.actor_kind, id: row.actor_id }, data: JSON.parse(row.data) as ClaimEventData });
        byClaim.set(row.claim_id!, list);
      }
      const histories = claims.map((claim) => foldHistory(factsOf(claim, rates), byClaim.get(claim.id) ?? []));
      await insertAll(trx, 'analytics_claims', histories.flatMap((history) => (history.claim ? [history.claim] : [])));
      await insertAll(trx, 'analytics_phase_stays', histories.flatMap((history) => history.stays));
      await insertAll(trx, 'analytics_reviews', histories.flatMap((history) => history.reviews));
      built.claims += claims.length;
      built.events += events.length;
      after = claims.at(-1)!.id;
    }
    await sql`insert into analytics_phase_days (day, status, type, scope, entered, exited)
      select day, status, type, scope, sum(entered), sum(exited) from (
        select substr(entered_at, 1, 10) as day, status, type, scope, 1 as entered, 0 as exited from analytics_phase_stays
        union all
        select substr(left_at, 1, 10), status, type, scope, 0, 1 from analytics_phase_stays where left_at is not null
      ) as flows
      group by day, status, type, scope`.execute(trx);
    const version = { version: ANALYTICS_VERSION, built_at: nowIso() };
    await trx
      .insertInto('read_model_versions')
      .values({ name: READ_MODEL, ...version })
      .onConflict((oc) => oc.column('name').doUpdateSet(version))
      .execute();
    return built;
  });
}

async function builtVersion(db: DB | Trx): Promise<number | null> {
  const row = await db.selectFrom('read_model_versions').select('version').where('name', '=', READ_MODEL).executeTakeFirst();
  return row ? Number(row.version) : null;
}

async function insertAll<T extends AnalyticsClaimRow | AnalyticsPhaseStayRow | AnalyticsReviewRow>(
  trx: Trx,
  table: 'analytics_claims' | 'analytics_phase_stays' | 'analytics_reviews',
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const perInsert = Math.floor(PARAMETERS_PER_INSERT / Object.keys(rows[0]!).length);
  for (let start = 0; start < rows.length; start += perInsert) await trx.insertInto(table).values(rows.slice(start, start + perInsert) as never).execute();
}

/**
 * Brings the analytics up to ANALYTICS_VERSION as the server starts: on the first start after
 * the migration that made them (an existing deployment's history is replayed into them), and
 * after an upgrade that changed their derivation. Otherwise one read. The server answers no
 * request until it is done.
 */
export async function catchUpAnalytics(db: DB, logger?: Logger): Promise<AnalyticsBuild | null> {
  if ((await builtVersion(db)) === ANALYTICS_VERSION) return null;
  const started = Date.now();
  logger?.info({ component: 'analytics' }, 'analytics: building the read models from the event log (first start of this version)');
  const built = await rebuildAnalytics(db, { ifBehind: true });
  if (built) logger?.info({ component: 'analytics', ...built, ms: Date.now() - started }, `analytics: ${built.claims} claims and ${built.events} events replayed`);
  return built;
}
