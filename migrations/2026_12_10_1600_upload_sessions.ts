import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Resumable uploads (tus 1.0.0, issue 25): a document's file sent in chunks over a connection
// that may drop, resumed by any API process where it stopped. `upload_sessions` holds each
// upload's declared length, how much of it is stored (`received`, the tus Upload-Offset) and, once
// complete, the file it became; `upload_parts` the storage key of each chunk stored whole, in
// order. A part's key leaves the storage ledger (storage_pending) in the transaction that inserts
// its row and goes back in the one that deletes it, as a files row's does, so the ledger's sweep
// never takes the bytes of an upload still under way and always takes those of one that is not.
//
// A finished session (complete, or expired with its parts deleted) stays until `expires_at`, so a
// client that lost the last answer, or comes back late, learns what became of its upload.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('company_id', 'text', (col) => col.notNull().references('companies.id'))
    .addColumn('claim_id', 'text', (col) => col.notNull().references('claims.id'))
    .addColumn('requirement_id', 'text', (col) => col.notNull().references('claim_documents.id'))
    // Whose upload it is: a user, a company API key, or (neither) the operator's key.
    .addColumn('user_id', 'text', (col) => col.references('users.id'))
    .addColumn('key_id', 'text', (col) => col.references('api_keys.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('length', 'integer', (col) => col.notNull().check(sql`length > 0`))
    .addColumn('received', 'integer', (col) => col.notNull().defaultTo(0))
    // The type its first bytes showed, once they were enough to tell.
    .addColumn('type', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open').check(sql`status in ('open', 'complete', 'expired')`))
    // The files row it became; not a foreign key, since its uploader may remove the file meanwhile.
    .addColumn('file_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addCheckConstraint('upload_sessions_received_check', sql`received >= 0 and received <= length`)
    .execute();
  // The sweep finds what is due by this index: open sessions to expire, finished ones to forget.
  await db.schema.createIndex('upload_sessions_expires_idx').on('upload_sessions').columns(['expires_at', 'id']).execute();
  await sql`create unique index upload_sessions_uploader_key on upload_sessions ((coalesce(user_id, key_id, '')), idempotency_key) where idempotency_key is not null`.execute(db);

  await db.schema
    .createTable('upload_parts')
    .addColumn('session_id', 'text', (col) => col.notNull().references('upload_sessions.id'))
    .addColumn('first_byte', 'integer', (col) => col.notNull().check(sql`first_byte >= 0`))
    .addColumn('size', 'integer', (col) => col.notNull().check(sql`size > 0`))
    .addColumn('storage_key', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('upload_parts_pk', ['session_id', 'first_byte'])
    .execute();
}

// Uploads under way cannot be kept without their tables: their parts' keys go back to the
// ledger, whose sweep deletes the bytes. (`where true`: SQLite reads an upsert after a select so.)
export async function down(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  await sql`insert into storage_pending (key, created_at, removing_at) select storage_key, ${now}, null from upload_parts where true on conflict (key) do nothing`.execute(db);
  await db.schema.dropTable('upload_parts').execute();
  await db.schema.dropTable('upload_sessions').execute();
}
