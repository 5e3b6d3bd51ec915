import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Uploads carry an Idempotency-Key: a client that retries an upload after a timeout (it cannot
// tell whether the first attempt was stored) sends the same key, and gets what the first stored
// rather than a second copy of the same bytes. One row per key and uploader, written in the
// transaction that records the files.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_requests')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('claim_id', 'text', (col) => col.notNull().references('claims.id'))
    // The document the files went to; null for chat attachments.
    .addColumn('requirement_id', 'text', (col) => col.references('claim_documents.id'))
    // The ids of the files stored, as a JSON array.
    .addColumn('file_ids', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('upload_requests_pk', ['user_id', 'idempotency_key'])
    .execute();
  // Keys are remembered for a day: the periodic sweep forgets older ones by this index.
  await db.schema.createIndex('upload_requests_created_idx').on('upload_requests').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upload_requests').execute();
}
