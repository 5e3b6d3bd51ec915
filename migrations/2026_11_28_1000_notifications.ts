import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Notifications and the email they may cause, both written with the event that causes them.
// - companies.default_notifications: the channel a company's new members get.
// - notifications: one per user told about an event (chat bursts fold into one unread row).
// - email_outbox: the emails to send, one per notification and recipient, which workers claim
//   with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL) and send once, with backoff on failure.
// - mailbox: where emails are kept when no SMTP server is configured (the demo shows it).
// - deadline_alerts: which deadline warnings a claim has had, so each is given once.
// The event log learns company events (company.updated): neither claim nor user, so the
// one-subject check admits them, and only them, with neither.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const ACTOR_KINDS = sql`actor_kind in ('user', 'handler', 'system', 'service')`;
const SUBJECT = sql`((claim_id is null) <> (user_id is null)) or (claim_id is null and user_id is null and type like 'company.%')`;
const ONE_SUBJECT = sql`(claim_id is null) <> (user_id is null)`;
const CHANNELS = sql`in ('in_app', 'in_app_and_email')`;
const KINDS = sql`kind in ('claim_created', 'status_changed', 'document_requested', 'document_rejected', 'message', 'deadline_approaching')`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  const eventIdType = postgres ? 'bigint' : 'integer';

  await sql`alter table companies add column default_notifications text not null default 'in_app' check (default_notifications ${CHANNELS})`.execute(db);
  // Administrators are told by email too unless someone chose otherwise for them.
  await sql`update users set notifications = 'in_app_and_email'
    where role = 'admin' and notifications = 'in_app'
      and not exists (select 1 from claim_events e where e.user_id = users.id and e.type = 'user.updated')`.execute(db);

  await rebuildSubjectCheck(db, SUBJECT);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
    .addColumn('event_id', eventIdType, (c) => c.notNull().references('claim_events.id'))
    .addColumn('last_event_id', eventIdType, (c) => c.notNull().references('claim_events.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_user_event_unique', ['user_id', 'event_id'])
    .execute();
  // A user's list, newest first by the last event that touched each row.
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'last_event_id']).execute();
  // The unread count, and the unread row a chat burst folds into.
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at', 'claim_id', 'kind']).execute();
  // What the live feed pushes after reading the log past its mark.
  await db.schema.createIndex('notifications_event_idx').on('notifications').column('last_event_id').execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'skipped', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('email_outbox_notification_user_unique', ['notification_id', 'user_id'])
    .execute();
  await db.schema.createIndex('email_outbox_due_idx').on('email_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('mailbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().unique().references('email_outbox.id'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mailbox_created_idx').on('mailbox').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('deadline_alerts')
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('threshold_hours', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deadline_alerts_pk', ['claim_id', 'threshold_hours'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadline_alerts').execute();
  await db.schema.dropTable('mailbox').execute();
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.dropTable('notifications').execute();
  await sql`delete from claim_events where claim_id is null and user_id is null`.execute(db);
  await rebuildSubjectCheck(db, ONE_SUBJECT);
  await sql`alter table companies drop column default_notifications`.execute(db);
}

/** Replaces claim_events' one-subject check: in place on PostgreSQL; SQLite rebuilds the table, keeping every id and the sequence. */
async function rebuildSubjectCheck(db: Kysely<any>, check: ReturnType<typeof sql>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table claim_events drop constraint claim_events_one_subject`.execute(db);
    await sql`alter table claim_events add constraint claim_events_one_subject check (${check})`.execute(db);
    return;
  }
  await sql`create table claim_events_next (
    id integer primary key autoincrement,
    claim_id text references claims (id),
    company_id text not null references companies (id),
    user_id text references users (id),
    type text not null,
    actor_kind text not null check (${ACTOR_KINDS}),
    actor_id text,
    actor_name text not null,
    data text not null,
    created_at text not null,
    check (${check})
  )`.execute(db);
  await sql`insert into claim_events_next (id, claim_id, company_id, user_id, type, actor_kind, actor_id, actor_name, data, created_at)
    select id, claim_id, company_id, user_id, type, actor_kind, actor_id, actor_name, data, created_at from claim_events`.execute(db);
  await sql`delete from sqlite_sequence where name = 'claim_events_next'`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select 'claim_events_next', seq from sqlite_sequence where name = 'claim_events'`.execute(db);
  await sql`drop table claim_events`.execute(db);
  await sql`alter table claim_events_next rename to claim_events`.execute(db);
  await db.schema.createIndex('claim_events_company_idx').on('claim_events').columns(['company_id', 'id']).execute();
  await db.schema.createIndex('claim_events_claim_idx').on('claim_events').columns(['claim_id', 'id']).execute();
}
