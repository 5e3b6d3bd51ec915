import { Hono } from 'hono';
import { allow, CALLERS, companyScope, type Principal } from '../auth/principal.ts';
import { findClaim } from '../claims/claims.repository.ts';
import type { DB } from '../db/connect.ts';
import type { UploadSessionRow } from '../db/database.ts';
import { findRequirement, listFiles } from '../documents/documents.repository.ts';
import { toRequirement } from '../documents/documents.resource.ts';
import { ALLOWED_TYPES } from '../documents/upload.ts';
import { idempotencyKeyOf, idempotencyKeyParameter } from '../documents/upload-idempotency.ts';
import { NotFoundError } from '../errors.ts';
import { apiUrl, describeRoute, json, problem } from '../http/describe.ts';
import { badRequest, Problem } from '../http/problem.ts';
import { ContentTooLargeSchema, DocumentConflictSchema, InvalidUploadSchema, UnsupportedFileTypeSchema } from '../http/problem.schema.ts';
import { appendChunk, createUpload, discardUpload, liveUpload, type UploadSessionDeps } from './uploads.commands.ts';
import { findUpload } from './uploads.repository.ts';
import { UploadConflictSchema, UploadSessionSchema, type UploadSession } from './uploads.schema.ts';
import { fileNameOf, httpDate, OFFSET_OCTET_STREAM, requireTusResumable, speaksTus, TUS_EXTENSIONS, TUS_VERSION, uploadLengthOf, uploadOffsetOf } from './tus.ts';

// Resumable uploads of a document's files, in the tus 1.0.0 protocol (./tus.ts says why it is
// spoken here): a document's `uploads` creates one, its URL (/uploads/{id}) takes HEAD, PATCH and
// DELETE. The completed file is the document's as a multipart upload's would be.

const header = (description: string, required = true) => ({ description, required, schema: { type: 'string' as const } });
const TUS_RESUMABLE_HEADER = header(`\`${TUS_VERSION}\`: the tus version this server speaks.`);
const UPLOAD_EXPIRES_HEADER = header('When the upload expires unless its next chunk arrives (an HTTP date), UPLOAD_SESSION_TTL_MS after the last; absent once complete.', false);
const FILE_LOCATION_HEADER = {
  description: 'Once complete: the file the upload became, /api/v1/files/{id}.',
  required: false,
  schema: { type: 'string' as const, format: 'uri-reference' },
};
const tusParameter = {
  in: 'header' as const,
  name: 'Tus-Resumable',
  required: true,
  description: `\`${TUS_VERSION}\`, as tus-js-client sends it; without it a 400, with another version a 412 naming this one in Tus-Version.`,
  schema: { type: 'string' as const, const: TUS_VERSION },
};

const uploadNotFound = problem('No such upload of the caller’s (an upload is its uploader’s alone: the same user or API key), or it was cancelled, or it completed more than UPLOAD_SESSION_TTL_MS ago.');
const uploadGone = problem('The upload expired: it waited longer than UPLOAD_SESSION_TTL_MS for its next chunk, and what it had stored was deleted. Create it again.');
const tusVersion = {
  ...problem('Tus-Resumable names a tus version this server does not speak.'),
  headers: { 'Tus-Version': header(`The versions this server speaks: \`${TUS_VERSION}\`.`) },
};
const badHeaders = (which: string) => problem(`${which} (\`errors\` names the header), or Tus-Resumable is missing (invalid-request); or the body ended before the chunk did (invalid-upload: nothing of it was kept).`, InvalidUploadSchema);

/** Where an upload stands, as tus's HEAD and PATCH answers say it: how much is stored, until when, and once complete the file. */
function progressHeaders(session: UploadSessionRow): Record<string, string> {
  const complete = session.status === 'complete';
  return {
    'Upload-Offset': String(complete ? session.length : session.received),
    ...(complete ? {} : { 'Upload-Expires': httpDate(session.expires_at) }),
    ...(session.file_id !== null && { Location: apiUrl(`/files/${session.file_id}`) }),
  };
}

async function toUploadSession(db: DB, caller: Principal, session: UploadSessionRow): Promise<UploadSession> {
  const complete = session.status === 'complete';
  let document: UploadSession['document'] = null;
  if (complete) {
    const claim = await findClaim(db, companyScope(caller), session.claim_id);
    const requirement = claim && (await findRequirement(db, claim.id, session.requirement_id));
    if (claim && requirement) document = toRequirement(requirement, await listFiles(db, [requirement.id]), caller, claim.status);
  }
  return {
    id: session.id,
    claimId: session.claim_id,
    requirementId: session.requirement_id,
    fileName: session.file_name,
    length: session.length,
    offset: complete ? session.length : session.received,
    status: complete ? 'complete' : 'open',
    expiresAt: complete ? null : session.expires_at,
    fileId: session.file_id,
    document,
  };
}

/** POST /claims/{id}/documents/{requirementId}/uploads: tus creation. */
export function uploadCreationRoutes(deps: UploadSessionDeps) {
  const created = (description: string) => ({
    description,
    headers: {
      Location: { description: 'The upload’s URL, /api/v1/uploads/{id}: send its bytes there with PATCH.', required: true, schema: { type: 'string' as const, format: 'uri-reference' } },
      'Upload-Expires': UPLOAD_EXPIRES_HEADER,
      'Tus-Resumable': TUS_RESUMABLE_HEADER,
    },
  });
  return new Hono().post(
    '/:id/documents/:requirementId/uploads',
    describeRoute({
      operationId: 'createDocumentUpload',
      tags: ['Documents'],
      summary: 'Start a resumable upload of a file to a document (tus)',
      description:
        `The creation of the tus ${TUS_VERSION} protocol (extensions: ${TUS_EXTENSIONS.join(', ')}), for files sent over a connection that may drop: tus-js-client with this URL as its endpoint. ` +
        'Upload-Length is the file’s size (at most MAX_UPLOAD_BYTES, DocumentList.upload.maxBytes); Upload-Metadata names it (`filename`, base64; `filetype` is ignored: the type is decided from the bytes, which must be one of DocumentList.upload.types). ' +
        'The same callers and checks as the multipart upload, before a byte is sent. The answer’s Location takes the bytes with PATCH, in chunks; a chunk cut off keeps nothing of itself, and the client resumes from the offset HEAD gives. ' +
        'OPTIONS on this URL answers Tus-Version, Tus-Extension and Tus-Max-Size. An Idempotency-Key makes a repeated creation answer the upload the first one started.',
      parameters: [
        tusParameter,
        { in: 'header', name: 'Upload-Length', required: true, description: 'The whole file’s size in bytes, 1 to MAX_UPLOAD_BYTES.', schema: { type: 'string', pattern: '^[0-9]+$' } },
        {
          in: 'header',
          name: 'Upload-Metadata',
          required: true,
          description: 'Comma-separated `key base64value` pairs: `filename` (required; the file’s name as UTF-8), `filetype` (optional, ignored).',
          schema: { type: 'string' },
        },
        idempotencyKeyParameter,
      ],
      responses: {
        201: created('Created: send the file’s bytes to Location with PATCH, from offset 0.'),
        200: created('Already created with this Idempotency-Key: Location is the upload it started (HEAD it for where it stands).'),
        400: badHeaders('Upload-Length is missing, not a number or 0 (empty-file), Upload-Metadata is malformed or names no file, or the Idempotency-Key is malformed'),
        404: problem('No such claim, or it belongs to another company, or the claim has no such document.'),
        409: problem('The document or its claim is not in a state to take files (the claim is not collecting documents, or the document is accepted or waived); `detail` says what would be.', DocumentConflictSchema),
        412: tusVersion,
        413: problem('Upload-Length is over MAX_UPLOAD_BYTES (`maxBytes`), as the multipart upload answers a file too large (file-too-large).', ContentTooLargeSchema),
        422: problem('The Idempotency-Key started an upload of another file, or to another document or claim.'),
      },
    }),
    speaksTus,
    allow(CALLERS.contributor),
    async (c) => {
      const request = c.req.raw;
      requireTusResumable(request);
      if (Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('transfer-encoding')) {
        throw badRequest('The creation carries no bytes: send the file’s bytes with PATCH to the Location this answers.', {
          errors: [{ field: 'body', message: 'must be empty' }],
        });
      }
      const fileName = fileNameOf(request);
      const length = uploadLengthOf(request, deps.maxUploadBytes, fileName);
      const idempotencyKey = idempotencyKeyOf(request);
      const { session, replayed } = await createUpload(deps, c.var.caller, c.req.param('id'), c.req.param('requirementId'), { length, fileName, idempotencyKey });
      return c.body(null, replayed ? 200 : 201, {
        Location: apiUrl(`/uploads/${session.id}`),
        ...(session.status === 'open' && { 'Upload-Expires': httpDate(session.expires_at) }),
      });
    },
  );
}

/** /uploads/{id}: tus's HEAD and PATCH, termination, and the upload as JSON. */
export function uploadSessionRoutes(deps: UploadSessionDeps) {
  const { db } = deps;
  return new Hono()
    .get(
      '/:id',
      describeRoute({
        operationId: 'getDocumentUpload',
        tags: ['Documents'],
        summary: 'Where a resumable upload stands, and once complete the document it went to',
        description:
          'How many bytes are stored (`offset`, where the next PATCH starts), and once complete the file it became and the document as it now stands, as the multipart upload answers it: what a client reads after tus-js-client’s onSuccess. ' +
          'The answer’s headers are tus’s HEAD answer.',
        head: {
          operationId: 'getDocumentUploadOffset',
          summary: 'Where a resumable upload stands (tus HEAD)',
          description:
            'tus’s HEAD: Upload-Offset (the bytes stored: the client resumes from there), Upload-Length, Upload-Expires while open, and Location (the file) once complete; never cached. Needs Tus-Resumable.',
        },
        parameters: [{ ...tusParameter, required: false, description: `${tusParameter.description} Needed with HEAD; GET takes it or not.` }],
        responses: {
          200: {
            ...json('Where the upload stands.', UploadSessionSchema),
            headers: {
              'Upload-Offset': header('The bytes stored so far; the length once complete.'),
              'Upload-Length': header('The whole file’s size in bytes.'),
              'Upload-Expires': UPLOAD_EXPIRES_HEADER,
              Location: FILE_LOCATION_HEADER,
              'Cache-Control': header('`no-store`: where an upload stands is never cached.'),
              'Tus-Resumable': TUS_RESUMABLE_HEADER,
            },
          },
          400: problem('A HEAD without Tus-Resumable.'),
          404: uploadNotFound,
          410: uploadGone,
          412: tusVersion,
        },
      }),
      speaksTus,
      allow(CALLERS.contributor),
      async (c) => {
        if (c.req.method === 'HEAD') requireTusResumable(c.req.raw);
        const session = await liveUpload(db, c.var.caller, c.req.param('id'));
        const headers = { ...progressHeaders(session), 'Upload-Length': String(session.length), 'Cache-Control': 'no-store' };
        // Hono answers HEAD with the GET's headers: the document is worth reading only for a GET.
        if (c.req.method === 'HEAD') return c.body(null, 200, { ...headers, 'Content-Type': 'application/json' });
        return c.json(await toUploadSession(db, c.var.caller, session), 200, headers);
      },
    )
    .patch(
      '/:id',
      describeRoute({
        operationId: 'appendDocumentUpload',
        tags: ['Documents'],
        summary: 'Send the next bytes of a resumable upload (tus PATCH)',
        description:
          `The body is the file’s next bytes, from Upload-Offset, which must be the offset stored (HEAD says it); Content-Type: ${OFFSET_OCTET_STREAM}. ` +
          'A chunk counts only once it is stored whole: one cut off, or refused, keeps nothing of itself, so the client sends it again from the same offset. Send chunks of a few MiB (tus-js-client’s chunkSize), and a dropped connection costs at most one. ' +
          `The first bytes decide the file’s type, as in the multipart upload: one uploads may not be (${ALLOWED_TYPES.length} types, DocumentList.upload.types) is refused as soon as they show it (415) and the upload is discarded. ` +
          'The chunk that completes the file records it as the multipart upload does — the same checks, the file in the document, the document uploaded, the same events — or, all or nothing, keeps nothing: a document that closed meanwhile discards the upload (409). ' +
          'Two chunks sent for one offset never both count: the second is a 409 with the offset.',
        parameters: [
          tusParameter,
          { in: 'header', name: 'Upload-Offset', required: true, description: 'Where this chunk starts in the file: the offset stored.', schema: { type: 'string', pattern: '^[0-9]+$' } },
        ],
        requestBody: {
          required: true,
          content: { [OFFSET_OCTET_STREAM]: { schema: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' } } },
        },
        responses: {
          204: {
            description: 'Stored; once complete, the file is recorded (GET the upload for the document as it now stands).',
            headers: {
              'Upload-Offset': header('The bytes now stored: where the next chunk starts; the length once complete.'),
              'Upload-Expires': UPLOAD_EXPIRES_HEADER,
              Location: FILE_LOCATION_HEADER,
              'Tus-Resumable': TUS_RESUMABLE_HEADER,
            },
          },
          400: badHeaders('Upload-Offset is missing or not a whole number of bytes'),
          404: uploadNotFound,
          409: {
            ...problem('Upload-Offset is not the offset stored (upload-offset-mismatch: `offset` and the Upload-Offset header say it), or the document no longer takes files (document-conflict: the upload is discarded).', UploadConflictSchema),
            headers: { 'Upload-Offset': header('For upload-offset-mismatch: the bytes stored.', false) },
          },
          410: uploadGone,
          412: tusVersion,
          413: problem('The chunk goes past the upload’s length (`maxBytes`: the bytes still missing), or past MAX_UPLOAD_BYTES; nothing of it is kept.', ContentTooLargeSchema),
          415: problem(
            `The body is not ${OFFSET_OCTET_STREAM} (unsupported-media-type), or the file’s first bytes show a type uploads may not be (file-type-not-allowed; \`detectedType\`, \`allowedTypes\`): the upload is discarded.`,
            UnsupportedFileTypeSchema,
          ),
        },
      }),
      speaksTus,
      allow(CALLERS.contributor),
      async (c) => {
        const request = c.req.raw;
        requireTusResumable(request);
        const type = request.headers.get('content-type');
        if (type?.split(';')[0]?.trim().toLowerCase() !== OFFSET_OCTET_STREAM) {
          throw new Problem('unsupported-media-type', `Send the file’s next bytes as the body, with Content-Type: ${OFFSET_OCTET_STREAM}${type ? ` (not ${type.slice(0, 100)})` : ''}.`);
        }
        const offset = uploadOffsetOf(request);
        const session = await appendChunk(deps, c.var.caller, c.req.param('id'), offset, request);
        return c.body(null, 204, progressHeaders(session));
      },
    )
    .delete(
      '/:id',
      describeRoute({
        operationId: 'cancelDocumentUpload',
        tags: ['Documents'],
        summary: 'Cancel a resumable upload (tus termination)',
        description:
          'Deletes the upload and every byte it stored; its URL is a 404 afterwards. A complete upload is forgotten, but the file it became stays with its document (DELETE /files/{id} removes that).',
        parameters: [tusParameter],
        responses: {
          204: { description: 'Cancelled: nothing of it is stored.', headers: { 'Tus-Resumable': TUS_RESUMABLE_HEADER } },
          400: problem('Tus-Resumable is missing.'),
          404: uploadNotFound,
          412: tusVersion,
        },
      }),
      speaksTus,
      allow(CALLERS.contributor),
      async (c) => {
        requireTusResumable(c.req.raw);
        const session = await findUpload(db, c.var.caller, c.req.param('id'));
        if (!session) throw new NotFoundError(`Upload ${c.req.param('id')}`);
        await discardUpload(deps, session.id);
        return c.body(null, 204);
      },
    );
}
