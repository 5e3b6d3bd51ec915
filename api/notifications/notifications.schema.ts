import { z } from 'zod';
import { ClaimStatusSchema, LocalizedSchema, NotificationKindSchema } from '../domain.schema.ts';
import { ActorSchema } from '../events/events.schema.ts';
import { text } from '../http/text.ts';

export const NotificationDataSchema = z
  .object({
    actor: ActorSchema.describe('Who did what the notification is about.'),
    status: ClaimStatusSchema.optional().describe('status_changed: the claim’s new status (after the latest change folded in).'),
    from: ClaimStatusSchema.optional().describe('status_changed: the status the latest change left.'),
    document: z
      .object({ requirementId: z.string(), kind: z.string(), label: LocalizedSchema })
      .optional()
      .describe('document_requested, document_rejected: the document.'),
    reason: z.string().optional().describe('document_rejected: the handler’s reason; status_changed to declined: the customer’s.'),
    preview: z.string().optional().describe('message: the start of the newest message (up to 200 characters, plain text).'),
    deadlineAt: z.string().optional().describe('deadline_approaching: when the filing deadline ends.'),
    hoursLeft: z.number().int().optional().describe('deadline_approaching: the warning threshold crossed, in hours.'),
    webhook: z
      .object({
        id: z.string(),
        url: z.string(),
        description: z.string(),
        reason: z.enum(['gone', 'failing']).describe('gone: it answered 410 Gone; failing: every delivery failed for 3 days.'),
      })
      .optional()
      .describe('webhook_disabled: the webhook Claimdesk disabled; turn it back on with PATCH /webhooks/{id} once its receiver is fixed.'),
  })
  .meta({ id: 'NotificationData' });

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: NotificationKindSchema.describe(
      'What happened: a new claim, a status change, a document requested or rejected, the handler’s messages, a filing deadline close; for administrators, a webhook Claimdesk disabled. Compose the sentence from kind and data in the reader’s language.',
    ),
    claimId: z.string().nullable().describe('The claim it is about; null for webhook_disabled, which is about none.'),
    claimReference: z.string().nullable(),
    read: z.boolean(),
    count: z
      .number()
      .int()
      .describe(
        'How many events this notification stands for: a burst of the handler’s messages, or of a claim’s status changes, folds into one unread notification (`data` is the latest one’s); 1 for the other kinds.',
      ),
    folded: z
      .number()
      .int()
      .describe(
        'How many older unread notifications about the same claim this one stands for: while unread, a claim’s notifications are listed as one, the newest (`kind` and `data` are its own); 0 when it is alone or read. Marking it read (by id) reads them too.',
      ),
    createdAt: z.string(),
    updatedAt: z.string().describe('When the latest message or status change folded in, or createdAt.'),
    data: NotificationDataSchema,
  })
  .meta({ id: 'Notification' });

export const NotificationPageSchema = z
  .object({
    items: z
      .array(NotificationSchema)
      .describe('Newest first (by the latest event each stands for); a claim’s unread notifications as one (see `folded`).'),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last.'),
    unread: z.number().int().describe('How many of the caller’s notifications are unread, in all.'),
  })
  .meta({ id: 'NotificationPage' });

export const ListNotificationsQuerySchema = z.object({
  cursor: text({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const MarkNotificationsReadSchema = z
  .union(
    [
      z
        .object({
          ids: z
            .array(text({ max: 100 }))
            .min(1)
            .max(200, 'takes at most 200 ids at a time: send the rest in another request, or { "all": true }')
            .describe('The notifications to mark read, each with the older unread ones it stands for (`folded`); ids not the caller’s are ignored.'),
        })
        .strict(),
      z.object({ claimId: text({ max: 100 }).describe('Mark every notification of the caller about this claim read, as opening it does.') }).strict(),
      z.object({ all: z.literal(true).describe('Mark every notification of the caller read.') }).strict(),
    ],
    { error: 'must be one of { "ids": ["ntf_…"] }, { "claimId": "clm_…" } or { "all": true }, with nothing else in it' },
  )
  .meta({ id: 'MarkNotificationsRead' });

export const NotificationsReadSchema = z
  .object({ unread: z.number().int().describe('How many of the caller’s notifications are still unread.') })
  .meta({ id: 'NotificationsRead' });

/** Pushed on the live stream (event `notifications-read`) to the user's other streams when some or all were read. */
export const NotificationsReadSignalSchema = z
  .object({ ids: z.array(z.string()).nullable().describe('The notifications read; null: all of them.'), unread: z.number().int() })
  .meta({ id: 'NotificationsReadSignal' });

export type NotificationData = z.infer<typeof NotificationDataSchema>;
export type Notification = z.infer<typeof NotificationSchema>;
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuerySchema>;
