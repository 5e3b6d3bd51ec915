import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A handler asks for a document from the chat (issue 24): one message both adds the document to
// the claim's checklist and says so in the conversation, where the customer uploads it. The
// message names the requirement it added, so the conversation can show where that document
// stands and send its files there. Null for every other message.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('requirement_id', 'text', (col) => col.references('claim_documents.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('requirement_id').execute();
}
