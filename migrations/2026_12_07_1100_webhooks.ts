import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Webhooks: endpoints that receive the events their company may see, sent from an outbox the
// write path fills in the event's transaction, as emails are.
// - webhook_endpoints: where to send, which event types, and the signing secret (sealed; the
//   previous one stays valid for a while after a rotation). company_id null is the operator's
//   endpoint, which receives every company's events.
// - webhook_deliveries: one body for one endpoint, fixed when queued; its id is the
//   `webhook-id` header, the same on every attempt. An endpoint's pending deliveries go out one
//   at a time in id order (an event's delivery id starts with the event id), so the worker reads,
//   per endpoint, the oldest pending one.
// - webhook_attempts: every attempt at a delivery, for the delivery log.
// An endpoint Claimdesk disables (410 Gone, or failing for 3 days) is told to its company's
// admins as a notification of kind webhook_disabled, which is about no claim: notifications
// take that kind, and a null claim_id for it. SQLite changes a check or a NOT NULL only by
// rebuilding the table, keeping every row and id.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const CLAIM_KINDS = sql`kind in ('claim_created', 'status_changed', 'document_requested', 'document_rejected', 'message', 'deadline_approaching')`;
const KINDS = sql`kind in ('claim_created', 'status_changed', 'document_requested', 'document_rejected', 'message', 'deadline_approaching', 'webhook_disabled')`;
// Every kind but webhook_disabled is about a claim.
const CLAIM_OF_KIND = sql`(claim_id is null) = (kind = 'webhook_disabled')`;

export async function up(db: Kysely<any>): Promise<void> {
  const eventIdType = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('previous_secret_ciphertext', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    .addColumn('secret_prefix', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`enabled in (0, 1)`))
    .addColumn('disabled_reason', 'text', (c) => c.check(sql`disabled_reason in ('gone', 'failing', 'manual')`))
    .addColumn('disabled_at', 'text')
    .addColumn('failing_since', 'text')
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // What the write path reads with every change: the enabled endpoints of the event's company and the operator's.
  await db.schema.createIndex('webhook_endpoints_company_idx').on('webhook_endpoints').columns(['company_id', 'enabled']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_id', eventIdType, (c) => c.references('claim_events.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_latency_ms', 'integer')
    .addColumn('last_response', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  // The worker's question, per endpoint: the oldest pending delivery. Also a filtered delivery log.
  await db.schema.createIndex('webhook_deliveries_endpoint_status_idx').on('webhook_deliveries').columns(['endpoint_id', 'status', 'id']).execute();
  // An endpoint's delivery log, newest first.
  await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery_idx').on('webhook_attempts').columns(['delivery_id', 'at']).execute();

  await rebuildNotifications(db, { claimId: 'text', checks: [KINDS, CLAIM_OF_KIND] });
}

export async function down(db: Kysely<any>): Promise<void> {
  const claimless = db.selectFrom('notifications').select('id').where('claim_id', 'is', null);
  const emails = db.selectFrom('email_outbox').select('id').where('notification_id', 'in', claimless);
  await db.deleteFrom('mailbox').where('outbox_id', 'in', emails).execute();
  await db.deleteFrom('email_outbox').where('notification_id', 'in', claimless).execute();
  await db.deleteFrom('notifications').where('claim_id', 'is', null).execute();
  await rebuildNotifications(db, { claimId: 'text not null', checks: [CLAIM_KINDS] });
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}

/**
 * Gives notifications.claim_id its nullability and the table its checks: in place on PostgreSQL;
 * SQLite copies the table into a new one, with foreign keys off while the old one is dropped and
 * the new one renamed (email_outbox refers to it), in one transaction, and checks them after.
 */
async function rebuildNotifications(db: Kysely<any>, { claimId, checks }: { claimId: 'text' | 'text not null'; checks: ReturnType<typeof sql>[] }): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table notifications alter column claim_id ${sql.raw(claimId === 'text' ? 'drop' : 'set')} not null`.execute(db);
    await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
    await sql`alter table notifications drop constraint if exists notifications_claim_of_kind`.execute(db);
    await sql`alter table notifications add constraint notifications_kind_check check (${checks[0]!})`.execute(db);
    if (checks[1]) await sql`alter table notifications add constraint notifications_claim_of_kind check (${checks[1]})`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await sql`create table notifications_next (
        id text primary key,
        user_id text not null references users (id),
        company_id text not null references companies (id),
        claim_id ${sql.raw(claimId)} references claims (id),
        kind text not null,
        event_id integer not null references claim_events (id),
        last_event_id integer not null references claim_events (id),
        data text not null,
        count integer not null default 1,
        created_at text not null,
        updated_at text not null,
        read_at text,
        constraint notifications_user_event_unique unique (user_id, event_id),
        ${sql.join(checks.map((check) => sql`check (${check})`))}
      )`.execute(db);
      await sql`insert into notifications_next (id, user_id, company_id, claim_id, kind, event_id, last_event_id, data, count, created_at, updated_at, read_at)
        select id, user_id, company_id, claim_id, kind, event_id, last_event_id, data, count, created_at, updated_at, read_at from notifications`.execute(db);
      await sql`drop table notifications`.execute(db);
      await sql`alter table notifications_next rename to notifications`.execute(db);
      await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'last_event_id']).execute();
      await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at', 'claim_id', 'kind']).execute();
      await db.schema.createIndex('notifications_event_idx').on('notifications').column('last_event_id').execute();
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`rebuilding notifications broke ${broken.rows.length} foreign keys`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
