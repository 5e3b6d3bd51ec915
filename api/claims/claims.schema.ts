import { z } from 'zod';
import {
  ClaimStatusSchema,
  ClaimTypeSchema,
  DayKindSchema,
  DeadlineStateSchema,
  GoodsSchema,
  MoneySchema,
  OutcomeSchema,
  PhaseStateSchema,
  ScopeSchema,
} from '../domain.schema.ts';



const isoDateTime = z.iso.datetime({ offset: true });

export const CreateClaimSchema = z
  .object({
    company: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200).optional() }),
    externalRef: z.string().min(1).max(200).describe('The host’s own id for the incident; repeat it to get the same claim back.'),
    type: ClaimTypeSchema,
    goods: GoodsSchema,
    scope: ScopeSchema,
    carrier: z.string().min(1).max(200),
    trackingNumber: z.string().min(1).max(200),
    description: z.string().min(1).max(5000),
    incidentAt: isoDateTime.describe('When the incident happened or, for damage, when the goods were delivered.'),
    declaredValue: MoneySchema,
    claimedAmount: MoneySchema.optional(),
    origin: z.string().max(200).optional(),
    destination: z.string().max(200).optional(),
    packages: z.number().int().min(1).max(100_000).default(1),
  })
  .refine((c) => !c.claimedAmount || c.claimedAmount.currency === c.declaredValue.currency, {
    message: 'must be in the same currency as declaredValue',
    path: ['claimedAmount', 'currency'],
  })
  .meta({ id: 'CreateClaim' });

export const ListClaimsQuerySchema = z.object({
  status: ClaimStatusSchema.optional(),
  type: ClaimTypeSchema.optional(),
  q: z.string().trim().max(200).optional().describe('Matches reference, tracking number, carrier, description or externalRef.'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const DeclineSchema = z.object({
  reason: z.string().trim().min(1, 'say why the claim is declined').max(1000),
}).meta({ id: 'Decline' });

export const TransitionSchema = z
  .object({
    to: ClaimStatusSchema,
    note: z.string().trim().max(2000).optional(),
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
  .refine((t) => t.to === 'resolved' || (t.outcome === undefined && t.amount === undefined), {
    message: 'outcome and amount are only accepted when moving to resolved',
    path: ['outcome'],
  })
  .meta({ id: 'Transition' });

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
    packages: z.number().int(),
    declaredValue: MoneySchema,
    claimedAmount: MoneySchema.nullable(),
    outcome: z.object({ result: OutcomeSchema, amount: MoneySchema }).nullable(),
    declineReason: z.string().nullable(),
    incidentAt: z.string(),
    deadlineAt: z.string(),
    deadline: z.object({
      days: z.number().int(),
      dayKind: DayKindSchema,
      basis: z.object({ en: z.string(), es: z.string() }).describe('The convention or clause the deadline comes from, in English and Spanish.'),
      state: DeadlineStateSchema.describe('running: counting down; missed: past while the claim still waits; met: the claim was filed; stopped: declined, no deadline applies.'),
    }),
    allowedTransitions: z.array(ClaimStatusSchema).describe('Statuses the caller may move this claim to now.'),
    needsAction: z.boolean().describe('Whether the claim is waiting for the caller (a customer to accept or decline, a handler to review or file).'),
    phases: z
      .array(z.object({ status: ClaimStatusSchema, state: PhaseStateSchema }))
      .describe('The lifecycle as a stepper draws it, in order, each phase done, current or pending; a declined claim shows notified → declined.'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Claim' });

export const ClaimPageSchema = z
  .object({
    items: z.array(ClaimSchema),
    nextCursor: z.string().nullable(),
    counts: z.record(ClaimStatusSchema, z.number().int()).optional().describe('Per status, on the first page only.'),
  })
  .meta({ id: 'ClaimPage' });

export type CreateClaimInput = z.infer<typeof CreateClaimSchema>;
export type ListClaimsQuery = z.infer<typeof ListClaimsQuerySchema>;
export type TransitionInput = z.infer<typeof TransitionSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
