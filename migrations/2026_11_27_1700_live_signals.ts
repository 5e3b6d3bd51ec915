import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Ephemeral live signals (typing) reach the other processes through PostgreSQL NOTIFY; SQLite
// cannot notify, so processes sharing one SQLite file relay them through this small table,
// read when `PRAGMA data_version` moves and pruned after a minute. PostgreSQL does not need it.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createTable('live_signals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_signals_created_idx').on('live_signals').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropTable('live_signals').execute();
}
