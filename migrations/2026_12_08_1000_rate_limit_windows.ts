import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The rate limits' counters when every API process must share them (PostgreSQL): one row per
// limited key and clock-aligned window, counted up by one upsert per event and deleted in the
// background once the window has ended. SQLite gets the table too, so both engines have the
// same schema, though its processes count in memory.
//
// Unlogged on PostgreSQL: a count is worth a minute, so it is not worth a WAL record and a
// flush on every failed sign-in or write. A crash empties the table, which only gives every
// client a fresh minute. No index on window_start: the background delete scans a table that
// only ever holds the last minute or two of keys.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_windows')
    .$call((table) => (isPostgres(db) ? table.modifyFront(sql`unlogged`) : table))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('window_start', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('rate_limit_windows_pk', ['key', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
}
