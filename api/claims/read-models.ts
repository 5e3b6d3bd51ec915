import { sql, type Transaction } from 'kysely';
import type { ClaimStatus, ClaimType } from '../../domain/constants.ts';
import { DEADLINE_COUNTS_IN } from '../../domain/deadline-order.ts';
import { normaliseForSearch } from '../../domain/search.ts';
import { isPostgres, serializeEventAppends, type DB } from '../db/connect.ts';
import type { ClaimTable, Database } from '../db/database.ts';
import type { Reaction } from '../events/record.ts';

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
 * receipt changes nothing the claim shows but one reader's unread count, so it does not count.
 * Appends are serialised until commit (events/record.ts), so updatedAt follows commit order and a
 * poller never finds an earlier updatedAt committing behind a later one it has read.
 */
export const claimActivity: Reaction = async (trx, event) => {
  if (!('claimId' in event) || event.type === 'message.read') return;
  await trx.updateTable('claims').set({ updated_at: event.at }).where('id', '=', event.claimId).execute();
};

/** The fields a search looks in, one per line so that no match spans two of them by accident. */
export const SEARCHED_COLUMNS = ['reference', 'tracking_number', 'carrier', 'description', 'external_ref'] as const;

export function searchTextOf(claim: Pick<ClaimTable, (typeof SEARCHED_COLUMNS)[number]>): string {
  return normaliseForSearch(SEARCHED_COLUMNS.map((column) => claim[column]).join('\n'));
}

/**
 * Follows a claim whose search_text a command has just rewritten (an amendment), in the same
 * transaction. PostgreSQL's trigram index is on the column itself; SQLite's holds a copy
 * (claims_search, filled by a trigger on insert), whose row is found through that index by the
 * claim's reference — its text's first line, unique — and replaced.
 */
export async function reindexSearchText(trx: Transaction<Database>, claim: Pick<ClaimTable, 'id' | 'reference' | 'search_text'>): Promise<void> {
  if (isPostgres(trx)) return;
  const reference = `"${normaliseForSearch(claim.reference).replaceAll('"', '""')}"`;
  await sql`delete from claims_search where claims_search match ${reference} and claim_id = ${claim.id}`.execute(trx);
  await trx.insertInto('claims_search').values({ claim_id: claim.id, search_text: claim.search_text }).execute();
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

/**
 * Moves a claim's weight in claim_counts from what it was (null: it did not exist) to what it is,
 * in the transaction that changes it. Every command that opens a claim or changes its company,
 * handler, type or status calls this (or recountClaims), so the counts stay equal to a GROUP BY
 * over claims.
 */
export function recountClaim(trx: Transaction<Database>, before: CountedClaim | null, after: CountedClaim): Promise<void> {
  return recountClaims(trx, [{ before, after }]);
}

/** recountClaim for several claims at once, their moves netted into one statement: claims opened together share their count rows. */
export async function recountClaims(trx: Transaction<Database>, moves: ReadonlyArray<{ before: CountedClaim | null; after: CountedClaim }>): Promise<void> {
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
  // One row may appear once per statement (PostgreSQL's ON CONFLICT): the deltas are netted first.
  const rows = [...deltas.values()].filter((delta) => delta.n !== 0).map(({ key, n }) => ({ ...key, n }));
  if (rows.length === 0) return;
  // The count rows are shared by every claim of a company, and some changes write them after
  // appending (a batch counts its claims once they are all in; an upload that completes the
  // checklist moves the claim). Written under the log's lock always, they are never taken in
  // the other order: a change holding them while it waits for the log, as the log's holder waits
  // for them, was a PostgreSQL deadlock (reliability/files-kill.test.ts).
  await serializeEventAppends(trx);
  await trx
    .insertInto('claim_counts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['company_id', 'handler_id', 'type', 'status']).doUpdateSet((eb) => ({ n: eb('claim_counts.n', '+', eb.ref('excluded.n')) })),
    )
    .execute();
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
