import { Hono } from 'hono';
import { MAX_CHECKLIST_DOCUMENTS } from '../../domain/checklist.ts';
import { allow, CALLERS, companyScope } from '../auth/principal.ts';
import { writerOf } from '../auth/writer.ts';
import { findClaim } from '../claims/claims.repository.ts';
import { AttachmentConflictSchema, ClaimFinalConflictSchema, ContentTooLargeSchema, InvalidUploadSchema, MessageConflictSchema, UnsupportedFileTypeSchema } from '../http/problem.schema.ts';
import { NotFoundError } from '../errors.ts';
import { ALLOWED_TYPES, FILE_FIELD, keep, MAX_FILES_PER_REQUEST, multipartFiles, receiveFiles, type UploadDeps } from '../documents/upload.ts';
import { idempotencyKeyOf, idempotencyKeyParameter, uploadOnce } from '../documents/upload-idempotency.ts';
import { apiUrl, describeRoute, json, jsonCreated, problem } from '../http/describe.ts';
import { validate } from '../http/validate.ts';
import { addAttachments, announceTyping, assertOpen, markRead, postMessage, type AttachmentDeps } from './chat.commands.ts';
import { countUnread, listMessages, readPositions, toAttachment, toMessages } from './chat.repository.ts';
import { AttachmentListSchema, ListMessagesQuerySchema, MessagePageSchema, MessageSchema, PostMessageSchema, ReadMessagesSchema, ReadResultSchema } from './chat.schema.ts';
import { assertRoomForUnsent } from './unsent.ts';

const notFound = problem('No such claim, or it belongs to another company.');
const closed = problem('The claim is declined or closed: its conversation takes no new messages.', ClaimFinalConflictSchema);

/** Each claim's conversation between the company's users and the claims handler. */
export function chatRoutes(deps: UploadDeps & AttachmentDeps) {
  return new Hono()
    .get(
      '/:id/messages',
      describeRoute({
        operationId: 'listMessages',
        tags: ['Chat'],
        summary: 'The claim’s conversation, newest first',
        description:
          'Pass nextCursor as cursor for older messages. The page also says how far each participant has read (read receipts) and how many messages the caller has not read. New messages arrive on the live stream as message.posted events. Integrations read them too: the operator’s key, and company keys with claims:read.',
        responses: { 200: json('A page of messages.', MessagePageSchema), 404: notFound },
      }),
      allow(CALLERS.claimsReader),
      validate('query', ListMessagesQuerySchema),
      async (c) => {
        const caller = c.var.caller;
        const claim = await findClaim(deps.db, companyScope(caller), c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        const [page, reads, unreadMessages] = await Promise.all([
          listMessages(deps.db, claim.id, c.req.valid('query')),
          readPositions(deps.db, claim.id),
          // A key keeps no read position: nothing is unread for it.
          caller.kind === 'user' ? countUnread(deps.db, claim.id, caller.user.id) : 0,
        ]);
        return c.json({
          items: await toMessages(deps.db, page.items),
          nextCursor: page.nextCursor,
          reads: reads.map((read) => ({
            user: { id: read.user_id, name: read.name, kind: read.role === 'handler' ? ('handler' as const) : ('user' as const) },
            messageId: read.message_id,
            at: read.read_at,
          })),
          unreadMessages,
          upload: { maxBytes: deps.maxUploadBytes, types: ALLOWED_TYPES },
        });
      },
    )
    .post(
      '/:id/messages',
      describeRoute({
        operationId: 'postMessage',
        tags: ['Chat'],
        summary: 'Send a message, or ask for a document in it (idempotent on clientId)',
        description:
          'Plain text, with attachments or without; with attachments, body may be left out. Generate clientId once per message and keep it across retries: the first request stores the message (201), a retry gets the same message back (200). ' +
          'Integrations post too, named in the conversation, the history and the emails: a company key (claims:write) by the name its company gave it; the operator’s key as Host system, or as the `sender` it names. The company’s users are told as of a handler’s message. ' +
          'A claims handler asks the customer for a document with `documentRequest` (and no body): one change adds the document to the claim’s checklist, exactly as POST /claims/{id}/documents does (a document.requested event), and posts the message that names it (Message.documentRequest, a message.posted event), whose text Claimdesk writes in the handler’s language so that emails and webhooks say what is asked. The customer uploads to it with POST /claims/{id}/documents/{requirementId}/files. Anyone but a handler gets 403 for a documentRequest.',
        responses: {
          201: jsonCreated('Sent.', MessageSchema, 'The claim’s conversation, where the message is listed: /api/v1/claims/{id}/messages (a message has no URL of its own).'),
          200: json('Already sent with this clientId: the stored message (a documentRequest is not asked for again).', MessageSchema),
          404: notFound,
          400: problem(
            'The body is not valid: neither text nor attachments, a `sender` from anyone but the operator’s key, an attachment that is not a file the caller uploaded to this claim and has not sent yet, or a documentRequest with a body, with a kind not in the catalogue (`documentRequest.kind`) or of kind `other` without a note (`errors` names the field).',
          ),
          409: problem(
            `The claim is declined or closed (currentStatus); this clientId was used for another text or document (messageId); or, for a documentRequest, the claim was filed already or its checklist holds ${MAX_CHECKLIST_DOCUMENTS} documents (claimStatus, documentStatus).`,
            MessageConflictSchema,
          ),
        },
      }),
      allow(CALLERS.messageWriter),
      validate('json', PostMessageSchema),
      async (c) => {
        const { message, created } = await postMessage(deps, c.var.caller, c.req.param('id'), c.req.valid('json'));
        const [sent] = await toMessages(deps.db, [message]);
        if (created) c.header('Location', apiUrl(`/claims/${message.claim_id}/messages`));
        return c.json(sent!, created ? 201 : 200);
      },
    )
    .post(
      '/:id/attachments',
      describeRoute({
        operationId: 'uploadAttachments',
        tags: ['Chat'],
        summary: 'Upload files to send with a message',
        description:
          `multipart/form-data with one or several parts named \`${FILE_FIELD}\` (at most ${MAX_FILES_PER_REQUEST}), as for documents: each at most MAX_UPLOAD_BYTES, typed from its bytes, all or nothing. ` +
          'The files stay the uploader’s alone (the user’s, or the API key’s) until a message names them in `attachments`; until then the uploader may remove them (DELETE /files/{id}). ' +
          'One person (or API key) may have at most MAX_UNSENT_ATTACHMENTS files and MAX_UNSENT_ATTACHMENT_BYTES waiting to be sent, over every claim; files not sent within UNSENT_ATTACHMENT_TTL_MS are removed.',
        parameters: [idempotencyKeyParameter],
        requestBody: multipartFiles(),
        responses: {
          201: jsonCreated('Uploaded, not sent yet.', AttachmentListSchema, 'The first file uploaded: /api/v1/files/{id} (`items` names each).'),
          200: json('Already uploaded with this Idempotency-Key: nothing stored again; the files that upload stored (those removed since left out).', AttachmentListSchema),
          400: problem('The form is not valid: malformed, without a file, with another field (invalid-upload), or with an empty file (empty-file; `errors` names `file`); or the Idempotency-Key is malformed (invalid-request).', InvalidUploadSchema),
          404: notFound,
          409: problem(
            'The claim is declined or closed (`currentStatus`): its conversation takes no new messages; or the caller already has as many files waiting to be sent as one person may, or these would take them past it (`unsentFiles`, `unsentBytes`, `maxUnsentFiles`, `maxUnsentBytes`).',
            AttachmentConflictSchema,
          ),
          422: problem('The Idempotency-Key was used for an upload to another claim or to a document.'),
          413: problem('A file is over MAX_UPLOAD_BYTES (`maxBytes`), found while it streams in; nothing of the request is kept.', ContentTooLargeSchema),
          415: problem('The body is not multipart/form-data, or a file is of a type uploads may not be (judged from its bytes; `detectedType`, `allowedTypes`).', UnsupportedFileTypeSchema),
        },
      }),
      allow(CALLERS.contributor),
      async (c) => {
        const caller = c.var.caller;
        // Decided before a byte of the body is read: a refusal here costs the client nothing to send.
        const claim = await findClaim(deps.db, companyScope(caller), c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        const key = idempotencyKeyOf(c.req.raw);
        const target = { claimId: claim.id, requirementId: null };
        const uploader = writerOf(caller);
        return uploadOnce(deps.db, uploader, key, target, {
          async upload() {
            assertOpen(claim);
            // Room for the smallest upload; the transaction checks again with the files' real sizes.
            await assertRoomForUnsent(deps.db, uploader, deps.unsentLimit, { files: 1, bytes: 1 });
            const received = await receiveFiles(c.req.raw, { storage: deps.storage, maxBytes: deps.maxUploadBytes, fallbackName: 'attachment' });
            const rows = await keep(deps.storage, received, (stored) => addAttachments(deps, caller, claim.id, stored, key));
            return c.json({ items: rows.map(toAttachment) }, 201, { Location: apiUrl(`/files/${rows[0]!.id}`) });
          },
          async replay(ids) {
            const rows = ids.length ? await deps.db.selectFrom('files').selectAll().where('id', 'in', ids).execute() : [];
            return c.json({ items: ids.flatMap((id) => rows.filter((row) => row.id === id)).map(toAttachment) }, 200);
          },
        });
      },
    )
    .post(
      '/:id/read',
      describeRoute({
        operationId: 'readMessages',
        tags: ['Chat'],
        summary: 'Mark the conversation read up to a message',
        description: 'Read positions only move forward; the others see it as a message.read event (read receipts).',
        responses: { 200: json('Read.', ReadResultSchema), 404: problem('No such claim or message, or the claim belongs to another company.') },
      }),
      allow(CALLERS.participant),
      validate('json', ReadMessagesSchema),
      async (c) => c.json({ unreadMessages: await markRead(deps, c.var.caller, c.req.param('id'), c.req.valid('json').messageId) }),
    )
    .post(
      '/:id/typing',
      describeRoute({
        operationId: 'announceTyping',
        tags: ['Chat'],
        summary: 'Say the caller is typing',
        description:
          'Sends a `typing` signal on the live stream to the others who may see the claim (never to the caller). Not stored and without an event id. Send it at most every few seconds while the user types.',
        responses: { 204: { description: 'Announced.' }, 404: notFound, 409: closed },
      }),
      allow(CALLERS.participant),
      async (c) => {
        await announceTyping(deps, c.var.caller, c.req.param('id'));
        return c.body(null, 204);
      },
    );
}
