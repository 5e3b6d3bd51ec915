import { expressionBuilder, type Expression, type Transaction } from 'kysely';
import { writerId, writtenBy, type Writer } from '../auth/writer.ts';
import type { DB } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import type { Database, FileRow, MessageRow } from '../db/database.ts';
import { KIND_LABEL_COLUMNS } from '../documents/kind-texts.ts';
import { InvalidCursorError } from '../errors.ts';
import type { MessageDocumentRequest } from '../events/events.schema.ts';
import type { Attachment, ListMessagesQuery, Message } from './chat.schema.ts';
import { toDocumentRequest } from './document-request.ts';

type Reader = DB | Transaction<Database>;

export function toAttachment(row: FileRow): Attachment {
  return { id: row.id, name: row.name, size: row.size, type: row.type, hasThumbnail: row.thumbnail_key !== null };
}

export function toMessage(row: MessageRow, attachments: readonly FileRow[] = [], documentRequest: MessageDocumentRequest | null = null): Message {
  return {
    id: row.id,
    claimId: row.claim_id,
    clientId: row.client_id,
    body: row.body,
    author: { kind: row.author_kind, id: writerId(row.author_id, row.author_key_id), name: row.author_name },
    attachments: attachments.map(toAttachment),
    documentRequest,
    at: row.created_at,
  };
}

/** The attachments of each message, in the order they were uploaded. */
export async function attachmentsOf(db: Reader, messageIds: readonly string[]): Promise<Map<string, FileRow[]>> {
  const byMessage = new Map<string, FileRow[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db.selectFrom('files').selectAll().where('message_id', 'in', messageIds).orderBy('uploaded_at').orderBy('id').execute();
  for (const row of rows) byMessage.set(row.message_id!, [...(byMessage.get(row.message_id!) ?? []), row]);
  return byMessage;
}

/** The documents asked for by these messages, by requirement id. */
async function documentRequestsOf(db: Reader, requirementIds: readonly string[]): Promise<Map<string, MessageDocumentRequest>> {
  if (requirementIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('claim_documents')
    .innerJoin('document_kinds', 'document_kinds.code', 'claim_documents.kind')
    .select(['claim_documents.id', 'claim_documents.kind', 'claim_documents.note', ...KIND_LABEL_COLUMNS])
    .where('claim_documents.id', 'in', requirementIds)
    .execute();
  return new Map(rows.map((row) => [row.id, toDocumentRequest(row)]));
}

/** Messages as the API gives them, with their attachments and the documents they ask for: one query for each, for all. */
export async function toMessages(db: Reader, rows: readonly MessageRow[]): Promise<Message[]> {
  const [attachments, requests] = await Promise.all([
    attachmentsOf(db, rows.map((row) => row.id)),
    documentRequestsOf(db, rows.flatMap((row) => (row.requirement_id === null ? [] : [row.requirement_id]))),
  ]);
  return rows.map((row) => toMessage(row, attachments.get(row.id), row.requirement_id === null ? null : (requests.get(row.requirement_id) ?? null)));
}

export function findMessageByClientId(db: Reader, claimId: string, author: Writer, clientId: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where(writtenBy('author_id', 'author_key_id', author))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export function findMessage(db: Reader, claimId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('claim_id', '=', claimId).where('id', '=', id).executeTakeFirst();
}

/**
 * Newest first, by keyset on (created_at, id): a message posted while someone scrolls back lands
 * before the first page, so older pages neither repeat nor skip.
 */
export async function listMessages(db: DB, claimId: string, query: ListMessagesQuery) {
  let select = db.selectFrom('messages').selectAll().where('claim_id', '=', claimId);
  if (query.cursor) {
    const [createdAt, id, ...rest] = decodeCursor(query.cursor);
    if (createdAt === undefined || id === undefined || rest.length) throw new InvalidCursorError();
    select = select.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null };
}

/** How far each participant has read the claim's conversation. */
export function readPositions(db: Reader, claimId: string) {
  return db
    .selectFrom('message_reads')
    .innerJoin('users', 'users.id', 'message_reads.user_id')
    .select(['message_reads.message_id', 'message_reads.read_at', 'users.id as user_id', 'users.name', 'users.role'])
    .where('message_reads.claim_id', '=', claimId)
    .orderBy('message_reads.read_at')
    .execute();
}

/**
 * The messages by others past what `userId` has read — an integration's (no author_id) among
 * them — in the claim `claimId` stands for: a column of the query that reads the claims, so a
 * page of claims counts its unread messages in its own statement.
 */
export function unreadMessagesOf(claimId: Expression<string>, userId: string) {
  return expressionBuilder<Database, never>()
    .selectFrom('messages')
    .leftJoin('message_reads', (join) => join.onRef('message_reads.claim_id', '=', 'messages.claim_id').on('message_reads.user_id', '=', userId))
    .select((eb) => eb.fn.countAll<number | string>().as('unread'))
    .where('messages.claim_id', '=', claimId)
    .where((eb) => eb.or([eb('messages.author_id', 'is', null), eb('messages.author_id', '!=', userId)]))
    .where((eb) =>
      eb.or([
        eb('message_reads.message_id', 'is', null),
        eb('messages.created_at', '>', eb.ref('message_reads.message_created_at')),
        eb.and([
          eb('messages.created_at', '=', eb.ref('message_reads.message_created_at')),
          eb('messages.id', '>', eb.ref('message_reads.message_id')),
        ]),
      ]),
    )
    .$asScalar();
}

/** Messages by others in the claim past what `userId` has read. */
export async function countUnread(db: Reader, claimId: string, userId: string): Promise<number> {
  const [row] = await unreadInClaim.execute(db, null, { claimId, userId });
  // PostgreSQL's count is a bigint, which its driver hands over as a string.
  return Number(row!.unread);
}

const unreadInClaim = prepared((db, _shape: null, param: { claimId: string; userId: string }) =>
  db.selectNoFrom((eb) => unreadMessagesOf(eb.val(param.claimId), param.userId).as('unread')),
);
