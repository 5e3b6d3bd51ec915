import { z } from 'zod';
import { CLAIM_CHANGE_FIELDS, CLAIM_EVENT_TYPES, COMPANY_EVENT_TYPES, USER_EVENT_TYPES, WEBHOOK_CHANGE_EVENT_TYPES } from '../../domain/constants.ts';
import {
  ActorKindSchema,
  AttachmentSchema,
  ClaimStatusSchema,
  LanguageSchema,
  LocalizedSchema,
  MoneySchema,
  NotificationChannelSchema,
  OutcomeSchema,
  ReviewDecisionSchema,
  RoleSchema,
} from '../domain.schema.ts';
import { text } from '../http/text.ts';

/** Who did something; `id` is the user's id, the company API key's id for a company's integration, null for Claimdesk itself and the operator's backend. */
export const ActorSchema = z
  .object({ kind: ActorKindSchema, id: z.string().nullable(), name: z.string() })
  .meta({ id: 'Actor' });

const eventId = z.number().int().describe('Position in the global event log; the SSE id and replay cursor.');

/** The document a handler asked for with a message: on the message (Message.documentRequest) and on its message.posted event alike. */
export const MessageDocumentRequestSchema = z
  .object({
    requirementId: z
      .string()
      .describe(
        'The document the request added to the claim’s checklist (DocumentRequirement.id): where it stands is in GET /claims/{id}/documents (document.* events name it when it changes), and its files go to POST /claims/{id}/documents/{requirementId}/files.',
      ),
    kind: z.string().describe('The catalogue code, e.g. police_report.'),
    label: LocalizedSchema,
    note: z.string().nullable().describe('What exactly is needed, as the handler wrote it; null when the kind says enough.'),
  })
  .meta({ id: 'MessageDocumentRequest' });

/** A value of a claim field as the claim shows it: text, a number (packages; a gross weight in kg, to the gram), an amount, or null for none. */
const ClaimFieldValueSchema = z.union([z.string(), z.number(), MoneySchema, z.null()]);

export const ClaimChangeSchema = z
  .object({
    field: z.enum(CLAIM_CHANGE_FIELDS).describe('The claim’s field, as the Claim resource names it.'),
    from: ClaimFieldValueSchema.describe('Its value before.'),
    to: ClaimFieldValueSchema.describe('Its value after.'),
  })
  .meta({ id: 'ClaimChange' });

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
        .object({ requirementId: z.string(), kind: z.string(), label: LocalizedSchema })
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
          documentRequest: MessageDocumentRequestSchema.optional().describe('When the handler asked for a document with the message: the document, added to the checklist by the same change.'),
        })
        .optional()
        .describe(
          'The message posted (message.posted: with its clientId, body and time, its attachments, and the document it asks for if it does, as GET /claims/{id}/messages has it), or read up to (message.read).',
        ),
      deadlineAt: z.string().optional().describe('When the filing deadline ends (claim.deadline_approaching).'),
      hoursLeft: z.number().int().optional().describe('The warning threshold crossed, in hours before the deadline (claim.deadline_approaching).'),
      changes: z
        .array(ClaimChangeSchema)
        .optional()
        .describe('What a correction changed (claim.amended): each field before and after, deadlineAt last when the correction moved the deadline.'),
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
  .union([
    z.object({
      id: eventId,
      companyId: z.string(),
      type: z.literal(COMPANY_EVENT_TYPES[0]),
      actor: ActorSchema,
      data: z
        .object({ defaultNotifications: NotificationChannelSchema })
        .describe('The company’s settings after the change: the channel its new members get.'),
      at: z.string(),
    }),
    z.object({
      id: eventId,
      companyId: z.string(),
      type: z.literal(COMPANY_EVENT_TYPES[1]),
      actor: ActorSchema,
      data: z.object({
        webhook: z
          .object({
            id: z.string(),
            url: z.string(),
            description: z.string(),
            reason: z.enum(['gone', 'failing']).describe('gone: it answered 410 Gone; failing: every delivery failed for 3 days.'),
            failingSince: z.string().describe('When its deliveries started failing.'),
            lastError: z.string().nullable().describe('What its last attempt got.'),
          })
          .describe('The webhook Claimdesk disabled; its pending deliveries were given up. Re-enable it with PATCH /webhooks/{id}.'),
      }),
      at: z.string(),
    }),
    z.object({
      id: eventId,
      companyId: z.string(),
      type: z.enum(WEBHOOK_CHANGE_EVENT_TYPES),
      actor: ActorSchema,
      data: z.object({
        webhook: z
          .object({ id: z.string(), url: z.string(), description: z.string(), eventTypes: z.array(z.string()), enabled: z.boolean() })
          .describe('The webhook after the change (as it was, when deleted); never its secret.'),
        changed: z
          .array(z.enum(['url', 'description', 'eventTypes', 'enabled']))
          .optional()
          .describe('company.webhook_updated: what the change set.'),
      }),
      at: z.string(),
    }),
  ])
  .describe(
    'An event about the company: its settings changed (company.updated), Claimdesk disabled one of its webhooks (company.webhook_disabled), or someone added, changed, deleted or gave a new secret to one (company.webhook_created, …_updated, …_deleted, …_secret_rotated).',
  )
  .meta({ id: 'CompanyEvent' });

/**
 * What the live stream and the change feed carry: claim events for everyone who may see the
 * claim, user events for that user and the company's admins, company events for the company's
 * admins (domain/events.ts says so for each type).
 */
export const LiveEventSchema = z
  .union([ClaimEventSchema, UserEventSchema, CompanyEventSchema])
  .describe('An event of the log; `type` tells which of the three it is.')
  .meta({ id: 'LiveEvent' });

/**
 * The JSON an event has wherever it leaves the API: the stream's `data`, an item of the change
 * feed, a webhook's payload. Its fields come in the order the log's reader builds them.
 */
export function eventJson(event: LiveEvent): string {
  return JSON.stringify(event);
}

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

export const EventsQuerySchema = z.object({
  // Empty is allowed (it means "from now"); parseLastEventId says what a valid id is.
  lastEventId: text({ max: 100, min: 0 })
    .optional()
    .describe('Stream only: the id of the last event received, as the Last-Event-ID header would carry it; empty starts from now.'),
  // int() also refuses what is past Number.MAX_SAFE_INTEGER.
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Asks for a JSON page of the change feed: the events after this id (0: from the start of the log). Pass the previous page’s `nextAfter`.'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Change feed only: the most events in the page.'),
});

export const EventPageSchema = z
  .object({
    items: z
      .array(LiveEventSchema)
      .describe('The events after `after` that the caller may see, oldest first, each exactly as the stream sends it as `data`.'),
    nextAfter: z
      .number()
      .int()
      .min(0)
      .describe(
        'Pass as `after` for the next page. It may move past events the caller is not shown, never past one it is; on the last page it is the end of the log as read.',
      ),
    hasMore: z.boolean().describe('More events the caller may see are in the log now: ask again at once. False: poll later.'),
    reset: z
      .boolean()
      .describe(
        'True when `after` was ahead of the log (restored from a backup, or an id from another deployment): `items` is empty; reload what you hold and go on from `nextAfter`. The stream’s `reset`.',
      ),
  })
  .meta({ id: 'EventPage' });

export type Actor = z.infer<typeof ActorSchema>;
export type MessageDocumentRequest = z.infer<typeof MessageDocumentRequestSchema>;
export type ClaimEvent = z.infer<typeof ClaimEventSchema>;
export type ClaimEventData = ClaimEvent['data'];
export type ClaimChange = z.infer<typeof ClaimChangeSchema>;
export type UserEvent = z.infer<typeof UserEventSchema>;
export type CompanyEvent = z.infer<typeof CompanyEventSchema>;
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type TypingSignal = z.infer<typeof TypingSignalSchema>;
export type EventPage = z.infer<typeof EventPageSchema>;
