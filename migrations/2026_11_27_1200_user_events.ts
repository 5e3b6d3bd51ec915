import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The event log also records changes to a user's claims access and notification channel, so
// the live feed can end the streams of a user who lost access and audit who changed what.
// Such events concern a user rather than a claim: claim_id becomes optional, user_id names the
// user, and exactly one of the two is set. actor_kind gets the CHECK it lacked.

const ACTOR_KINDS = sql`actor_kind in ('user', 'handler', 'system', 'service')`;
const ONE_SUBJECT = sql`(claim_id is null) <> (user_id is null)`;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table claim_events alter column claim_id drop not null`.execute(db);
    await sql`alter table claim_events add column user_id text references users (id)`.execute(db);
    await sql`alter table claim_events add constraint claim_events_one_subject check (${ONE_SUBJECT})`.execute(db);
    await sql`alter table claim_events add constraint claim_events_actor_kind check (${ACTOR_KINDS})`.execute(db);
    return;
  }
  // SQLite cannot relax NOT NULL in place: rebuild the table, keeping every id and the
  // autoincrement position, so ids stay strictly increasing across the migration.
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
    check (${ONE_SUBJECT})
  )`.execute(db);
  await sql`insert into claim_events_next (id, claim_id, company_id, type, actor_kind, actor_id, actor_name, data, created_at)
    select id, claim_id, company_id, type, actor_kind, actor_id, actor_name, data, created_at from claim_events`.execute(db);
  await keepSequence(db, 'claim_events', 'claim_events_next');
  await sql`drop table claim_events`.execute(db);
  await sql`alter table claim_events_next rename to claim_events`.execute(db);
  await createIndexes(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // User events cannot be kept in a log whose every row names a claim.
  await sql`delete from claim_events where claim_id is null`.execute(db);
  if (isPostgres(db)) {
    await sql`alter table claim_events drop constraint claim_events_actor_kind`.execute(db);
    await sql`alter table claim_events drop constraint claim_events_one_subject`.execute(db);
    await sql`alter table claim_events drop column user_id`.execute(db);
    await sql`alter table claim_events alter column claim_id set not null`.execute(db);
    return;
  }
  await sql`create table claim_events_previous (
    id integer primary key autoincrement,
    claim_id text not null references claims (id),
    company_id text not null references companies (id),
    type text not null,
    actor_kind text not null,
    actor_id text,
    actor_name text not null,
    data text not null,
    created_at text not null
  )`.execute(db);
  await sql`insert into claim_events_previous (id, claim_id, company_id, type, actor_kind, actor_id, actor_name, data, created_at)
    select id, claim_id, company_id, type, actor_kind, actor_id, actor_name, data, created_at from claim_events`.execute(db);
  await keepSequence(db, 'claim_events', 'claim_events_previous');
  await sql`drop table claim_events`.execute(db);
  await sql`alter table claim_events_previous rename to claim_events`.execute(db);
  await createIndexes(db);
}

async function keepSequence(db: Kysely<any>, from: string, to: string): Promise<void> {
  await sql`delete from sqlite_sequence where name = ${to}`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select ${to}, seq from sqlite_sequence where name = ${from}`.execute(db);
}

async function createIndexes(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claim_events_company_idx').on('claim_events').columns(['company_id', 'id']).execute();
  await db.schema.createIndex('claim_events_claim_idx').on('claim_events').columns(['claim_id', 'id']).execute();
}
