import { sql, type Transaction } from 'kysely';
import type { ClaimStatus, ClaimType } from '../../domain/constants.ts';
import { DEADLINE_COUNTS_IN } from '../../domain/deadline-order.ts';
import { normaliseForSearch } from '../../domain/search.ts';
import { isPostgres, serializeEventAppends, type DB } from '../db/connect.ts';
import type { ClaimTable, Database } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import { leaveForCommit, type AtCommit, type Reaction } from '../events/record.ts';

/**
 * What the claim list reads instead of scanning claims, derived from the claims rows and kept
 * in step by the commands that write them, in the same transaction:
 * - claims.search_text, the text a search matches (indexed by trigrams on both engines);
 * - claim_counts, claims per status at every grain the list filters on without a search;
 * - claims.updated_at, the time of the claim's last event (claimActivity, a reaction).
 */

/**
 * The reaction that moves a claim's updatedAt to the time of each event about it — a move, a
 * document, a message — so a client polling GET /claims?updatedSince= meets every change. A read
 * receipt changes nothing the claim shows but one reader's unread count, so it does not count; a
 * claim's opening is its row's own time.
 * Appends are serialised until commit (events/record.ts), so updatedAt follows commit order and a
 * poller never finds an earlier updatedAt committing behind a later one it has read.
 */
export const claimActivity: Reaction = async (trx, event) => {
  // A claim just opened was inserted with the time, under the same lock.
  if (!('claimId' in event) || event.type === 'message.read' || event.type === 'claim.created') return;
  await touchClaim.execute(trx, null, { id: event.claimId, at: event.at });
};

/** claimActivity's update, built and compiled once (db/prepared.ts): nearly every event runs it. */
const touchClaim = prepared((db, _shape: null, param: { id: string; at: string }) => db.updateTable('claims').set({ updated_at: param.at }).where('id', '=', param.id));

/** The fields a search looks in, one per line so that no match spans two of them by accident. */
export const SEARCHED_COLUMNS = ['reference', 'tracking_number', 'carrier', 'description', 'external_ref'] as const;

export function searchTextOf(claim: Pick<ClaimTable, (typeof SEARCHED_COLUMNS)[number]>): string {
  return normaliseForSearch(SEARCHED_COLUMNS.map((column) => claim[column]).join('\n'));
}

/** A claim the search index is to hold as it commits: just opened, or amended (its row is replaced). */
interface Indexed {
  id: string;
  reference: string;
  amended: boolean;
}

/**
 * SQLite's search index (claims_search; PostgreSQL's trigram index is on the column itself) takes
 * the claims a transaction opened or amended at its end, all in one statement: FTS5 writes out
 * what it holds at every statement that follows a write to it, a segment each time, and a claim
 * indexed on its own cost intake as much as the rest of its row. The text is read from the claims
 * rows as they commit; a claim whose change was rolled back has no row, and no text indexed. An
 * amended claim's old row is found through the index by the claim's reference (its text's first
 * line, unique, which no amendment changes) and deleted first.
 */
const SEARCH_INDEX: AtCommit<Indexed> = {
  async write(trx, claims) {
    const byId = new Map<string, Indexed>();
    for (const claim of claims) byId.set(claim.id, { ...claim, amended: claim.amended || (byId.get(claim.id)?.amended ?? false) });
    for (const claim of byId.values()) {
      if (!claim.amended) continue;
      const reference = `"${normaliseForSearch(claim.reference).replaceAll('"', '""')}"`;
      await sql`delete from claims_search where claims_search match ${reference} and claim_id = ${claim.id}`.execute(trx);
    }
    await sql`insert into claims_search (claim_id, search_text)
      select id, search_text from claims where id in (select value from json_each(${JSON.stringify([...byId.keys()])}))`.execute(trx);
  },
};

/** Indexes the search text of a claim the change opens, once the change's transaction ends (SEARCH_INDEX). */
export function indexSearchText(trx: Transaction<Database>, claim: Pick<ClaimTable, 'id' | 'reference'>): void {
  if (!isPostgres(trx)) leaveForCommit(trx, SEARCH_INDEX, [{ id: claim.id, reference: claim.reference, amended: false }]);
}

/** Indexes again the search text of a claim whose search_text the change rewrites (an amendment), once its transaction ends. */
export function reindexSearchText(trx: Transaction<Database>, claim: Pick<ClaimTable, 'id' | 'reference'>): void {
  if (!isPostgres(trx)) leaveForCommit(trx, SEARCH_INDEX, [{ id: claim.id, reference: claim.reference, amended: true }]);
}

/** In claim_counts: a dimension summed over all its values, and the handler of unassigned claims. */
export const ALL = '';
export const UNASSIGNED = 'none';

/** What a claim is counted by. */
export type CountedClaim = Pick<ClaimTable, 'company_id' | 'handler_id' | 'type' | 'status'>;

interface CountKey {
  company_id: string;
  handler_id: string;
  type: ClaimType | typeof ALL;
  status: ClaimStatus;
}

/** The eight rows a claim adds to: its company or all, its handler (or none) or all, its type or all. */
function countKeysOf(claim: CountedClaim): CountKey[] {
  const keys: CountKey[] = [];
  for (const company_id of [claim.company_id, ALL]) {
    for (const handler_id of [claim.handler_id ?? UNASSIGNED, ALL]) {
      for (const type of [claim.type, ALL] as const) keys.push({ company_id, handler_id, type, status: claim.status });
    }
  }
  return keys;
}

/** A claim's move in claim_counts: from what it was counted as (null: it did not exist) to what it is. */
interface CountMove {
  before: CountedClaim | null;
  after: CountedClaim;
}

/**
 * claim_counts moved at the end of the transaction, by every claim of it at once: the rows are
 * shared by every claim of a company (and the "all" rows by every claim), so the moves are netted
 * into one statement (PostgreSQL's ON CONFLICT takes a row once per statement anyway).
 */
const CLAIM_COUNTS: AtCommit<CountMove> = {
  async write(trx, moves) {
    const deltas = new Map<string, { key: CountKey; n: number }>();
    const add = (claim: CountedClaim, n: number) => {
      for (const key of countKeysOf(claim)) {
        const id = JSON.stringify([key.company_id, key.handler_id, key.type, key.status]);
        const delta = deltas.get(id) ?? { key, n: 0 };
        delta.n += n;
        deltas.set(id, delta);
      }
    };
    for (const { before, after } of moves) {
      if (before) add(before, -1);
      add(after, 1);
    }
    const rows = [...deltas.values()].filter((delta) => delta.n !== 0).map(({ key, n }) => ({ ...key, n }));
    if (rows.length === 0) return;
    // Written under the log's lock always, the count rows are never taken in the other order: a
    // change holding them while it waits for the log, as the log's holder waits for them, was a
    // PostgreSQL deadlock (reliability/files-kill.test.ts).
    await serializeEventAppends(trx);
    await trx
      .insertInto('claim_counts')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['company_id', 'handler_id', 'type', 'status']).doUpdateSet((eb) => ({ n: eb('claim_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  },
};

/**
 * Moves a claim's weight in claim_counts from what it was (null: it did not exist) to what it is,
 * as the transaction that changes it commits (CLAIM_COUNTS). Every command that opens a claim or
 * changes its company, handler, type or status calls this, so the counts stay equal to a GROUP BY
 * over claims.
 */
export function recountClaim(trx: Transaction<Database>, before: CountedClaim | null, after: CountedClaim): void {
  leaveForCommit(trx, CLAIM_COUNTS, [{ before, after }]);
}

const REBUILD_BATCH = 500;

/**
 * Rewrites everything derived from the claims rows: search_text, the search index,
 * deadline_order (as domain/deadline-order.ts computes it) and claim_counts. For a bulk load that inserted claims directly (a seeder, a benchmark, an
 * import): call it once after the insert, not per claim. The write path keeps them exact
 * otherwise.
 */
export async function rebuildClaimReadModels(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await rewriteSearchText(trx);
    await sql`update claims set deadline_order = case when status in (${sql.join(DEADLINE_COUNTS_IN.map((status) => sql.lit(status)))}) then deadline_at else '~' || deadline_at end`.execute(trx);
    if (!isPostgres(trx)) {
      await sql`delete from claims_search`.execute(trx);
      await sql`insert into claims_search (claim_id, search_text) select id, search_text from claims`.execute(trx);
    }
    await trx.deleteFrom('claim_counts').execute();
    await insertCounts(trx);
  });
}

async function rewriteSearchText(trx: Transaction<Database>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await trx.selectFrom('claims').select(['id', ...SEARCHED_COLUMNS]).where('id', '>', after).orderBy('id').limit(REBUILD_BATCH).execute();
    if (rows.length === 0) return;
    const values = sql.join(rows.map((row) => sql`(${row.id}, ${searchTextOf(row)})`));
    await sql`with v (id, search_text) as (values ${values})
      update claims set search_text = (select v.search_text from v where v.id = claims.id)
      where id in (select id from v)`.execute(trx);
    after = rows.at(-1)!.id;
  }
}

/** claim_counts from a GROUP BY over claims, one statement per grain (each dimension kept or folded into ALL). */
async function insertCounts(trx: Transaction<Database>): Promise<void> {
  const dimensions = [
    { column: 'company_id', value: sql`company_id` },
    { column: 'handler_id', value: sql`coalesce(handler_id, ${sql.lit(UNASSIGNED)})` },
    { column: 'type', value: sql`type` },
  ];
  for (let grain = 0; grain < 2 ** dimensions.length; grain++) {
    const kept = dimensions.filter((_, i) => (grain & (1 << i)) === 0);
    const select = dimensions.map((d) => (kept.includes(d) ? sql`${d.value} as ${sql.ref(d.column)}` : sql`${sql.lit(ALL)} as ${sql.ref(d.column)}`));
    await sql`insert into claim_counts (company_id, handler_id, type, status, n)
      select ${sql.join(select)}, status, count(*) from claims group by ${sql.join([...kept.map((d) => d.value), sql`status`])}`.execute(trx);
  }
}
