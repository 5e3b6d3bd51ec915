import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The console's queue, soonest deadline first, showed resolved and closed claims on top: their
// deadlines are the oldest. claims.deadline_order is what that sort reads: the deadline while it
// counts (notified, documentation, review), and after every such claim the others, by deadline
// behind a '~' (after every ISO date). The list indexes of that sort move to it; the deadline
// warnings keep (deadline_at, id).

const COUNTING = sql`status in ('notified', 'documentation', 'review')`;

const DEADLINE_INDEXES: Record<string, string[]> = {
  claims_status_deadline_idx: ['status', 'deadline_at', 'id'],
  claims_company_deadline_idx: ['company_id', 'deadline_at', 'id'],
  claims_company_status_deadline_idx: ['company_id', 'status', 'deadline_at', 'id'],
  claims_handler_deadline_idx: ['handler_id', 'deadline_at', 'id'],
  claims_handler_status_deadline_idx: ['handler_id', 'status', 'deadline_at', 'id'],
};

const ordered = (columns: string[]) => columns.map((column) => (column === 'deadline_at' ? 'deadline_order' : column));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claims').addColumn('deadline_order', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`update claims set deadline_order = case when ${COUNTING} then deadline_at else '~' || deadline_at end`.execute(db);
  for (const [name, columns] of Object.entries(DEADLINE_INDEXES)) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('claims').columns(ordered(columns)).execute();
  }
  await db.schema.createIndex('claims_deadline_order_idx').on('claims').columns(['deadline_order', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claims_deadline_order_idx').execute();
  for (const [name, columns] of Object.entries(DEADLINE_INDEXES)) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('claims').columns(columns).execute();
  }
  await db.schema.alterTable('claims').dropColumn('deadline_order').execute();
}
