import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The conversation of each claim between the company's users and the claims handler. A sender
// names each message with a client id it generates, unique per author and claim, so a retried
// send finds the message it already stored. How far each user has read is one row per user and
// claim, from which unread counts and read receipts ("visto") come.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('messages_author_client_unique', ['claim_id', 'author_id', 'client_id'])
    .execute();
  // Pages newest first by (created_at, id); unread counts walk the same index past a position.
  await db.schema.createIndex('messages_claim_created_idx').on('messages').columns(['claim_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('message_reads')
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('message_created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_reads_pk', ['claim_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_reads').execute();
  await db.schema.dropTable('messages').execute();
}
