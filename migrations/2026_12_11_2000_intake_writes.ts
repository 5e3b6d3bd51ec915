import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Less written per claim opened (issue 26):
// - SQLite: the trigger that indexed each claim's search text as its row was inserted goes. FTS5
//   writes out what it holds at every statement that follows a write to it, a segment each time,
//   so a claim indexed alone cost intake as much as the rest of its row; the write path now
//   indexes the claims a transaction opened at its end, all in one statement. Rows inserted past
//   the write path (a bulk load) are indexed by rebuilding the read models, as before.
// - (deadline_at, id) goes: the deadline warnings read deadline_order's index since it was made
//   (2026_11_28_1200_deadline_order), and nothing else seeks by deadline_at, which every claim
//   opened or corrected wrote to.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop trigger claims_search_insert`.execute(db);
  await db.schema.dropIndex('claims_deadline_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claims_deadline_idx').on('claims').columns(['deadline_at', 'id']).execute();
  if (!isPostgres(db)) {
    await sql`create trigger claims_search_insert after insert on claims begin
      insert into claims_search (claim_id, search_text) values (new.id, new.search_text);
    end`.execute(db);
  }
}
