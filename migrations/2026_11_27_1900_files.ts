import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Files are no longer only documents: a message can carry attachments too. The table of uploaded
// files becomes `files`, where a file belongs to a requirement (a document), to a message (an
// attachment), or — between its upload and the message that sends it — to neither yet. Both keys
// become optional; every row and id is kept.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const COLUMNS = sql.raw(
  'id, requirement_id, claim_id, company_id, name, size, type, sha256, storage_key, thumbnail_key, uploaded_by_id, uploaded_by_name, uploaded_at',
);

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table document_files rename to files`.execute(db);
    await sql`alter index document_files_requirement_idx rename to files_requirement_idx`.execute(db);
    await sql`alter table files alter column requirement_id drop not null`.execute(db);
    await sql`alter table files add column message_id text references messages (id)`.execute(db);
  } else {
    // SQLite cannot relax NOT NULL in place: a new table, the rows copied over.
    await sql`create table files (
      id text primary key,
      requirement_id text references claim_documents (id),
      message_id text references messages (id),
      claim_id text not null references claims (id),
      company_id text not null references companies (id),
      name text not null,
      size integer not null,
      type text not null,
      sha256 text not null,
      storage_key text not null,
      thumbnail_key text,
      uploaded_by_id text references users (id),
      uploaded_by_name text not null,
      uploaded_at text not null
    )`.execute(db);
    await sql`insert into files (${COLUMNS}) select ${COLUMNS} from document_files`.execute(db);
    await sql`drop table document_files`.execute(db);
    await db.schema.createIndex('files_requirement_idx').on('files').columns(['requirement_id', 'uploaded_at']).execute();
  }
  await db.schema.createIndex('files_message_idx').on('files').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Attachments cannot be kept in a table of documents only.
  await sql`delete from files where requirement_id is null`.execute(db);
  await db.schema.dropIndex('files_message_idx').execute();
  if (isPostgres(db)) {
    await sql`alter table files drop column message_id`.execute(db);
    await sql`alter table files alter column requirement_id set not null`.execute(db);
    await sql`alter index files_requirement_idx rename to document_files_requirement_idx`.execute(db);
    await sql`alter table files rename to document_files`.execute(db);
    return;
  }
  await sql`create table document_files (
    id text primary key,
    requirement_id text not null references claim_documents (id),
    claim_id text not null references claims (id),
    company_id text not null references companies (id),
    name text not null,
    size integer not null,
    type text not null,
    sha256 text not null,
    storage_key text not null,
    thumbnail_key text,
    uploaded_by_id text references users (id),
    uploaded_by_name text not null,
    uploaded_at text not null
  )`.execute(db);
  await sql`insert into document_files (${COLUMNS}) select ${COLUMNS} from files`.execute(db);
  await sql`drop table files`.execute(db);
  await db.schema.createIndex('document_files_requirement_idx').on('document_files').columns(['requirement_id', 'uploaded_at']).execute();
}
