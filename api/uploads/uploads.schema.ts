import { z } from 'zod';
import { DocumentRequirementSchema } from '../documents/documents.schema.ts';
import { ClaimStatusSchema } from '../domain.schema.ts';
import { ProblemSchema } from '../http/problem.schema.ts';

/** What GET /uploads/{id} answers: where a resumable upload stands, and once complete what it became. */
export const UploadSessionSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    requirementId: z.string().describe('The document the file goes to.'),
    fileName: z.string().describe('The name the client gave (Upload-Metadata `filename`); the file keeps it sanitised.'),
    length: z.number().int().describe('The whole file’s size in bytes (Upload-Length).'),
    offset: z.number().int().describe('The bytes stored so far (Upload-Offset): the next PATCH starts here.'),
    status: z.enum(['open', 'complete']).describe('`open` while bytes are missing; `complete` once the file is recorded (an expired upload is a 410).'),
    expiresAt: z.string().nullable().describe('When an open upload expires unless a chunk arrives (UPLOAD_SESSION_TTL_MS after the last); null once complete.'),
    fileId: z.string().nullable().describe('The file it became (GET /files/{id}), once complete.'),
    document: DocumentRequirementSchema.nullable().describe('Once complete: the document as it now stands, as the multipart upload answers it.'),
  })
  .meta({ id: 'UploadSession' });

export type UploadSession = z.infer<typeof UploadSessionSchema>;

export const UploadConflictSchema = ProblemSchema.extend({
  offset: z.number().int().optional().describe('For upload-offset-mismatch: the bytes stored, where the next PATCH must start (also in Upload-Offset).'),
  documentStatus: z.string().nullable().optional().describe('For document-conflict: where the document stands.'),
  claimStatus: ClaimStatusSchema.optional().describe('For document-conflict: where the claim is.'),
}).meta({
  id: 'UploadConflict',
  description: 'A 409: the chunk was sent for another offset than the one stored (upload-offset-mismatch: HEAD the upload and go on from `offset`), or the document no longer takes files (document-conflict: the upload is discarded).',
});
