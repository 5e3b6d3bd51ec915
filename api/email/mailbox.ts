import type { Selectable } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { MailboxTable } from '../db/database.ts';

// The local mailbox (see mailboxTransport): the emails Claimdesk would have sent, for the demo page.

export interface MailboxEntry {
  id: string;
  outboxId: string;
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}

/** The newest `limit` emails kept, newest first. */
export async function listMailbox(db: DB, { limit = 50 }: { limit?: number } = {}): Promise<MailboxEntry[]> {
  const rows = await db.selectFrom('mailbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(entryOf);
}

export async function getMailboxEntry(db: DB, id: string): Promise<MailboxEntry | undefined> {
  const row = await db.selectFrom('mailbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && entryOf(row);
}

function entryOf(row: Selectable<MailboxTable>): MailboxEntry {
  return {
    id: row.id,
    outboxId: row.outbox_id,
    messageId: row.message_id,
    to: row.to_address,
    subject: row.subject,
    html: row.html,
    text: row.text,
    createdAt: row.created_at,
  };
}
