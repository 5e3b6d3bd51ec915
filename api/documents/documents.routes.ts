import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { MAX_CHECKLIST_DOCUMENTS } from '../../domain/checklist.ts';
import { allow, CALLERS, companyScope, type Principal } from '../auth/principal.ts';
import { writerOf } from '../auth/writer.ts';
import { findClaim } from '../claims/claims.repository.ts';
import { NotFoundError } from '../errors.ts';
import { apiUrl, describeRoute, json, jsonCreated, problem } from '../http/describe.ts';
import { noneMatchHits, requestedRange } from '../http/conditional.ts';
import { Problem } from '../http/problem.ts';
import { ContentTooLargeSchema, DocumentConflictSchema, InvalidUploadSchema, UnsupportedFileTypeSchema } from '../http/problem.schema.ts';
import { validate } from '../http/validate.ts';
import type { ByteRange, StoredObject } from '../storage/storage.ts';
import { addFiles, assertUploadable, removeFile, requestDocument, reviewDocument, waiveDocument, type RequirementState } from './documents.commands.ts';
import { findFile, findRequirement, listFiles, listKinds, listRequirements } from './documents.repository.ts';
import { canRequest, progressOf, toRequirement } from './documents.resource.ts';
import { DocumentListSchema, DocumentRequirementSchema, RequestDocumentSchema, ReviewSchema } from './documents.schema.ts';
import { helpOf, labelOf } from './kind-texts.ts';
import { attachmentDisposition } from './file-name.ts';
import { ALLOWED_TYPES, FILE_FIELD, keep, MAX_FILES_PER_REQUEST, multipartFiles, receiveFiles, type UploadDeps } from './upload.ts';
import { idempotencyKeyOf, idempotencyKeyParameter, uploadOnce } from './upload-idempotency.ts';

const claimNotFound = problem('No such claim, or it belongs to another company.');
const documentNotFound = problem('No such claim, or it belongs to another company, or the claim has no such document.');
const fileNotFound = problem('No such file, or it belongs to another company’s claim.');
const documentConflict = (what: string) => problem(`The document or its claim is not in a state to ${what}; \`detail\` says what would be.`, DocumentConflictSchema);

/** The binary answers of GET /files/{id}: one entry per type an upload may be. */
const binaryContent = (types: readonly string[]) =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' as const, contentMediaType: type } }]));

const header = (description: string) => ({ description, required: true, schema: { type: 'string' as const } });
const DOWNLOAD_HEADERS = {
  'Content-Length': { description: 'Bytes.', required: true, schema: { type: 'integer' as const, minimum: 1 } },
  'Content-Disposition': header('`attachment`, with the file’s name as `filename` (ASCII) and `filename*` (UTF-8, RFC 8187).'),
  ETag: header('The hex SHA-256 of the bytes, quoted.'),
  'Cache-Control': header('`private, no-store`: claim documents stay out of shared and disk caches.'),
  'X-Content-Type-Options': header('`nosniff`: the type is the one decided from the bytes at upload.'),
  'Accept-Ranges': header('`bytes`: a download that broke off resumes with Range (and If-Range with the ETag).'),
};

export function documentsRoutes(deps: UploadDeps) {
  const { db, storage } = deps;
  const answer = (state: RequirementState, caller: Principal) => toRequirement(state.requirement, state.files, caller, state.claimStatus);

  return new Hono()
    .get(
      '/:id/documents',
      describeRoute({
        operationId: 'listClaimDocuments',
        tags: ['Documents'],
        summary: 'The claim’s documents: what it needs, what is in, what the caller may do',
        description:
          'The checklist in order, each requirement with its files, status and the actions open to the caller (upload, review, waive); the progress over required documents; the upload limits; and, for handlers, the catalogue to request another document from.',
        responses: { 200: json('The checklist.', DocumentListSchema), 404: claimNotFound },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const caller = c.var.caller;
        const scope = companyScope(caller);
        const claim = await findClaim(db, scope, c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        const requirements = await listRequirements(db, scope, claim.id);
        const files = await listFiles(db, requirements.map((row) => row.id));
        const requestable = canRequest(caller, claim.status);
        const kinds = requestable ? await listKinds(db) : [];
        return c.json({
          items: requirements.map((row) => toRequirement(row, files, caller, claim.status)),
          progress: progressOf(requirements),
          upload: { maxBytes: deps.maxUploadBytes, types: ALLOWED_TYPES },
          canRequest: requestable,
          kinds: kinds.map((kind) => ({ code: kind.code, label: labelOf(kind), help: helpOf(kind) })),
        });
      },
    )
    .post(
      '/:id/documents',
      describeRoute({
        operationId: 'requestClaimDocument',
        tags: ['Documents'],
        summary: 'Ask the claim for another document (handler)',
        description: `Adds a document to this claim’s checklist, of a kind from the catalogue (DocumentList.kinds; \`other\` with a note when none fits). A required one sends a claim in review back to documentation. A checklist holds at most ${MAX_CHECKLIST_DOCUMENTS} documents, waived ones included; past that, ask in the claim’s chat.`,
        responses: {
          201: jsonCreated('Requested.', DocumentRequirementSchema, 'The claim’s checklist, where the document is listed: /api/v1/claims/{id}/documents (a document has no URL of its own).'),
          404: claimNotFound,
          409: documentConflict(`ask for documents (the claim was filed or declined, or its checklist holds ${MAX_CHECKLIST_DOCUMENTS} already)`),
        },
      }),
      allow(CALLERS.documentHandler),
      validate('json', RequestDocumentSchema),
      async (c) => {
        const caller = c.var.caller;
        const state = await requestDocument(deps, caller, c.req.param('id'), c.req.valid('json'));
        return c.json(answer(state, caller), 201, { Location: apiUrl(`/claims/${state.requirement.claim_id}/documents`) });
      },
    )
    .post(
      '/:id/documents/:requirementId/waive',
      describeRoute({
        operationId: 'waiveClaimDocument',
        tags: ['Documents'],
        summary: 'Do without an optional document (handler)',
        description: 'An optional document that is missing or rejected is marked waived: the claim no longer asks for it.',
        responses: { 200: json('Waived.', DocumentRequirementSchema), 404: documentNotFound, 409: documentConflict('be waived (it is required, or uploaded, accepted or waived)') },
      }),
      allow(CALLERS.documentHandler),
      async (c) => {
        const caller = c.var.caller;
        return c.json(answer(await waiveDocument(deps, caller, c.req.param('id'), c.req.param('requirementId')), caller));
      },
    )
    .post(
      '/:id/documents/:requirementId/review',
      describeRoute({
        operationId: 'reviewClaimDocument',
        tags: ['Documents'],
        summary: 'Accept or reject an uploaded document (handler)',
        description:
          'Decides on a document whose files are uploaded: on its files no earlier rejection covered. A rejection needs a reason, which the customer reads; it marks those files rejected for good (DocumentFile.rejection), sends a claim in review back to documentation, and the customer may upload again. Accepting the last one does not move the claim: it is already in review.',
        responses: { 200: json('Reviewed.', DocumentRequirementSchema), 404: documentNotFound, 409: documentConflict('be reviewed (only uploaded documents are)') },
      }),
      allow(CALLERS.documentHandler),
      validate('json', ReviewSchema),
      async (c) => {
        const caller = c.var.caller;
        return c.json(answer(await reviewDocument(deps, caller, c.req.param('id'), c.req.param('requirementId'), c.req.valid('json')), caller));
      },
    )
    .post(
      '/:id/documents/:requirementId/files',
      describeRoute({
        operationId: 'uploadClaimDocumentFiles',
        tags: ['Documents'],
        summary: 'Upload files to a document',
        description:
          `multipart/form-data with one or several parts named \`${FILE_FIELD}\` (at most ${MAX_FILES_PER_REQUEST}), each at most MAX_UPLOAD_BYTES (DocumentList.upload.maxBytes). ` +
          'Each file’s type is decided from its bytes, never its name or its part’s Content-Type, and must be one of DocumentList.upload.types. ' +
          'All or nothing: if any file is refused, none is kept. A missing or rejected document becomes uploaded; once every required document is in, the claim moves to review. ' +
          'An integration uploads what it holds (the CMR, the delivery note) with the operator’s key or a company key with claims:write: the history names the integration (the key’s name, or Host system).',
        parameters: [idempotencyKeyParameter],
        requestBody: multipartFiles(),
        responses: {
          201: jsonCreated('Uploaded: the document as it now stands.', DocumentRequirementSchema, 'The first file uploaded: /api/v1/files/{id} (`files` lists each).'),
          200: json('Already uploaded with this Idempotency-Key: nothing stored again; the document as it now stands.', DocumentRequirementSchema),
          400: problem('The form is not valid: malformed, without a file, with another field (invalid-upload), or with an empty file (empty-file; `errors` names `file`); or the Idempotency-Key is malformed (invalid-request).', InvalidUploadSchema),
          404: documentNotFound,
          409: documentConflict('take files (the claim is not collecting documents, or the document is accepted or waived)'),
          422: problem('The Idempotency-Key was used for an upload to another document or claim.'),
          413: problem('A file is over MAX_UPLOAD_BYTES (`maxBytes`), found while it streams in; nothing of the request is kept.', ContentTooLargeSchema),
          415: problem('The body is not multipart/form-data, or a file is of a type uploads may not be (judged from its bytes; `detectedType`, `allowedTypes`).', UnsupportedFileTypeSchema),
        },
      }),
      allow(CALLERS.contributor),
      async (c) => {
        const caller = c.var.caller;
        // Decided before a byte of the body is read: a refusal here costs the client nothing to send.
        const claim = await findClaim(db, companyScope(caller), c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        const requirement = await findRequirement(db, claim.id, c.req.param('requirementId'));
        if (!requirement) throw new NotFoundError(`Document ${c.req.param('requirementId')} of claim ${claim.reference}`);
        const key = idempotencyKeyOf(c.req.raw);
        const target = { claimId: claim.id, requirementId: requirement.id };
        return uploadOnce(db, writerOf(caller), key, target, {
          async upload() {
            assertUploadable(claim, requirement);
            const received = await receiveFiles(c.req.raw, { storage, maxBytes: deps.maxUploadBytes, fallbackName: requirement.kind });
            const state = await keep(storage, received, (stored) => addFiles(deps, caller, claim.id, requirement.id, stored, key));
            const first = state.files.find((file) => file.storage_key === received[0]!.target.key)!;
            return c.json(answer(state, caller), 201, { Location: apiUrl(`/files/${first.id}`) });
          },
          // A retry of an upload already stored gets the document as it stands now, whatever it became since.
          async replay() {
            const now = { requirement: (await findRequirement(db, claim.id, requirement.id))!, files: await listFiles(db, [requirement.id]) };
            return c.json(answer({ ...now, claimStatus: (await findClaim(db, null, claim.id))!.status }, caller), 200);
          },
        });
      },
    );
}

/** Claim documents stay out of shared and disk caches. */
const PRIVATE = 'private, no-store';

/**
 * Streams a stored object as the answer, private and never sniffed: whole, or, when it was
 * opened at `range`, that part as a 206; for HEAD only its headers (the stream is closed rather
 * than left open).
 */
function sendObject(c: Context, object: StoredObject, headers: Record<string, string>, range?: ByteRange): Response {
  const status = range ? 206 : 200;
  const all = {
    ...headers,
    'Content-Length': String(range ? range.end - range.start + 1 : object.size),
    ...(range && { 'Content-Range': `bytes ${range.start}-${range.end}/${object.size}` }),
    'Cache-Control': PRIVATE,
    'X-Content-Type-Options': 'nosniff',
  };
  if (c.req.method === 'HEAD') {
    // Not read, so its failures (a file removed meanwhile) concern no one; unheard, they would end the process.
    object.stream.on('error', () => {}).destroy();
    return c.body(null, status, all);
  }
  return c.body(Readable.toWeb(object.stream) as ReadableStream<Uint8Array>, status, all);
}

export function filesRoutes(deps: UploadDeps) {
  const { db, storage } = deps;
  return new Hono()
    .get(
      '/:id',
      describeRoute({
        operationId: 'downloadFile',
        tags: ['Documents'],
        summary: 'Download an uploaded file',
        description:
          'The bytes as uploaded, with the type decided from them at upload, as an attachment named after the file. ' +
          'If-None-Match with the ETag (the SHA-256) is answered 304 without the bytes. ' +
          'A GET with one byte range (`Range: bytes=first-last`, `first-` or `-suffix`) gets that part as a 206, so a download that broke off resumes; send If-Range with the ETag so that a changed file comes whole instead. ' +
          'Several ranges are answered with the whole file (200).',
        head: {
          operationId: 'getFileHeaders',
          summary: 'An uploaded file’s size, type and ETag, without its bytes',
          description:
            'The headers GET /files/{id} would answer with — Content-Length, Content-Type, Content-Disposition, ETag — and no body: to check a file before downloading it, or whether the copy the client holds is current (If-None-Match answers 304).',
        },
        parameters: [
          { name: 'If-None-Match', in: 'header', required: false, description: 'ETags the client holds (or `*`): a match is answered 304.', schema: { type: 'string' } },
          { name: 'Range', in: 'header', required: false, description: 'One byte range, e.g. `bytes=1048576-` for the rest from the second MiB on (GET only; HEAD ignores it).', schema: { type: 'string' } },
          { name: 'If-Range', in: 'header', required: false, description: 'The ETag the client’s part came from: the Range is served only while it still names the file.', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'The file.', headers: { 'Content-Type': header('The file’s type (DocumentFile.type).'), ...DOWNLOAD_HEADERS }, content: binaryContent(ALLOWED_TYPES) },
          206: {
            description: 'The part of the file the Range asked for.',
            headers: {
              'Content-Type': header('The file’s type (DocumentFile.type).'),
              'Content-Range': header('`bytes first-last/size`: which bytes these are, of how many.'),
              ...DOWNLOAD_HEADERS,
            },
            content: binaryContent(ALLOWED_TYPES),
          },
          304: {
            description: 'The file is the one the client holds (If-None-Match): no body.',
            headers: { ETag: DOWNLOAD_HEADERS.ETag, 'Cache-Control': DOWNLOAD_HEADERS['Cache-Control'] },
          },
          404: fileNotFound,
          416: {
            ...problem('The Range starts past the end of the file (or asks for an empty suffix); Content-Range says its size.'),
            headers: { 'Content-Range': header('`bytes */size`: the file’s size in bytes.') },
          },
        },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const file = await findFile(db, companyScope(c.var.caller), writerOf(c.var.caller), c.req.param('id'));
        if (!file) throw new NotFoundError(`File ${c.req.param('id')}`);
        const etag = `"${file.sha256}"`;
        if (noneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag, 'Cache-Control': PRIVATE });
        // Range is defined for GET only (RFC 9110 §14.2): a HEAD describes the whole file.
        const range = c.req.method === 'GET' ? requestedRange(c.req.header('range'), c.req.header('if-range'), etag, file.size) : null;
        if (range === 'unsatisfiable') {
          throw new Problem(
            'range-not-satisfiable',
            `The file has ${file.size} bytes, numbered from 0, and the Range asks for none of them. Ask for a range that starts before byte ${file.size}, or leave Range out for the whole file.`,
            {},
            { 'Content-Range': `bytes */${file.size}` },
          );
        }
        const object = await storage.open(file.storage_key, range ?? undefined);
        if (!object) throw new NotFoundError(`The content of file ${file.id}`);
        return sendObject(
          c,
          object,
          { 'Content-Type': file.type, 'Content-Disposition': attachmentDisposition(file.name), ETag: etag, 'Accept-Ranges': 'bytes' },
          range ?? undefined,
        );
      },
    )
    .get(
      '/:id/thumbnail',
      describeRoute({
        operationId: 'getFileThumbnail',
        tags: ['Documents'],
        summary: 'A small preview of an uploaded image',
        description: 'A WebP at most 320 px on its longer side, for images (DocumentFile.hasThumbnail); 404 for other files.',
        responses: {
          200: {
            description: 'The preview.',
            headers: { 'Content-Type': header('image/webp'), 'Content-Length': DOWNLOAD_HEADERS['Content-Length'], 'Cache-Control': DOWNLOAD_HEADERS['Cache-Control'] },
            content: binaryContent(['image/webp']),
          },
          404: problem('No such file, it belongs to another company’s claim, or it has no preview (it is not an image).'),
        },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const file = await findFile(db, companyScope(c.var.caller), writerOf(c.var.caller), c.req.param('id'));
        if (!file) throw new NotFoundError(`File ${c.req.param('id')}`);
        const object = file.thumbnail_key ? await storage.open(file.thumbnail_key) : null;
        if (!object) throw new NotFoundError(`A preview of file ${file.id} (only images have one)`);
        return sendObject(c, object, { 'Content-Type': 'image/webp' });
      },
    )
    .delete(
      '/:id',
      describeRoute({
        operationId: 'removeFile',
        tags: ['Documents'],
        summary: 'Remove a file you uploaded',
        description:
          'Only its uploader — the same user, or the same API key for a file an integration uploaded — while its document is not accepted and the claim collects documents (DocumentFile.removable); a rejected file too. A handler rejects a file someone else uploaded rather than removing it. An uploaded document left with no file to review goes back to missing, or to rejected (as its latest rejection said) when rejected files remain; a claim in review goes back to documentation.',
        responses: {
          204: { description: 'Removed.' },
          404: fileNotFound,
          409: documentConflict('lose this file (its document is accepted, or the claim no longer collects documents)'),
        },
      }),
      allow(CALLERS.remover),
      async (c) => {
        const caller = c.var.caller;
        const keys = await removeFile(deps, caller, c.req.param('id'));
        // After the commit, so never a row without its bytes; the keys are back in the storage
        // ledger, so bytes this fails to delete (or a crash keeps it from deleting) go at the next sweep.
        await Promise.all(keys.map((key) => storage.remove(key).catch(() => {})));
        return c.body(null, 204);
      },
    );
}
