import { z } from 'zod';
import { CLAIM_EVENT_TYPES, COMPANY_EVENT_TYPES, USER_EVENT_TYPES } from '../../domain/constants.ts';
import {
  ActorKindSchema,
  AttachmentSchema,
  ClaimStatusSchema,
  LanguageSchema,
  MoneySchema,
  NotificationChannelSchema,
  OutcomeSchema,
  ReviewDecisionSchema,
  RoleSchema,
} from '../domain.schema.ts';
import { text } from '../http/text.ts';

/** Who did something; `id` is the user's id, null for Claimdesk itself and the host backend. */
export const ActorSchema = z
  .object({ kind: ActorKindSchema, id: z.string().nullable(), name: z.string() })
  .meta({ id: 'Actor' });

const eventId = z.number().int().describe('Position in the global event log; the SSE id and replay cursor.');

export const ClaimEventSchema = z
  .object({
    id: eventId,
    claimId: z.string(),
    claimReference: z.string(),
    companyId: z.string(),
    type: z.enum(CLAIM_EVENT_TYPES),
    actor: ActorSchema,
    data: z.object({
      from: ClaimStatusSchema.optional(),
      to: ClaimStatusSchema.optional().describe('The status the claim reached with this event, when it moved.'),
      note: z.string().optional(),
      reason: z.string().optional(),
      outcome: OutcomeSchema.optional(),
      amount: MoneySchema.optional(),
      document: z
        .object({ requirementId: z.string(), kind: z.string(), label: z.object({ en: z.string(), es: z.string() }) })
        .optional()
        .describe('The requirement a document.* event is about.'),
      file: z.object({ id: z.string(), name: z.string() }).optional().describe('The file uploaded or removed.'),
      decision: ReviewDecisionSchema.optional().describe('The handler’s verdict (document.reviewed).'),
      handler: z
        .object({ id: z.string(), name: z.string() })
        .optional()
        .describe('The handler the claim is assigned to now (claim.assigned).'),
      message: z
        .object({
          id: z.string(),
          clientId: z.string().optional(),
          body: z.string().optional(),
          at: z.string().optional(),
          attachments: z.array(AttachmentSchema).optional(),
        })
        .optional()
        .describe('The message posted (message.posted: with its clientId, body and time, as GET /claims/{id}/messages has it), or read up to (message.read).'),
      deadlineAt: z.string().optional().describe('When the filing deadline ends (claim.deadline_approaching).'),
      hoursLeft: z.number().int().optional().describe('The warning threshold crossed, in hours before the deadline (claim.deadline_approaching).'),
    }),
    at: z.string(),
  })
  .meta({ id: 'ClaimEvent' });

export const UserEventSchema = z
  .object({
    id: eventId,
    companyId: z.string(),
    userId: z.string().describe('The user who changed.'),
    type: z.enum(USER_EVENT_TYPES),
    actor: ActorSchema,
    data: z
      .object({
        claimsAccess: z.boolean(),
        notifications: NotificationChannelSchema,
        role: RoleSchema.optional(),
        name: z.string().optional(),
        email: z.string().optional(),
        lang: LanguageSchema.nullable().optional(),
      })
      .describe(
        'The user’s settings after the change, and each of role, name, email and lang that the change set (only those: the host changes them, through the user’s token or its sync; lang null when the token stopped giving one).',
      ),
    at: z.string(),
  })
  .meta({ id: 'UserEvent' });

export const CompanyEventSchema = z
  .object({
    id: eventId,
    companyId: z.string(),
    type: z.enum(COMPANY_EVENT_TYPES),
    actor: ActorSchema,
    data: z
      .object({ defaultNotifications: NotificationChannelSchema })
      .describe('The company’s settings after the change: the channel its new members get.'),
    at: z.string(),
  })
  .meta({ id: 'CompanyEvent' });

/**
 * What the live stream carries: claim events for everyone who may see the claim, user events for
 * that user and the company's admins, company events for the company's admins.
 */
export const LiveEventSchema = z.union([ClaimEventSchema, UserEventSchema, CompanyEventSchema]).meta({ id: 'LiveEvent' });

/**
 * Someone is typing in a claim's conversation: for the others who may see the claim, never the
 * sender. Ephemeral: not stored, no event id, so it never moves a client's Last-Event-ID.
 */
export const TypingSignalSchema = z
  .object({
    claimId: z.string(),
    companyId: z.string(),
    user: z.object({ id: z.string(), name: z.string(), kind: ActorKindSchema }),
    at: z.string(),
  })
  .meta({ id: 'TypingSignal' });

/**
 * A signal as the feed and the bus carry it: its SSE event name and its data. `notifications-read`
 * goes to one user's streams (their other tabs), without the userId it is routed by.
 */
export type LiveSignal =
  | { type: 'typing'; data: z.infer<typeof TypingSignalSchema> }
  | { type: 'notifications-read'; data: { userId: string; ids: string[] | null; unread: number } };

export const ClaimEventListSchema = z.object({ items: z.array(ClaimEventSchema) }).meta({ id: 'ClaimEventList' });

export const StreamQuerySchema = z.object({
  // Empty is allowed (it means "from now"); parseLastEventId says what a valid id is.
  lastEventId: text({ max: 100, min: 0 })
    .optional()
    .describe('The id of the last event received, as the Last-Event-ID header would carry it; empty starts from now.'),
});

export type Actor = z.infer<typeof ActorSchema>;
export type ClaimEvent = z.infer<typeof ClaimEventSchema>;
export type ClaimEventData = ClaimEvent['data'];
export type UserEvent = z.infer<typeof UserEventSchema>;
export type CompanyEvent = z.infer<typeof CompanyEventSchema>;
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type TypingSignal = z.infer<typeof TypingSignalSchema>;
