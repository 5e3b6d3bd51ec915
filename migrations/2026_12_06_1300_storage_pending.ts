import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Files: row and bytes agree. `storage_pending` is the ledger of storage keys whose bytes no
// files row owns, yet or any more: a key is entered (and committed) before its bytes are
// written, the transaction that inserts the files row takes it out, the one that deletes the row
// puts it back, and a periodic sweep deletes the bytes of keys left there past the longest
// request, then their entries. `removing_at` marks an entry whose bytes are being deleted: from
// then on no row may adopt the key. Nothing here lists a disk or a bucket.
//
// The files indexes serve the sweep (is a key still named by a row?) and the attachments not
// sent yet: each user's count and bytes (a quota), and their expiry.

const UNSENT = sql<boolean>`requirement_id is null and message_id is null`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('storage_pending')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('removing_at', 'text')
    .execute();
  await db.schema.createIndex('storage_pending_created_idx').on('storage_pending').columns(['created_at', 'key']).execute();
  await db.schema.createIndex('files_storage_key_idx').on('files').column('storage_key').execute();
  await db.schema.createIndex('files_thumbnail_key_idx').on('files').column('thumbnail_key').where(sql<boolean>`thumbnail_key is not null`).execute();
  await db.schema.createIndex('files_unsent_uploader_idx').on('files').column('uploaded_by_id').where(UNSENT).execute();
  await db.schema.createIndex('files_unsent_age_idx').on('files').column('uploaded_at').where(UNSENT).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('files_unsent_age_idx').execute();
  await db.schema.dropIndex('files_unsent_uploader_idx').execute();
  await db.schema.dropIndex('files_thumbnail_key_idx').execute();
  await db.schema.dropIndex('files_storage_key_idx').execute();
  await db.schema.dropTable('storage_pending').execute();
}
