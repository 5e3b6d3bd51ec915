import { z } from 'zod';
import {
  ACTOR_KINDS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CUSTOMER_ROLES,
  DAY_KINDS,
  DEADLINE_STATES,
  GOODS,
  LANGUAGES,
  NOTIFICATION_CHANNELS,
  OUTCOMES,
  PHASE_STATES,
  ROLES,
  SCOPES,
} from '../domain/constants.ts';

// The zod enum of each list in domain/constants.ts, made once for every schema that uses it.

export const ClaimTypeSchema = z.enum(CLAIM_TYPES);
export const GoodsSchema = z.enum(GOODS);
export const ScopeSchema = z.enum(SCOPES);
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
export const OutcomeSchema = z.enum(OUTCOMES);
export const DayKindSchema = z.enum(DAY_KINDS);
export const DeadlineStateSchema = z.enum(DEADLINE_STATES);
export const PhaseStateSchema = z.enum(PHASE_STATES);
export const RoleSchema = z.enum(ROLES);
export const CustomerRoleSchema = z.enum(CUSTOMER_ROLES);
export const LanguageSchema = z.enum(LANGUAGES);
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export const ActorKindSchema = z.enum(ACTOR_KINDS);

/** Money everywhere: integer cents and the currency. */
export const MoneySchema = z
  .object({
    amountCents: z.number().int().min(0).max(1_000_000_000_00),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  })
  .meta({ id: 'Money', description: 'An amount in integer cents of an ISO 4217 currency.' });

export type Money = z.infer<typeof MoneySchema>;
