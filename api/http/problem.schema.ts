import { z } from 'zod';
import { PROBLEM_TYPE_BASE, PROBLEMS, type ProblemCode } from '../../domain/problems.ts';
import { ClaimStatusSchema } from '../domain.schema.ts';

// The shapes of the problems `problemJson` (api/http/problem.ts) writes, as the OpenAPI document
// shows them. Each is closed: an extension member the document does not name fails the API
// tests' response check, so a new one gets written down here first.

export const FieldErrorSchema = z
  .object({
    field: z.string().describe('The invalid field as a dotted path (`declaredValue.currency`), or `json`, `query`, `path` for the whole part.'),
    message: z.string().describe('What is wrong with it, for a person to read.'),
  })
  .meta({ id: 'FieldError' });

/** RFC 9457 problem details: every 4xx and 5xx answer of the API. */
export const ProblemSchema = z
  .object({
    type: z
      .enum((Object.keys(PROBLEMS) as ProblemCode[]).map((code) => `${PROBLEM_TYPE_BASE}${code}`) as [string, ...string[]])
      .describe('The kind of problem, stable: tell problems apart by it (the API description lists each), never by `title` or `detail`.'),
    title: z.string().describe('A short summary of the kind of problem (English).'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code, repeated.'),
    detail: z.string().describe('What went wrong and what to do about it, for a person to read.'),
    instance: z.string().describe('The path of the request.'),
    errors: z.array(FieldErrorSchema).optional().describe('Each invalid field of the request, for a form to show beside its input (400s).'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

export const TransitionConflictSchema = ProblemSchema.extend({
  currentStatus: ClaimStatusSchema.describe('Where the claim is.'),
  requestedStatus: ClaimStatusSchema.describe('Where the request asked it to go.'),
}).meta({ id: 'TransitionConflict', description: 'A 409: the move does not exist from the claim’s current status; `detail` says where it can go.' });

export const ClaimFinalConflictSchema = ProblemSchema.extend({
  currentStatus: ClaimStatusSchema.describe('Where the claim is: declined or closed.'),
}).meta({ id: 'ClaimFinalConflict', description: 'A 409: the claim reached a final status (declined, closed) and no longer takes this change.' });

export const MessageConflictSchema = ProblemSchema.extend({
  currentStatus: ClaimStatusSchema.optional().describe('When the claim is over: its final status (declined, closed).'),
  messageId: z.string().optional().describe('When the clientId was used for another text: the message it names.'),
  claimStatus: ClaimStatusSchema.optional().describe('When a document asked for cannot be added to the checklist (document-conflict): where the claim is.'),
  documentStatus: z.string().nullable().optional().describe('With claimStatus: null, as the change is about the checklist as a whole.'),
}).meta({
  id: 'MessageConflict',
  description: 'A 409: the claim takes no new messages, the clientId names a message with another text, or the checklist takes no more documents (document-conflict).',
});

export const AttachmentConflictSchema = ProblemSchema.extend({
  currentStatus: ClaimStatusSchema.optional().describe('When the claim is over: its final status (declined, closed).'),
  unsentFiles: z.number().int().optional().describe('When too much waits to be sent: the files the caller uploaded to send with a message and has not sent.'),
  unsentBytes: z.number().int().optional().describe('Their bytes.'),
  maxUnsentFiles: z.number().int().optional().describe('The most files one person may have waiting (MAX_UNSENT_ATTACHMENTS).'),
  maxUnsentBytes: z.number().int().optional().describe('The most bytes one person may have waiting (MAX_UNSENT_ATTACHMENT_BYTES).'),
}).meta({
  id: 'AttachmentConflict',
  description: 'A 409: the claim takes no new messages (currentStatus), or the caller already has as many files waiting to be sent as one person may (unsentFiles, unsentBytes).',
});

export const ExternalRefConflictSchema = ProblemSchema.extend({
  claimId: z.string().describe('The claim already opened for this company.id and externalRef.'),
  differingFields: z.array(z.string()).describe('The fields whose values differ from that claim’s.'),
}).meta({ id: 'ExternalRefConflict', description: 'A 409: the externalRef names a claim opened with other values.' });

export const ClaimNotAmendableSchema = ProblemSchema.extend({
  currentStatus: ClaimStatusSchema.describe('Where the claim is: submitted, resolved, declined or closed.'),
}).meta({ id: 'ClaimNotAmendable', description: 'A 409: the claim was filed, declined or closed, and no longer takes corrections.' });

export const ContentTooLargeSchema = ProblemSchema.extend({
  maxBytes: z.number().int().describe('The largest body this request may carry, in bytes.'),
  fileName: z.string().optional().describe('For file-too-large: the file over MAX_UPLOAD_BYTES, as it was named.'),
}).meta({ id: 'ContentTooLarge', description: 'A 413: the body is over MAX_JSON_BYTES (or MAX_UPLOAD_BYTES for an upload).' });

export const RateLimitedSchema = ProblemSchema.extend({
  retryAfter: z.number().int().min(1).describe('Seconds to wait, as in Retry-After.'),
}).meta({ id: 'RateLimited', description: 'A 429: too many failed authentications from the address, or too many writes.' });

// No component of its own: only x-unmatched-responses names it (api/openapi.ts), since no
// operation answers 405.
export const MethodNotAllowedSchema = ProblemSchema.extend({
  allowed: z.array(z.string()).describe('The methods the path takes, as in Allow.'),
}).describe('A 405: the path exists but does not take the method.');

export const DocumentConflictSchema = ProblemSchema.extend({
  documentStatus: z.string().nullable().describe('Where the document stands (missing, uploaded, accepted, rejected, waived); null when the change is about the claim’s checklist as a whole.'),
  claimStatus: ClaimStatusSchema.describe('Where the claim is.'),
}).meta({ id: 'DocumentConflict', description: 'A 409: the document or its claim is not in a state to take this change; `detail` says what would be.' });

export const UnsupportedFileTypeSchema = ProblemSchema.extend({
  fileName: z.string().optional().describe('The file refused, as it was named.'),
  detectedType: z.string().nullable().optional().describe('The type the file’s bytes show; null when they match no known type.'),
  allowedTypes: z.array(z.string()).optional().describe('The types an upload may be (UPLOAD_TYPES).'),
}).meta({ id: 'UnsupportedFileType', description: 'A 415: the body is not multipart/form-data, or a file is of a type uploads may not be (judged from its bytes).' });

export const InvalidUploadSchema = ProblemSchema.extend({
  fileName: z.string().optional().describe('For empty-file: the empty file, as it was named.'),
}).meta({ id: 'InvalidUpload', description: 'A 400: the form is not the upload this API takes (invalid-upload), or a file is empty (empty-file).' });
