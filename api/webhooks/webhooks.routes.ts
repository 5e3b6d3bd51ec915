import { Hono } from 'hono';
import { allow, CALLERS, companyScope, type Principal } from '../auth/principal.ts';
import { NotFoundError } from '../errors.ts';
import { actorOf } from '../events/actor.ts';
import type { WriteDeps } from '../events/record.ts';
import { etagHeader, etagOf, ifMatchParameter, preconditionFailed } from '../http/conditional.ts';
import { apiUrl, describeRoute, json, problem } from '../http/describe.ts';
import { badRequest } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import {
  changeEndpoint,
  createEndpoint,
  deleteEndpoint,
  MAX_ENDPOINTS,
  MAX_REDELIVERY,
  redeliver,
  redeliverSince,
  rotateSecret,
  sendTest,
  type WebhookDeps,
} from './endpoints.commands.ts';
import { deliveryWithAttempts, findDelivery, findEndpoint, listDeliveries, listEndpoints, toWebhookEndpoint } from './endpoints.repository.ts';
import { destinationPolicyOf } from './destination.ts';
import { sealingKeyOf } from './secrets.ts';
import {
  CreatedWebhookEndpointSchema,
  CreateWebhookSchema,
  ListDeliveriesQuerySchema,
  ListWebhooksQuerySchema,
  RedeliverSinceSchema,
  RedeliveryQueuedSchema,
  RotatedSecretSchema,
  UpdateWebhookSchema,
  WebhookDeliveryDetailSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from './webhooks.schema.ts';

const NO_SUCH_ENDPOINT = 'No such endpoint among those the caller manages.';
const DISABLED = problem('The endpoint is disabled: nothing is sent to it until it is turned back on (PATCH enabled: true).');

/**
 * The company whose endpoints a request is about: the caller's own, or, for the operator's key,
 * the one it names (none: its own endpoints, or every endpoint when listing). A company's caller
 * naming another company is refused, never quietly given its own.
 */
function companyOf(caller: Principal, companyId: string | undefined): string | null {
  const own = companyScope(caller);
  if (own === null) return companyId ?? null;
  if (companyId !== undefined && companyId !== own) {
    const message = 'is for the operator’s key only: a company’s endpoints are its own. Leave it out';
    throw badRequest(`companyId ${message}.`, { errors: [{ field: 'companyId', message }] });
  }
  return own;
}

/** The settings webhooks are managed with; unset ones take the safe side. */
export interface WebhookSettings {
  apiKey: string;
  /** WEBHOOK_SECRET_KEY: what signing secrets are sealed with; unset, a key derived from apiKey. */
  webhookSecretKey?: string | undefined;
  /** WEBHOOK_ALLOW_HTTP: http:// URLs are allowed too (tests, the demo). */
  webhookAllowHttp?: boolean | undefined;
  /** WEBHOOK_ALLOW_PRIVATE: URLs may name private, loopback and link-local addresses (tests, the demo). */
  webhookAllowPrivate?: boolean | undefined;
}

/**
 * Webhooks: endpoints that receive the claim events their owner may see, signed (Standard
 * Webhooks), with a delivery log. A company's administrators and its keys with the
 * webhooks:manage scope manage the company's endpoints; the operator's key manages its own
 * (every company's events) and any company's.
 */
export function webhooksRoutes(settings: WriteDeps & WebhookSettings) {
  const deps: WebhookDeps = {
    ...settings,
    sealingKey: sealingKeyOf(settings),
    destinations: destinationPolicyOf(settings),
  };
  const { db } = deps;
  const visibleEndpoint = async (caller: Principal, id: string) => {
    const endpoint = await findEndpoint(db, companyScope(caller), id);
    if (!endpoint) throw new NotFoundError(`Webhook endpoint ${id}`);
    return endpoint;
  };
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listWebhooks',
        tags: ['Integration'],
        summary: 'The webhook endpoints',
        description:
          'The caller’s company’s endpoints, oldest first; never their secrets. The operator’s key sees every endpoint (its own have companyId null), or one company’s with ?companyId=.',
        responses: { 200: json('The endpoints.', WebhookEndpointListSchema) },
      }),
      allow(CALLERS.webhookManager),
      validate('query', ListWebhooksQuerySchema),
      async (c) => {
        const rows = await listEndpoints(db, companyOf(c.var.caller, c.req.valid('query').companyId));
        return c.json({ items: rows.map(toWebhookEndpoint) });
      },
    )
    .post(
      '/',
      describeRoute({
        operationId: 'createWebhook',
        tags: ['Integration'],
        summary: 'Add a webhook endpoint',
        description: `Starts sending the chosen event types to the URL, each delivery signed with the endpoint’s secret. The answer holds the secret (\`secret\`) this once: it cannot be read back, only rotated. At most ${MAX_ENDPOINTS} endpoints per company (and for the operator).`,
        responses: {
          201: json('Created.', CreatedWebhookEndpointSchema),
          409: problem(`The company (or the operator) already has ${MAX_ENDPOINTS} endpoints.`),
        },
      }),
      allow(CALLERS.webhookManager),
      validate('json', CreateWebhookSchema),
      async (c) => {
        const caller = c.var.caller;
        const input = c.req.valid('json');
        const createdById = caller.kind === 'user' ? caller.user.id : null;
        const endpoint = await createEndpoint(deps, companyOf(caller, input.companyId), input, createdById, actorOf(caller));
        c.header('Location', apiUrl(`/webhooks/${endpoint.id}`));
        return c.json(endpoint, 201);
      },
    )
    .get(
      '/:id',
      describeRoute({
        operationId: 'getWebhook',
        tags: ['Integration'],
        summary: 'One webhook endpoint',
        description: 'The endpoint, with why it is off when it is (never its secret), and the ETag to send as If-Match with PATCH /webhooks/{id}.',
        responses: { 200: { ...json('The endpoint.', WebhookEndpointSchema), headers: { ETag: etagHeader } }, 404: problem(NO_SUCH_ENDPOINT) },
      }),
      allow(CALLERS.webhookManager),
      async (c) => {
        const endpoint = toWebhookEndpoint(await visibleEndpoint(c.var.caller, c.req.param('id')));
        return c.json(endpoint, 200, { ETag: etagOf(endpoint) });
      },
    )
    .patch(
      '/:id',
      describeRoute({
        operationId: 'updateWebhook',
        tags: ['Integration'],
        summary: 'Change a webhook endpoint',
        description:
          'Changes its URL, description or event types, or turns it off or on. Turning it off fails what is pending for it; turning it on clears why it was off and sends what comes next (POST /webhooks/{id}/redeliver sends what it missed). With If-Match (the ETag of GET /webhooks/{id} or of an earlier change’s answer), only while the endpoint is still as the caller read it.',
        parameters: [ifMatchParameter],
        responses: {
          200: { ...json('Changed.', WebhookEndpointSchema), headers: { ETag: etagHeader } },
          404: problem(NO_SUCH_ENDPOINT),
          412: preconditionFailed,
        },
      }),
      allow(CALLERS.webhookManager),
      validate('json', UpdateWebhookSchema),
      async (c) => {
        const caller = c.var.caller;
        const change = c.req.valid('json');
        const endpoint = await changeEndpoint(deps, companyScope(caller), c.req.param('id'), change, actorOf(caller), c.req.header('if-match'));
        return c.json(endpoint, 200, { ETag: etagOf(endpoint) });
      },
    )
    .delete(
      '/:id',
      describeRoute({
        operationId: 'deleteWebhook',
        tags: ['Integration'],
        summary: 'Delete a webhook endpoint',
        description: 'Nothing more is sent to it, and its delivery log goes with it.',
        responses: { 204: { description: 'Deleted.' }, 404: problem(NO_SUCH_ENDPOINT) },
      }),
      allow(CALLERS.webhookManager),
      async (c) => {
        const caller = c.var.caller;
        await deleteEndpoint(deps, companyScope(caller), c.req.param('id'), actorOf(caller));
        return c.body(null, 204);
      },
    )
    .post(
      '/:id/rotate-secret',
      describeRoute({
        operationId: 'rotateWebhookSecret',
        tags: ['Integration'],
        summary: 'Give a webhook endpoint a new secret',
        description:
          'The answer holds the new secret this once. For 24 hours deliveries carry a signature with the previous secret too (webhook-signature: "v1,<new> v1,<previous>"), so the receiver can switch over without refusing any.',
        responses: { 200: json('The new secret.', RotatedSecretSchema), 404: problem(NO_SUCH_ENDPOINT) },
      }),
      allow(CALLERS.webhookManager),
      async (c) => {
        const caller = c.var.caller;
        return c.json(await rotateSecret(deps, companyScope(caller), c.req.param('id'), actorOf(caller)));
      },
    )
    .post(
      '/:id/test',
      describeRoute({
        operationId: 'testWebhook',
        tags: ['Integration'],
        summary: 'Send a test event to a webhook endpoint',
        description:
          'Queues a delivery of type webhook.test (`{ type, at, data: { endpointId } }`), signed like every other; follow it in the delivery log.',
        responses: { 202: json('Queued.', WebhookDeliverySchema), 404: problem(NO_SUCH_ENDPOINT), 409: DISABLED },
      }),
      allow(CALLERS.webhookManager),
      async (c) => c.json(await sendTest(deps, companyScope(c.var.caller), c.req.param('id')), 202),
    )
    .get(
      '/:id/deliveries',
      describeRoute({
        operationId: 'listWebhookDeliveries',
        tags: ['Integration'],
        summary: 'A webhook endpoint’s delivery log',
        description: 'Its deliveries, newest first, with how the last attempt at each went.',
        responses: { 200: json('One page of deliveries.', WebhookDeliveryPageSchema), 404: problem(NO_SUCH_ENDPOINT) },
      }),
      allow(CALLERS.webhookManager),
      validate('query', ListDeliveriesQuerySchema),
      async (c) => {
        const endpoint = await visibleEndpoint(c.var.caller, c.req.param('id'));
        return c.json(await listDeliveries(db, endpoint.id, c.req.valid('query')));
      },
    )
    .get(
      '/:id/deliveries/:deliveryId',
      describeRoute({
        operationId: 'getWebhookDelivery',
        tags: ['Integration'],
        summary: 'One delivery, with every attempt',
        description: 'The delivery and each attempt at it, oldest first: when, the receiver’s status, how long it took, the start of its answer, or what failed.',
        responses: { 200: json('The delivery.', WebhookDeliveryDetailSchema), 404: problem('No such endpoint among those the caller manages, or no such delivery to it.') },
      }),
      allow(CALLERS.webhookManager),
      async (c) => {
        const endpoint = await visibleEndpoint(c.var.caller, c.req.param('id'));
        const delivery = await findDelivery(db, endpoint.id, c.req.param('deliveryId'));
        if (!delivery) throw new NotFoundError(`Delivery ${c.req.param('deliveryId')}`);
        return c.json(await deliveryWithAttempts(db, delivery));
      },
    )
    .post(
      '/:id/deliveries/:deliveryId/redeliver',
      describeRoute({
        operationId: 'redeliverWebhookDelivery',
        tags: ['Integration'],
        summary: 'Send one delivery again',
        description:
          'Queues the same delivery again, due now: the same body and the same webhook-id, so a receiver that already took it can tell (deduplicate by webhook-id). Its attempts so far stay in its log. One being sent at this moment is left to finish.',
        responses: {
          202: json('Queued.', WebhookDeliverySchema),
          404: problem('No such endpoint among those the caller manages, or no such delivery to it.'),
          409: DISABLED,
        },
      }),
      allow(CALLERS.webhookManager),
      async (c) => c.json(await redeliver(deps, companyScope(c.var.caller), c.req.param('id'), c.req.param('deliveryId')), 202),
    )
    .post(
      '/:id/redeliver',
      describeRoute({
        operationId: 'redeliverWebhookSince',
        tags: ['Integration'],
        summary: 'Send every event since a time again',
        description: `Queues, in event order and after what is pending for the endpoint, every event since \`since\` that the endpoint receives with the event types it subscribes to now — the events before it was created included, so a new receiver can catch up. Each is a new delivery (a new webhook-id; the body’s \`id\` is the event’s, to deduplicate by) with the claim as it is now. At most ${MAX_REDELIVERY} at once.`,
        responses: { 202: json('Queued.', RedeliveryQueuedSchema), 404: problem(NO_SUCH_ENDPOINT), 409: DISABLED },
      }),
      allow(CALLERS.webhookManager),
      validate('json', RedeliverSinceSchema),
      async (c) => c.json({ queued: await redeliverSince(deps, companyScope(c.var.caller), c.req.param('id'), c.req.valid('json').since) }, 202),
    );
}
