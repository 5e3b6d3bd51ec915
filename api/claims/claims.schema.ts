import { z } from 'zod';
import { AMENDABLE_CLAIM_FIELDS, CLAIM_DEADLINE_FILTERS, CLAIM_STATUSES, CUSTOMER_STEPS, HANDLER_STEPS, type AmendableClaimField, type ClaimStatus } from '../../domain/constants.ts';
import {
  ClaimActionSchema,
  ClaimStatusSchema,
  ClaimTypeSchema,
  DayKindSchema,
  DeadlineStateSchema,
  GoodsSchema,
  LocalizedSchema,
  MoneySchema,
  OutcomeSchema,
  PhaseStateSchema,
  DocumentsStageSchema,
  ScopeSchema,
} from '../domain.schema.ts';
import { DocumentsProgressSchema, DocumentStatusSchema } from '../documents/documents.schema.ts';
import { ExternalRefConflictSchema, ProblemSchema } from '../http/problem.schema.ts';
import { text } from '../http/text.ts';
import { COUNTRY_CODES } from './country-calendar.ts';
import { LiabilityLimitSchema } from '../liability/liability.schema.ts';

/** The earliest incident a claim may be opened for: older ones are past every limitation period. */
const EARLIEST_INCIDENT = Date.UTC(2000, 0, 1);
/** How far ahead of the server's clock an incident may be, for hosts whose clocks run fast. */
const CLOCK_SKEW_MS = 10 * 60_000;

const incidentAt = z.iso
  .datetime({ offset: true })
  .refine((at) => Date.parse(at) >= EARLIEST_INCIDENT, 'must not be before 2000-01-01')
  .refine((at) => Date.parse(at) <= Date.now() + CLOCK_SKEW_MS, 'must not be in the future');

/**
 * The most a claim's goods may weigh: more than a road consignment carries (a full lorry takes
 * some 25 t), so a larger figure is grams or pounds sent as kilograms.
 */
export const MAX_GROSS_WEIGHT_KG = 100_000;

const grossWeightKg = z
  .number()
  // Kept in whole grams: anything under one would be stored as none.
  .min(0.001, { message: 'must be above 0 kg: at least 0.001 kg, one gram', abort: true })
  .max(MAX_GROSS_WEIGHT_KG, `must be at most ${MAX_GROSS_WEIGHT_KG} kg, more than a road consignment carries: check it is in kilograms, not grams or pounds`)
  .refine((kg) => Math.abs(kg * 1000 - Math.round(kg * 1000)) < 1e-6, 'must have at most 3 decimals: it is kept to the gram');

/** A country: ISO 3166-1 alpha-2, one whose public holidays and time zone are known. */
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code in capitals, such as ES, FR or PT', abort: true })
  .refine((code) => COUNTRY_CODES.includes(code), 'is not a country code Claimdesk knows (ISO 3166-1 alpha-2, such as ES, FR or PT)');

/** The facts of an incident a claim holds, each as intake takes it; an amendment takes the same (AmendClaimSchema). */
const incidentFacts = {
  carrier: text({ max: 200 }),
  trackingNumber: text({ max: 200 }),
  description: text({ max: 5000 }),
  incidentAt: incidentAt.describe('When the incident happened or, for damage, when the goods were delivered: from 2000-01-01 until now.'),
  declaredValue: MoneySchema,
  claimedAmount: MoneySchema,
  origin: text({ max: 200 }),
  destination: text({ max: 200 }),
  originCountry: country.describe('Where the goods left (ISO 3166-1 alpha-2). A national claim that names neither country is in ES.'),
  destinationCountry: country.describe('Where the goods were delivered or due (ISO 3166-1 alpha-2). Damage deadlines run in this country.'),
  packages: z.number().int().min(1).max(100_000),
  grossWeightKg: grossWeightKg.describe(
    `The gross weight, in kg and packaging included, of the goods the claim is for: the whole shipment when all of it was lost or damaged, else the part that was. The carrier’s liability limit counts per kg of it (CMR art. 23.3, Ley 15/2009 art. 57). Above 0, at most ${MAX_GROSS_WEIGHT_KG}, to the gram (3 decimals).`,
  ),
} satisfies Record<AmendableClaimField, z.ZodType>;

export const CreateClaimSchema = z
  .object({
    company: z.object({ id: text({ max: 200 }), name: text({ max: 200 }).optional() }),
    externalRef: text({ max: 200 }).describe('The host’s own id for the incident; repeat it to get the same claim back.'),
    type: ClaimTypeSchema,
    goods: GoodsSchema,
    scope: ScopeSchema,
    ...incidentFacts,
    claimedAmount: incidentFacts.claimedAmount.optional(),
    origin: incidentFacts.origin.optional(),
    destination: incidentFacts.destination.optional(),
    originCountry: incidentFacts.originCountry.optional(),
    destinationCountry: incidentFacts.destinationCountry.optional(),
    packages: incidentFacts.packages.default(1),
    grossWeightKg: incidentFacts.grossWeightKg.optional(),
  })
  .refine((c) => !c.claimedAmount || c.claimedAmount.currency === c.declaredValue.currency, {
    message: 'must be in the same currency as declaredValue',
    path: ['claimedAmount', 'currency'],
  })
  .refine((c) => c.scope !== 'national' || !c.originCountry || !c.destinationCountry || c.originCountry === c.destinationCountry, {
    message: 'must be the same as originCountry: a national claim stays in one country',
    path: ['destinationCountry'],
  })
  .refine((c) => c.scope !== 'international' || !c.originCountry || c.originCountry !== c.destinationCountry, {
    message: 'must differ from originCountry: an international claim crosses a border (or set scope to national)',
    path: ['destinationCountry'],
  })
  .meta({ id: 'CreateClaim' });

/** What a claim keeps as it was opened: which incident it is, and so which documents it needs and which deadline rule applies. */
const FIXED_FIELDS: readonly string[] = ['company', 'externalRef', 'type', 'goods', 'scope'];
const AMENDABLE: readonly string[] = AMENDABLE_CLAIM_FIELDS;

/**
 * A correction of a claim, as a JSON merge patch (RFC 7396): each field sent replaces the claim's,
 * null removes an optional one, a field left out stays. The result must be a claim intake would
 * take (api/claims/claims.commands.ts checks it so).
 */
export const AmendClaimSchema = z
  .looseObject({
    carrier: incidentFacts.carrier.optional(),
    trackingNumber: incidentFacts.trackingNumber.optional(),
    description: incidentFacts.description.optional(),
    incidentAt: incidentFacts.incidentAt.optional(),
    declaredValue: incidentFacts.declaredValue.optional(),
    claimedAmount: incidentFacts.claimedAmount.nullable().optional().describe('In the currency of declaredValue; null: no amount claimed.'),
    origin: incidentFacts.origin.nullable().optional(),
    destination: incidentFacts.destination.nullable().optional(),
    originCountry: incidentFacts.originCountry.nullable().optional(),
    destinationCountry: incidentFacts.destinationCountry.nullable().optional(),
    packages: incidentFacts.packages.optional(),
    grossWeightKg: incidentFacts.grossWeightKg.nullable().optional().describe('In kg; null: the weight is not known.'),
  })
  .superRefine((patch, ctx) => {
    const fields = Object.keys(patch);
    if (fields.length === 0) ctx.addIssue({ code: 'custom', path: [], message: `names no field to change: send one or more of ${AMENDABLE.join(', ')}` });
    for (const field of fields.filter((name) => !AMENDABLE.includes(name))) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: FIXED_FIELDS.includes(field)
          ? `cannot be amended: ${FIXED_FIELDS.join(', ')} say which incident the claim is and what it needs. An incident that differs in them is another claim, with an externalRef of its own`
          : `is not a field a claim is amended with; those are ${AMENDABLE.join(', ')}`,
      });
    }
  })
  .meta({ id: 'AmendClaim', additionalProperties: false, minProperties: 1 });

/** How many claims one POST /claims/batch may carry. */
export const MAX_BATCH_CLAIMS = 500;

const batchOf = <Item extends z.ZodType>(item: Item) =>
  z.object({
    claims: z
      .array(item)
      .min(1, 'must hold at least one claim')
      .max(MAX_BATCH_CLAIMS, `must hold at most ${MAX_BATCH_CLAIMS} claims: send the rest in further requests`)
      .describe(`From 1 to ${MAX_BATCH_CLAIMS} claims, each as POST /claims takes it.`),
  });

/** A batch as clients send it: each claim as POST /claims takes it. */
export const ClaimBatchSchema = batchOf(CreateClaimSchema).meta({ id: 'ClaimBatch' });

/**
 * The same batch as the route reads it: the list is checked whole, each claim on its own, so a
 * claim that is not valid is answered in its place while the others are opened.
 */
export const ClaimBatchItemsSchema = batchOf(z.unknown().transform((sent) => ({ sent, parsed: CreateClaimSchema.safeParse(sent) })));

/** What became of one claim of a batch, as POST /claims would have answered it alone. */
export const BATCH_ITEM_STATUSES = ['created', 'unchanged', 'conflict', 'invalid'] as const;

/** How a batch's answer names a claim: enough to find it again (GET /claims/{id}) and to tell the customer its reference. */
export const ClaimRefSchema = z
  .object({ id: z.string(), reference: z.string(), companyId: z.string(), status: ClaimStatusSchema })
  .meta({ id: 'ClaimRef' });

export const ClaimBatchItemSchema = z
  .object({
    index: z.number().int().min(0).describe('Its position in `claims`, from 0.'),
    externalRef: z.string().nullable().describe('Its externalRef as stored (trimmed); null when the item has none that is valid.'),
    status: z
      .enum(BATCH_ITEM_STATUSES)
      .describe(
        'created: opened now (POST /claims: 201). unchanged: already opened for this company and externalRef with the same values, by an earlier request or earlier in this batch (200). ' +
          'conflict: already opened with other values (409; `problem.differingFields`). invalid: not a claim POST /claims takes (400; `problem.errors`).',
      ),
    claim: ClaimRefSchema.optional().describe('The claim opened, or the one already opened for this externalRef (unchanged, conflict).'),
    problem: z
      .union([ExternalRefConflictSchema, ProblemSchema])
      .optional()
      .describe('Why it was not opened: for conflict and invalid, the problem POST /claims would have answered.'),
  })
  .meta({ id: 'ClaimBatchItem' });

export const ClaimBatchResultSchema = z
  .object({
    items: z.array(ClaimBatchItemSchema).describe('One per claim sent, in the order sent.'),
    counts: z
      .object(Object.fromEntries(BATCH_ITEM_STATUSES.map((status) => [status, z.number().int().min(0)])) as Record<(typeof BATCH_ITEM_STATUSES)[number], z.ZodNumber>)
      .describe('How many items ended in each status.'),
  })
  .meta({ id: 'ClaimBatchResult' });

/** How a claim list is ordered: newest opened first, soonest deadline first, or least recently changed first. */
export const CLAIM_SORTS = ['newest', 'deadline', 'updated'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];
/** How much of each claim a page carries: all of it (Claim), or what a list's row shows (ClaimSummary). */
export const CLAIM_VIEWS = ['full', 'summary'] as const;

export const ListClaimsQuerySchema = z.object({
  status: ClaimStatusSchema.optional(),
  type: ClaimTypeSchema.optional(),
  // A search box sends what is typed: blank means no search rather than a mistake.
  q: text({ max: 200, min: 0 })
    .optional()
    .describe(
      'Searches reference, tracking number, carrier, description and externalRef, ignoring case and accents (alvaro finds Álvaro). Three characters or more match anywhere in them (4410 finds PW-4410982); one or two match the start of a reference or tracking number.',
    ),
  companyId: text({ max: 200 })
    .optional()
    .describe('Only this company’s claims (GET /companies lists them). For handlers and the host backend; a company’s user may name only their own company, any other is a 400.'),
  handler: text({ max: 200 })
    .optional()
    .describe('Whose claims: `me`, those assigned to the calling handler (handlers only); `none`, those no handler has taken yet; or a handler’s id (GET /handlers), those assigned to that handler.'),
  externalRef: text({ max: 200 })
    .optional()
    .describe(
      'Only the claim opened for this externalRef (exactly, once trimmed). An externalRef is unique within a company: a company’s user gets at most one claim; handlers and the host backend get one per company that used it, and add companyId for exactly one.',
    ),
  updatedSince: z.iso
    .datetime({ offset: true })
    .transform((at) => new Date(at).toISOString())
    .optional()
    .describe(
      'Only claims whose updatedAt is at or after this instant (ISO 8601). updatedAt moves with every change of the claim, its documents or its conversation. To follow changes, page with sort=updated to the end, then ask again later with the last updatedAt you read: the claims at that instant come again, so none that changed since is missed.',
    ),
  deadline: z
    .enum(CLAIM_DEADLINE_FILTERS, { message: `must be ${CLAIM_DEADLINE_FILTERS.join(' or ')}` })
    .optional()
    .describe(
      '`at_risk`: only claims still running against their filing deadline (notified, documentation, review) whose deadline falls within the warning window from now — the largest of DEADLINE_WARNING_HOURS, 72 h by default: the claims at risk of the analytics’ deadlines panel. With sort=deadline, soonest first.',
    ),
  sort: z
    .enum(CLAIM_SORTS)
    .default('newest')
    .describe(
      '`newest`: by opening time, newest first. `deadline`: by deadline, soonest (or longest overdue) first; combine with status to see the queue that still runs against its deadline. ' +
        '`updated`: by updatedAt, least recently changed first (ties by id); a claim that changes while you page moves to the end, where you meet it again.',
    ),
  cursor: text({ max: 500 })
    .optional()
    .describe('The nextCursor of the previous page, with the same filters and sort; a cursor of another sort is a 400.'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  view: z
    .enum(CLAIM_VIEWS, { message: `must be ${CLAIM_VIEWS.join(' or ')}` })
    .default('full')
    .describe(
      '`full`: each claim as GET /claims/{id} gives it. `summary`: each claim as a row of a list shows it (ClaimSummary: no checklist, next step, places, description or outcome, and of the deadline its state), about a fifth of the bytes and a third of the server’s work a page costs; open a claim for the rest.',
    ),
});

export const AssignSchema = z
  .object({
    handlerId: text({ max: 200 }).describe('The claims handler to assign (an id from GET /handlers): yourself to take the claim, another handler to reassign it.'),
    note: text({ max: 2000 }).optional().describe('Why, for the timeline (a reassignment’s handover, say).'),
  })
  .meta({ id: 'Assign' });

export const DeclineSchema = z.object({
  reason: text({ max: 1000 }).describe('Why the company does not want the claim handled.'),
}).meta({ id: 'Decline' });

export const TransitionSchema = z
  .object({
    to: ClaimStatusSchema,
    note: text({ max: 2000 }).optional(),
    outcome: OutcomeSchema.optional(),
    amount: MoneySchema.optional(),
  })
  .refine((t) => t.to !== 'resolved' || t.outcome !== undefined, {
    message: 'is required when resolving a claim (paid, partially_paid or denied)',
    path: ['outcome'],
  })
  .refine((t) => t.to !== 'resolved' || t.outcome === 'denied' || t.amount !== undefined, {
    message: 'is required when the outcome is paid or partially_paid',
    path: ['amount'],
  })
  .refine((t) => t.outcome !== 'denied' || t.amount === undefined, {
    message: 'is not accepted when the outcome is denied: a denied claim pays nothing',
    path: ['amount'],
  })
  .refine((t) => t.outcome === 'denied' || t.amount === undefined || t.amount.amountCents > 0, {
    message: 'must be above zero when the outcome is paid or partially_paid (a claim that pays nothing is denied)',
    path: ['amount', 'amountCents'],
  })
  .refine((t) => t.to === 'resolved' || (t.outcome === undefined && t.amount === undefined), {
    message: 'outcome and amount are only accepted when moving to resolved',
    path: ['outcome'],
  })
  .meta({ id: 'Transition' });

/** One of a claim's documents, as the claim names it (its checklist, GET /claims/{id}/documents, has the rest). */
const DocumentRefSchema = z
  .object({
    id: z.string().describe('The requirement’s id in the claim’s checklist.'),
    kind: z.string().describe('The catalogue code, e.g. commercial_invoice.'),
    label: LocalizedSchema,
    status: DocumentStatusSchema,
    reason: z.string().nullable().describe('Why it was rejected; null unless rejected.'),
  })
  .meta({ id: 'DocumentRef' });

const stepDocuments = z
  .array(DocumentRefSchema)
  .describe(
    'The documents the step is about, in checklist order: those to upload again (fix-rejected) or to upload (upload-documents), those waiting for review (wait-for-review, wait-for-assignment, review-documents, take-claim), those the customer still owes (wait-for-documents); empty for the other steps.',
  );

export const NextStepSchema = z
  .discriminatedUnion('side', [
    z.object({
      side: z.literal('customer'),
      code: z
        .enum(CUSTOMER_STEPS)
        .describe(
          'accept-or-decline: answer the notified claim. fix-rejected: upload a new file for each rejected document. upload-documents: upload the required documents still missing. ' +
            'wait-for-assignment: everything required is in, and no handler has the claim yet. wait-for-review: the handler reviews what was uploaded. ' +
            'wait-for-filing: everything required is accepted; the handler files the claim. wait-for-carrier: filed, waiting for the carrier or insurer. ' +
            'see-outcome: resolved. declined: the company declined it. nothing: closed.',
        ),
      documents: stepDocuments,
    }),
    z.object({
      side: z.literal('handler'),
      code: z
        .enum(HANDLER_STEPS)
        .describe(
          'take-claim: no handler has the claim; take it. wait-for-customer: the company has not answered yet. review-documents: files wait for review. ' +
            'wait-for-documents: the customer still owes required documents. start-review: everything required is accepted; move the claim to review. ' +
            'file-claim: everything required is accepted; file it. record-outcome: filed; resolve it with the answer. close-claim: resolved; close it. ' +
            'declined: the company declined it. nothing: closed.',
        ),
      documents: stepDocuments,
    }),
  ])
  .meta({ id: 'NextStep' });

export const ClaimSchema = z
  .object({
    id: z.string(),
    reference: z.string().describe('Human-friendly reference, e.g. SIN-2026-000123.'),
    companyId: z.string(),
    companyName: z.string(),
    externalRef: z.string(),
    type: ClaimTypeSchema,
    goods: GoodsSchema,
    scope: ScopeSchema,
    status: ClaimStatusSchema,
    carrier: z.string(),
    trackingNumber: z.string(),
    description: z.string(),
    origin: z.string().nullable(),
    destination: z.string().nullable(),
    originCountry: z.string().nullable().describe('ISO 3166-1 alpha-2; a national claim always names it.'),
    destinationCountry: z.string().nullable().describe('ISO 3166-1 alpha-2; a national claim always names it.'),
    packages: z.number().int(),
    grossWeightKg: z.number().nullable().describe('The gross weight, in kg, of the goods the claim is for; null when not known.'),
    declaredValue: MoneySchema,
    claimedAmount: MoneySchema.nullable(),
    liabilityLimit: LiabilityLimitSchema.optional().describe(
      'The most the carrier pays under the rule that covers the carriage, beside what is claimed, or why it is not computed. For the operator’s side only — claims handlers and CLAIMS_API_KEY —; absent for a company’s users and keys. See LiabilityLimit and GET /liability-rates.',
    ),
    outcome: z.object({ result: OutcomeSchema, amount: MoneySchema }).nullable(),
    declineReason: z.string().nullable(),
    incidentAt: z.string(),
    deadlineAt: z.string().describe('The end of the last day to file: 23:59:59.999 on the clock of deadline.country, in UTC.'),
    deadline: z.object({
      days: z.number().int(),
      dayKind: DayKindSchema,
      country: z
        .string()
        .describe('The country whose public holidays and clock the deadline is counted with (ISO 3166-1 alpha-2): the destination or the origin, as the rule says; ES when the claim does not name that country.'),
      basis: LocalizedSchema.describe('The convention or clause the deadline comes from: a legal text, in English and Spanish only.'),
      state: DeadlineStateSchema.describe('running: counting down; missed: past while the claim still waits; met: the claim was filed; stopped: declined, no deadline applies.'),
    }),
    allowedTransitions: z.array(ClaimStatusSchema).describe('Statuses the caller may move this claim to now.'),
    actions: z
      .array(ClaimActionSchema)
      .describe('The answers the caller may give now: accept and decline for a company’s user on a notified claim.'),
    needsAction: z.boolean().describe('Whether the claim is waiting for the caller (a customer to accept or decline, a handler to review or file).'),
    handler: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe('The claims handler the claim is assigned to; null until one takes it.'),
    unreadMessages: z.number().int().min(0).describe('Messages of its conversation, by others, that the caller has not read; 0 for the API key.'),
    phases: z
      .array(z.object({ status: ClaimStatusSchema, state: PhaseStateSchema }))
      .describe('The lifecycle as a stepper draws it, in order, each phase done, current or pending; a declined claim shows notified → declined.'),
    final: z.boolean().describe('Whether the claim is in a final status (declined, closed): it moves no more, takes no handler, and its conversation takes no new messages.'),
    documents: DocumentsProgressSchema.extend({
      notAccepted: z
        .array(DocumentRefSchema)
        .describe('The required documents not accepted yet (missing, uploaded or rejected), in checklist order: what filing the claim now would go without. Filing stays open to the handler; a client asks them to confirm.'),
    }).describe('The checklist’s progress: what the handler accepted, not what was uploaded.'),
    nextStep: NextStepSchema.describe(
      'What the claim asks of its reader now, from its phase, its own checklist and whether a handler has it: the handler’s side for a claims handler, the company’s for its users and the host backend. Clients word it by `code`, naming `documents`.',
    ),
    documentsStage: DocumentsStageSchema.describe(
      'Where the claim is in collecting its documents: not_yet (it waits for the customer to accept), collecting (documentation, review: files are uploaded and reviewed), collected (filed onward: the checklist is read-only), never (declined).',
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Claim' });

/**
 * A claim as a row of a list shows it: each field the claim's own, as GET /claims/{id} gives it
 * to the same reader at the same moment; of its deadline, where the claim stands against it.
 */
export const ClaimSummarySchema = ClaimSchema.pick({
  id: true,
  reference: true,
  companyId: true,
  companyName: true,
  externalRef: true,
  type: true,
  goods: true,
  scope: true,
  status: true,
  carrier: true,
  trackingNumber: true,
  declaredValue: true,
  claimedAmount: true,
  liabilityLimit: true,
  deadlineAt: true,
  needsAction: true,
  handler: true,
  unreadMessages: true,
  createdAt: true,
  updatedAt: true,
})
  .extend({ deadline: ClaimSchema.shape.deadline.pick({ state: true }) })
  .meta({ id: 'ClaimSummary' });

// One property per status, so that clients see each count by name.
const countsShape = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, z.number().int().min(0)])) as Record<ClaimStatus, z.ZodNumber>;

const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    counts: z
      .object(countsShape)
      .optional()
      .describe(
        'Per status, how many claims match the other filters (type, q, companyId, handler; status aside); on the first page of a list without externalRef or updatedSince only.',
      ),
  });

export const ClaimPageSchema = pageOf(ClaimSchema).meta({ id: 'ClaimPage' });
/** A page with view=summary. */
export const ClaimSummaryPageSchema = pageOf(ClaimSummarySchema).meta({ id: 'ClaimSummaryPage' });

export type CreateClaimInput = z.infer<typeof CreateClaimSchema>;
export type AmendClaimInput = z.infer<typeof AmendClaimSchema>;
export type ClaimBatchItem = z.infer<typeof ClaimBatchItemSchema>;
export type ClaimRef = z.infer<typeof ClaimRefSchema>;
export type ListClaimsQuery = z.infer<typeof ListClaimsQuerySchema>;
export type TransitionInput = z.infer<typeof TransitionSchema>;
export type AssignInput = z.infer<typeof AssignSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;
