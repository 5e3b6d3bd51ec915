import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Integrations write to claims too (issue 22): the operator's key and company API keys upload
// documents and post messages. Their rows name no user, so an author is now a user
// (`author_id`, `uploaded_by_id`, `user_id`), a company key (`*_key_id`), or neither — the
// operator's key — and files say which kind uploaded them, as messages already did.
// - messages: author_id may be null, author_key_id names the key; a client id is unique per
//   author, whichever kind ('' stands for the operator's key).
// - files: uploaded_by_key_id and uploaded_by_kind (handler or user for the files before, from
//   their uploader's role); each key's attachments not sent yet are counted by an index of their own.
// - upload_requests: an upload's Idempotency-Key belongs to a user or a key.
//
// SQLite cannot relax NOT NULL or drop a table constraint in place: those tables are rebuilt,
// with foreign keys off (the migrator runs SQLite migrations outside a transaction; this one
// makes its own) and checked before it commits.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const UNSENT = sql<boolean>`requirement_id is null and message_id is null`;

const MESSAGE_COLUMNS = sql.raw('id, claim_id, company_id, author_id, author_name, author_kind, client_id, body, created_at');
const UPLOAD_COLUMNS = sql.raw('user_id, idempotency_key, claim_id, requirement_id, file_ids, created_at');

async function withoutForeignKeys(db: Kysely<any>, rebuild: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await rebuild(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error(`rows left without their referenced row: ${JSON.stringify(broken.rows.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table messages alter column author_id drop not null`.execute(db);
    await sql`alter table messages add column author_key_id text references api_keys (id)`.execute(db);
    await sql`alter table messages drop constraint messages_author_client_unique`.execute(db);
    await sql`alter table upload_requests drop constraint upload_requests_pk`.execute(db);
    await sql`alter table upload_requests alter column user_id drop not null`.execute(db);
    await sql`alter table upload_requests add column key_id text references api_keys (id)`.execute(db);
  } else {
    await withoutForeignKeys(db, async (trx) => {
      await sql`create table messages_new (
        id text primary key,
        claim_id text not null references claims (id),
        company_id text not null references companies (id),
        author_id text references users (id),
        author_key_id text references api_keys (id),
        author_name text not null,
        author_kind text not null,
        client_id text not null,
        body text not null,
        created_at text not null
      )`.execute(trx);
      await sql`insert into messages_new (${MESSAGE_COLUMNS}) select ${MESSAGE_COLUMNS} from messages`.execute(trx);
      await sql`drop table messages`.execute(trx);
      await sql`alter table messages_new rename to messages`.execute(trx);
      await trx.schema.createIndex('messages_claim_created_idx').on('messages').columns(['claim_id', 'created_at', 'id']).execute();

      await sql`create table upload_requests_new (
        user_id text references users (id),
        key_id text references api_keys (id),
        idempotency_key text not null,
        claim_id text not null references claims (id),
        requirement_id text references claim_documents (id),
        file_ids text not null,
        created_at text not null
      )`.execute(trx);
      await sql`insert into upload_requests_new (${UPLOAD_COLUMNS}) select ${UPLOAD_COLUMNS} from upload_requests`.execute(trx);
      await sql`drop table upload_requests`.execute(trx);
      await sql`alter table upload_requests_new rename to upload_requests`.execute(trx);
      await trx.schema.createIndex('upload_requests_created_idx').on('upload_requests').column('created_at').execute();
    });
  }
  await sql`create unique index messages_author_client_unique on messages (claim_id, (coalesce(author_id, author_key_id, '')), client_id)`.execute(db);
  await sql`create unique index upload_requests_uploader_key on upload_requests ((coalesce(user_id, key_id, '')), idempotency_key)`.execute(db);

  // One column a statement: SQLite adds no more at once.
  await db.schema.alterTable('files').addColumn('uploaded_by_key_id', 'text', (col) => col.references('api_keys.id')).execute();
  await db.schema
    .alterTable('files')
    .addColumn('uploaded_by_kind', 'text', (col) => col.notNull().defaultTo('user').check(sql`uploaded_by_kind in ('user', 'handler', 'system', 'service')`))
    .execute();
  await sql`update files set uploaded_by_kind = 'handler' where uploaded_by_id in (select id from users where role = 'handler')`.execute(db);
  await db.schema.createIndex('files_unsent_key_idx').on('files').column('uploaded_by_key_id').where(UNSENT).execute();
}

// What integrations wrote cannot be kept where every author is a user: their messages go (a read
// position on one goes with it; their attachments become unsent, and expire), as do their
// uploads' Idempotency-Keys. Their document files stay, with the name they were uploaded under.
export async function down(db: Kysely<any>): Promise<void> {
  const integrations = sql`select id from messages where author_id is null`;
  await sql`delete from message_reads where message_id in (${integrations})`.execute(db);
  await sql`update files set message_id = null where message_id in (${integrations})`.execute(db);
  await sql`delete from messages where author_id is null`.execute(db);
  await sql`delete from upload_requests where user_id is null`.execute(db);

  await db.schema.dropIndex('files_unsent_key_idx').execute();
  await db.schema.alterTable('files').dropColumn('uploaded_by_kind').execute();
  await db.schema.alterTable('files').dropColumn('uploaded_by_key_id').execute();
  await db.schema.dropIndex('upload_requests_uploader_key').execute();
  await db.schema.dropIndex('messages_author_client_unique').execute();

  if (isPostgres(db)) {
    await sql`alter table upload_requests drop column key_id`.execute(db);
    await sql`alter table upload_requests alter column user_id set not null`.execute(db);
    await sql`alter table upload_requests add constraint upload_requests_pk primary key (user_id, idempotency_key)`.execute(db);
    await sql`alter table messages drop column author_key_id`.execute(db);
    await sql`alter table messages alter column author_id set not null`.execute(db);
    await sql`alter table messages add constraint messages_author_client_unique unique (claim_id, author_id, client_id)`.execute(db);
    return;
  }
  await withoutForeignKeys(db, async (trx) => {
    await sql`create table messages_old (
      id text primary key,
      claim_id text not null references claims (id),
      company_id text not null references companies (id),
      author_id text not null references users (id),
      author_name text not null,
      author_kind text not null,
      client_id text not null,
      body text not null,
      created_at text not null,
      constraint messages_author_client_unique unique (claim_id, author_id, client_id)
    )`.execute(trx);
    await sql`insert into messages_old (${MESSAGE_COLUMNS}) select ${MESSAGE_COLUMNS} from messages`.execute(trx);
    await sql`drop table messages`.execute(trx);
    await sql`alter table messages_old rename to messages`.execute(trx);
    await trx.schema.createIndex('messages_claim_created_idx').on('messages').columns(['claim_id', 'created_at', 'id']).execute();

    await sql`create table upload_requests_old (
      user_id text not null references users (id),
      idempotency_key text not null,
      claim_id text not null references claims (id),
      requirement_id text references claim_documents (id),
      file_ids text not null,
      created_at text not null,
      constraint upload_requests_pk primary key (user_id, idempotency_key)
    )`.execute(trx);
    await sql`insert into upload_requests_old (${UPLOAD_COLUMNS}) select ${UPLOAD_COLUMNS} from upload_requests`.execute(trx);
    await sql`drop table upload_requests`.execute(trx);
    await sql`alter table upload_requests_old rename to upload_requests`.execute(trx);
    await trx.schema.createIndex('upload_requests_created_idx').on('upload_requests').column('created_at').execute();
  });
}
