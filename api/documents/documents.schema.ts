import { z } from 'zod';
import { DOCUMENT_ACTIONS, DOCUMENT_STATUSES, UPLOAD_TYPES } from '../../domain/constants.ts';
import { LocalizedSchema, ReviewDecisionSchema } from '../domain.schema.ts';
import { ActorSchema } from '../events/events.schema.ts';
import { text } from '../http/text.ts';

export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);
export const DocumentActionSchema = z.enum(DOCUMENT_ACTIONS);

const Person = z.object({ id: z.string().nullable(), name: z.string() });

/** What an upload may be, so a client can refuse a file before sending it. */
export const UploadLimitsSchema = z
  .object({
    maxBytes: z.number().int().describe('The largest file the server takes (MAX_UPLOAD_BYTES).'),
    types: z.array(z.enum(Object.keys(UPLOAD_TYPES) as [keyof typeof UPLOAD_TYPES])).describe('The types a file may be, decided from its bytes.'),
  })
  .meta({ id: 'UploadLimits' });

export const DocumentFileSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('The file name as uploaded, sanitised.'),
    size: z.number().int().describe('Bytes.'),
    type: z.string().describe('The MIME type, decided from the file’s bytes.'),
    sha256: z.string().describe('Hex SHA-256 of the bytes.'),
    uploadedBy: ActorSchema.describe(
      'Who uploaded it: one of the company’s users, a claims handler, or an integration (`service`: a company API key, `id` its id, or the operator’s key, `id` null).',
    ),
    uploadedAt: z.string(),
    hasThumbnail: z.boolean().describe('Whether GET /files/{id}/thumbnail has a small preview (images only).'),
    removable: z
      .boolean()
      .describe(
        'Whether the caller may remove it now (DELETE /files/{id}): its uploader (the same user or API key), while its requirement is not accepted and the claim is in documentation or review. A rejected file too: removing it changes nothing else.',
      ),
    rejection: z
      .object({ reason: z.string(), by: Person, at: z.string() })
      .nullable()
      .describe(
        'Why, by whom and when the handler rejected this file (with the document it was uploaded to); null if never. Kept for the rest of the claim’s life, also once a replacement is accepted. The files a review decides on are those with no rejection.',
      ),
  })
  .meta({ id: 'DocumentFile' });

export const DocumentRequirementSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    kind: z.string().describe('The catalogue code, e.g. commercial_invoice.'),
    label: LocalizedSchema,
    help: LocalizedSchema.describe('What a good document of this kind looks like.'),
    photos: z
      .boolean()
      .describe('Whether the document is photos taken where the goods are (the damage, the packaging): a client offers the camera beside the file picker. From the kind’s catalogue entry.'),
    note: z.string().nullable().describe('The handler’s note on a request made by hand.'),
    required: z.boolean().describe('Whether the claim needs it before review; optional ones can be waived.'),
    status: DocumentStatusSchema,
    reason: z.string().nullable().describe('Why it was rejected; null unless rejected.'),
    files: z.array(DocumentFileSchema),
    requestedBy: Person.nullable().describe('The handler who asked for it by hand; null when the rules asked for it.'),
    review: z.object({ by: Person, at: z.string() }).nullable().describe('Who accepted or rejected it, and when.'),
    actions: z
      .array(DocumentActionSchema)
      .describe(
        'What the caller may do with it now: `upload` (a person, while the claim is in documentation or review and the document is not accepted or waived), `review` (handlers, once uploaded), `waive` (handlers, an optional document that is missing or rejected).',
      ),
  })
  .meta({ id: 'DocumentRequirement' });

export const DocumentKindSchema = z
  .object({ code: z.string(), label: LocalizedSchema, help: LocalizedSchema })
  .meta({ id: 'DocumentKind' });

/** The checklist's progress, the same on the claim (Claim.documents) and on its checklist (DocumentList.progress). */
export const DocumentsProgressSchema = z.object({
  required: z.number().int().min(0).describe('How many required documents the claim asks for (waived ones aside).'),
  accepted: z.number().int().min(0).describe('How many of those the handler accepted: the progress a client shows.'),
  awaitingReview: z.number().int().min(0).describe('How many of those have files uploaded that wait for the handler’s review (not progress yet: they may be rejected).'),
});

export const DocumentListSchema = z
  .object({
    items: z.array(DocumentRequirementSchema).describe('In checklist order.'),
    progress: DocumentsProgressSchema,
    upload: UploadLimitsSchema,
    canRequest: z.boolean().describe('Whether the caller may ask for another document (POST /claims/{id}/documents).'),
    kinds: z.array(DocumentKindSchema).describe('The catalogue, for a request made by hand; empty unless canRequest.'),
  })
  .meta({ id: 'DocumentList' });

export const ReviewSchema = z
  .object({
    decision: ReviewDecisionSchema,
    reason: text({ max: 1000 }).optional().describe('Required to reject: what is wrong and what to send instead.'),
  })
  .refine((r) => r.decision !== 'rejected' || r.reason !== undefined, {
    message: 'is required to reject a document: tell the customer what is wrong and what to send instead',
    path: ['reason'],
  })
  .meta({ id: 'Review' });

export const RequestDocumentSchema = z
  .object({
    kind: text({ max: 100 }).describe('A catalogue code (DocumentList.kinds); `other` when none fits.'),
    note: text({ max: 1000 }).describe('What exactly is needed, as the customer will read it.'),
    required: z.boolean().default(true),
  })
  .meta({ id: 'RequestDocument' });

export type DocumentFile = z.infer<typeof DocumentFileSchema>;
export type DocumentRequirement = z.infer<typeof DocumentRequirementSchema>;
export type DocumentList = z.infer<typeof DocumentListSchema>;
export type DocumentKind = z.infer<typeof DocumentKindSchema>;
export type RequestDocumentInput = z.infer<typeof RequestDocumentSchema>;
