import { CALLERS, companyScope, type Principal, type UserPrincipal } from '../auth/principal.ts';
import { writerOf, writtenBy, type Writer } from '../auth/writer.ts';
import { findClaim } from '../claims/claims.repository.ts';
import { isFinal } from '../claims/lifecycle.ts';
import { isUniqueViolation } from '../db/connect.ts';
import type { Transaction } from 'kysely';
import type { ClaimWithCompany } from '../claims/claims.repository.ts';
import type { DB } from '../db/connect.ts';
import type { Database, FileRow, MessageRow } from '../db/database.ts';
import { addRequirement } from '../documents/documents.commands.ts';
import { fileRow, insertFiles, type StoredFile } from '../documents/upload.ts';
import { rememberUpload } from '../documents/upload-idempotency.ts';
import { ClaimFinalError, ClientIdReusedError, InvalidValueError, NotFoundError } from '../errors.ts';
import { actorOf } from '../events/actor.ts';
import { countUnreadNotifications, markNotificationsRead } from '../notifications/notifications.repository.ts';
import { record, type WriteDeps } from '../events/record.ts';
import { newId, nowIso } from '../ids.ts';
import { countUnread, findMessage, findMessageByClientId, toAttachment } from './chat.repository.ts';
import type { PostMessageInput } from './chat.schema.ts';
import { requestText, toDocumentRequest } from './document-request.ts';
import { assertRoomForUnsent, type UnsentLimit } from './unsent.ts';

type Reader = DB | Transaction<Database>;

/** The claim the caller may write on, or 404 (another company's claims do not exist for them). */
async function claimFor(deps: WriteDeps, caller: Principal, claimId: string, trx = deps.db) {
  const claim = await findClaim(trx, companyScope(caller), claimId);
  if (!claim) throw new NotFoundError(`Claim ${claimId}`);
  return claim;
}

/**
 * The stored message a retry asks for, or a conflict if the retry says something else: another
 * text, or — for a document asked for — another document (its text is Claimdesk's, so the
 * request is what is compared).
 */
async function retried(db: Reader, existing: MessageRow, input: PostMessageInput): Promise<MessageRow> {
  const asked = input.documentRequest;
  if (!asked) {
    if (existing.requirement_id !== null || existing.body !== input.body) throw new ClientIdReusedError(existing.id);
    return existing;
  }
  const requirement = existing.requirement_id
    ? await db.selectFrom('claim_documents').select(['kind', 'note', 'required']).where('id', '=', existing.requirement_id).executeTakeFirst()
    : undefined;
  if (!requirement || requirement.kind !== asked.kind || requirement.note !== (asked.note ?? null) || requirement.required !== (asked.required ? 1 : 0)) {
    throw new ClientIdReusedError(
      existing.id,
      'This clientId was already used for another message. Retry with the same documentRequest to get that message back, or give a new message a clientId of its own.',
    );
  }
  return existing;
}

/** A declined or closed claim's conversation is over. */
export function assertOpen(claim: Pick<ClaimWithCompany, 'status'>): void {
  if (isFinal(claim.status)) throw new ClaimFinalError(claim.status, 'its conversation takes no new messages');
}

export interface AttachmentDeps extends WriteDeps {
  /** MAX_UNSENT_ATTACHMENTS and MAX_UNSENT_ATTACHMENT_BYTES: what one person may have waiting to be sent. */
  unsentLimit: UnsentLimit;
}

/**
 * Records files uploaded to send with a message: the caller's (a person's, or an integration's
 * key's), on this claim, attached to nothing yet. Nobody else sees them (and no event announces
 * them) until a message carries them; they may not take the caller past `unsentLimit` (checked
 * again here, where uploads at once are seen).
 */
export function addAttachments(deps: AttachmentDeps, caller: Principal, claimId: string, files: readonly StoredFile[], idempotencyKey?: string): Promise<FileRow[]> {
  const uploader = writerOf(caller);
  return record(deps, async (trx) => {
    const claim = await claimFor(deps, caller, claimId, trx);
    assertOpen(claim);
    const adding = { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
    await assertRoomForUnsent(trx, uploader, deps.unsentLimit, adding);
    const rows = files.map((file) => fileRow(file, claim, uploader, null));
    if (idempotencyKey) await rememberUpload(trx, uploader, idempotencyKey, { claimId: claim.id, requirementId: null }, rows.map((row) => row.id));
    await insertFiles(trx, rows);
    return rows;
  });
}

/** Attaches the author's unsent uploads on this claim to a new message; any other id is refused. */
async function attach(trx: Transaction<Database>, claimId: string, author: Writer, messageId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  const files = await trx
    .selectFrom('files')
    .selectAll()
    .where('id', 'in', ids)
    .where('claim_id', '=', claimId)
    .where(writtenBy('uploaded_by_id', 'uploaded_by_key_id', author))
    .where('requirement_id', 'is', null)
    .where('message_id', 'is', null)
    .execute();
  const missing = ids.filter((id) => !files.some((file) => file.id === id));
  if (missing.length) {
    throw new InvalidValueError(
      'attachments',
      `attachments must name files you uploaded to this claim with POST /claims/{id}/attachments and have not sent yet; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not.`,
    );
  }
  await trx.updateTable('files').set({ message_id: messageId }).where('id', 'in', ids).execute();
  return ids.map((id) => ({ ...files.find((file) => file.id === id)!, message_id: messageId }));
}

/**
 * Posts a message once per clientId: senders retry when the network fails, and a retry — even
 * one racing the first attempt — gets the stored message back instead of a second copy. An
 * integration posts in its own name (the company key's, or the operator's key's: Host system, or
 * the `sender` it names); only the operator's key names a sender.
 *
 * A handler's message may ask for a document (`documentRequest`): the same change adds it to the
 * claim's checklist, as the checklist's own request does, and posts the message naming it, with a
 * text that says what is asked for. A retry stores neither again.
 */
export async function postMessage(
  deps: WriteDeps,
  caller: Principal,
  claimId: string,
  input: PostMessageInput,
): Promise<{ message: MessageRow; created: boolean }> {
  if (input.sender && caller.kind !== 'service') {
    throw new InvalidValueError(
      'sender',
      caller.kind === 'companyKey'
        ? `sender is for the operator’s key; a company key’s messages carry the name its company gave it («${caller.keyName}»). Leave sender out.`
        : 'sender is for the operator’s key; a person’s messages carry their own name. Leave sender out.',
    );
  }
  const author = writerOf(caller, input.sender?.name);
  return record(deps, async (trx, append) => {
    const claim = await claimFor(deps, caller, claimId, trx);
    // The handlers' alone; refused once the claim is found, so another company's claim stays a 404.
    const requester = input.documentRequest ? CALLERS.documentHandler.admit(caller) : null;
    const existing = await findMessageByClientId(trx, claim.id, author, input.clientId);
    if (existing) return { message: await retried(trx, existing, input), created: false };
    assertOpen(claim);
    const asked = requester && input.documentRequest;
    const requirement = asked
      ? await addRequirement(trx, append, requester, claim.id, { kind: asked.kind, note: asked.note ?? null, required: asked.required }, 'documentRequest.kind')
      : null;
    const message: MessageRow = {
      id: newId('msg'),
      claim_id: claim.id,
      company_id: claim.company_id,
      author_id: author.userId,
      author_key_id: author.keyId,
      author_name: author.name,
      author_kind: author.kind,
      client_id: input.clientId,
      body: requester && requirement ? requestText(requester.user.lang, requirement) : input.body,
      requirement_id: requirement?.id ?? null,
      created_at: nowIso(),
    };
    await trx.insertInto('messages').values(message).execute();
    const attachments = (await attach(trx, claim.id, author, message.id, input.attachments ?? [])).map(toAttachment);
    await append({
      type: 'message.posted',
      claimId: claim.id,
      companyId: claim.company_id,
      actor: { ...actorOf(caller), name: author.name },
      data: {
        message: {
          id: message.id,
          clientId: message.client_id,
          body: message.body,
          at: message.created_at,
          attachments,
          ...(requirement && { documentRequest: toDocumentRequest(requirement) }),
        },
      },
    });
    return { message, created: true };
  }).catch(async (error: unknown) => {
    // A concurrent retry stored it between our read and our insert; the document it asked for
    // again went with the rest of its change.
    const winner = isUniqueViolation(error) ? await findMessageByClientId(deps.db, claimId, author, input.clientId) : undefined;
    if (!winner) throw error;
    return { message: await retried(deps.db, winner, input), created: false };
  });
}

/**
 * Records how far the caller has read the claim's conversation. Positions only move forward, so
 * a late request from another tab never marks read messages unread again; a read that moves
 * nothing appends no event.
 */
export async function markRead(deps: WriteDeps, caller: UserPrincipal, claimId: string, messageId: string): Promise<number> {
  const userId = caller.user.id;
  const { unread, notificationsRead } = await record(deps, async (trx, append) => {
    const claim = await claimFor(deps, caller, claimId, trx);
    const message = await findMessage(trx, claim.id, messageId);
    if (!message) throw new NotFoundError(`Message ${messageId} of claim ${claimId}`);
    const current = await trx
      .selectFrom('message_reads')
      .select(['message_created_at', 'message_id'])
      .where('claim_id', '=', claim.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const ahead =
      !current ||
      message.created_at > current.message_created_at ||
      (message.created_at === current.message_created_at && message.id > current.message_id);
    if (ahead) {
      const position = { message_id: message.id, message_created_at: message.created_at, read_at: nowIso() };
      await trx
        .insertInto('message_reads')
        .values({ claim_id: claim.id, user_id: userId, company_id: claim.company_id, ...position })
        .onConflict((oc) => oc.columns(['claim_id', 'user_id']).doUpdateSet(position))
        .execute();
      await append({ type: 'message.read', claimId: claim.id, companyId: claim.company_id, actor: actorOf(caller), data: { message: { id: message.id } } });
    }
    const unread = await countUnread(trx, claim.id, userId);
    // Caught up with the conversation: its message notification has nothing left to say.
    const notificationsRead = unread === 0 ? await markNotificationsRead(trx, userId, { claimId: claim.id, kind: 'message' }, nowIso()) : [];
    return { unread, notificationsRead };
  });
  if (notificationsRead.length) {
    const stillUnread = await countUnreadNotifications(deps.db, userId);
    deps.bus.signal({ type: 'notifications-read', data: { userId, ids: notificationsRead, unread: stillUnread } });
  }
  return unread;
}

/** Tells the others on the claim that the caller is typing; nothing is stored. */
export async function announceTyping(deps: WriteDeps, caller: UserPrincipal, claimId: string): Promise<void> {
  const claim = await claimFor(deps, caller, claimId);
  assertOpen(claim);
  const actor = actorOf(caller);
  deps.bus.signal({
    type: 'typing',
    data: { claimId: claim.id, companyId: claim.company_id, user: { id: caller.user.id, name: caller.user.name, kind: actor.kind }, at: nowIso() },
  });
}
