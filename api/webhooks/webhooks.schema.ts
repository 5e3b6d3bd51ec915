import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DISABLED_REASONS, WEBHOOK_EVENT_TYPES } from '../../domain/constants.ts';
import { text } from '../http/text.ts';

/** Subscribes an endpoint to every event type, those added later included. */
export const ALL_EVENT_TYPES = '*';

export const WebhookEventTypeSchema = z.enum([ALL_EVENT_TYPES, ...WEBHOOK_EVENT_TYPES]).meta({ id: 'WebhookEventType' });

const eventTypes = z
  .array(WebhookEventTypeSchema)
  .min(1, 'must name at least one event type, or ["*"] for every one')
  .max(WEBHOOK_EVENT_TYPES.length, `must name at most ${WEBHOOK_EVENT_TYPES.length} event types`)
  .refine((types) => new Set(types).size === types.length, 'must not repeat an event type')
  .refine((types) => !types.includes(ALL_EVENT_TYPES) || types.length === 1, 'must be ["*"] alone when it subscribes to every event type')
  .describe('The claim event types the endpoint receives (GET /events documents each), or ["*"] for every one, those added later included.');

const MAX_URL_LENGTH = 2000;

/** An absolute http(s) URL; whether http and private addresses are allowed is the server's setting (api/webhooks/destination.ts). */
const url = text({ max: MAX_URL_LENGTH })
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an absolute https:// URL')
  .describe('Where deliveries are POSTed: an absolute https:// URL on the public internet.');

const description = text({ max: 500, min: 0 }).describe('What the endpoint is for, for the people who manage it.');

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    companyId: z.string().nullable().describe('The company whose events it receives; null: the operator’s endpoint, which receives every company’s.'),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(WebhookEventTypeSchema),
    enabled: z.boolean().describe('False: nothing is sent to it (see disabledReason); PATCH enabled: true turns it back on.'),
    disabledReason: z
      .enum(WEBHOOK_DISABLED_REASONS)
      .nullable()
      .describe('gone: the receiver answered 410 Gone; failing: every delivery failed for 3 days; manual: someone turned it off. Null while enabled.'),
    disabledAt: z.string().nullable(),
    failingSince: z.string().nullable().describe('Since when deliveries have been failing; null while the receiver answers 2xx.'),
    secretPrefix: z.string().describe('The signing secret’s first characters, to tell which one a receiver holds; the secret itself is never shown again.'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z
    .string()
    .describe('The signing secret (whsec_…), shown this once: verify each delivery’s webhook-signature with it (Standard Webhooks). Only a sealed copy is kept.'),
}).meta({ id: 'CreatedWebhookEndpoint' });

export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointSchema) }).meta({ id: 'WebhookEndpointList' });

const companyId = text({ max: 200 }).describe('Operator’s key only: the company the endpoint is for (its events only). Left out: the operator’s own endpoint, for every company.');

export const CreateWebhookSchema = z
  .object({ url, description: description.default(''), eventTypes, companyId: companyId.optional() })
  .strict()
  .meta({ id: 'CreateWebhook' });

export const UpdateWebhookSchema = z
  .object({
    url: url.optional(),
    description: description.optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional().describe('False turns the endpoint off (its pending deliveries fail); true turns it back on and clears why it was off.'),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'must change at least one of url, description, eventTypes, enabled')
  .meta({ id: 'UpdateWebhook' });

export const ListWebhooksQuerySchema = z.object({
  companyId: companyId.optional().describe('Operator’s key only: that company’s endpoints. Left out, the operator sees every endpoint (its own have companyId null).'),
});

export const RotatedSecretSchema = z
  .object({
    secret: z.string().describe('The new signing secret, shown this once.'),
    previousSecretExpiresAt: z.string().describe('Until then deliveries are signed with the previous secret too, so the receiver can switch over.'),
  })
  .meta({ id: 'RotatedWebhookSecret' });

export const WebhookDeliverySchema = z
  .object({
    id: z.string().describe('The webhook-id header: the same on every attempt and on a redelivery, for the receiver to deduplicate.'),
    endpointId: z.string(),
    eventId: z.number().int().nullable().describe('The event delivered (its id in the log); null for a test delivery.'),
    eventType: z.string().describe('The event’s type, or webhook.test.'),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int().min(0),
    nextAttemptAt: z.string().describe('When it is sent (again) while pending.'),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable().describe('The receiver’s HTTP status at the last attempt; null when none came (timeout, refused connection…).'),
    lastLatencyMs: z.number().int().nullable(),
    lastResponse: z.string().nullable().describe('The first 1 KB of the receiver’s last answer.'),
    lastError: z.string().nullable().describe('Why the last attempt failed, when it did.'),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookAttemptSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    responseExcerpt: z.string().nullable().describe('The first 1 KB of the answer.'),
    error: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });

export const WebhookDeliveryDetailSchema = WebhookDeliverySchema.extend({
  attempts: z.array(WebhookAttemptSchema).describe('Every attempt, oldest first.'),
}).meta({ id: 'WebhookDeliveryDetail' });

export const WebhookDeliveryPageSchema = z
  .object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryPage' });

export const ListDeliveriesQuerySchema = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  cursor: text({ max: 200 }).optional().describe('The nextCursor of the previous page, with the same status filter.'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** How far back a redelivery may reach: the log is kept longer, but a receiver rarely needs more. */
export const REDELIVERY_WINDOW_DAYS = 30;

export const RedeliverSinceSchema = z
  .object({
    since: z.iso
      .datetime({ offset: true })
      // A time that is not one is refused once, by the format, not again by each bound.
      .refine((at) => !(Date.parse(at) > Date.now()), 'must not be in the future')
      .refine((at) => !(Date.parse(at) < Date.now() - REDELIVERY_WINDOW_DAYS * 86_400_000), `must be within the last ${REDELIVERY_WINDOW_DAYS} days`)
      .describe(`Every event from this time on (within the last ${REDELIVERY_WINDOW_DAYS} days) that the endpoint receives is sent again.`),
  })
  .strict()
  .meta({ id: 'RedeliverSince' });

export const RedeliveryQueuedSchema = z
  .object({ queued: z.number().int().min(0).describe('How many deliveries were queued, in event order.') })
  .meta({ id: 'RedeliveryQueued' });

export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;
export type CreateWebhook = z.output<typeof CreateWebhookSchema>;
export type UpdateWebhook = z.output<typeof UpdateWebhookSchema>;
