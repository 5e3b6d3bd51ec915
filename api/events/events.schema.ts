import { z } from 'zod';
import { ClaimStatusSchema, MoneySchema } from '../claims/claims.schema.ts';

export const ClaimEventSchema = z
  .object({
    id: z.number().int().describe('Position in the global event log; the SSE id and replay cursor.'),
    claimId: z.string(),
    claimReference: z.string(),
    companyId: z.string(),
    type: z.enum(['claim.created', 'claim.accepted', 'claim.declined', 'claim.transitioned']),
    actor: z.object({
      kind: z.enum(['user', 'handler', 'system', 'service']),
      id: z.string().nullable(),
      name: z.string(),
    }),
    data: z.object({
      from: ClaimStatusSchema.optional(),
      to: ClaimStatusSchema.optional(),
      note: z.string().optional(),
      reason: z.string().optional(),
      outcome: z.string().optional(),
      amount: MoneySchema.optional(),
    }),
    at: z.string(),
  })
  .meta({ id: 'ClaimEvent' });

export const ClaimEventListSchema = z.object({ items: z.array(ClaimEventSchema) }).meta({ id: 'ClaimEventList' });

export const StreamQuerySchema = z.object({
  lastEventId: z.coerce.number().int().min(0).optional(),
});

export type ClaimEvent = z.infer<typeof ClaimEventSchema>;
export type ClaimEventData = ClaimEvent['data'];
