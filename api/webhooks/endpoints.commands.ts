import type { Transaction } from 'kysely';
import type { Database, WebhookEndpointRow } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { WebhookChangeEventType, WebhookDisabledReason } from '../../domain/constants.ts';
import type { Actor } from '../events/events.schema.ts';
import { record, type Append, type Change, type WriteDeps } from '../events/record.ts';
import { assertIfMatch, etagOf } from '../http/conditional.ts';
import { badRequest, Problem } from '../http/problem.ts';
import { newId, nowIso } from '../ids.ts';
import { newDelivery, queueEventsSince } from './deliveries.ts';
import { destinationProblem, type DestinationPolicy } from './destination.ts';
import { countEndpoints, findDelivery, findEndpoint, toWebhookDelivery, toWebhookEndpoint } from './endpoints.repository.ts';
import { disableEndpoint } from './worker.ts';
import { newWebhookSecret, openSecret, sealSecret, secretPrefix, type WebhookSecretKey } from './secrets.ts';
import type { CreateWebhook, UpdateWebhook, WebhookDelivery, WebhookEndpoint } from './webhooks.schema.ts';

// What the managers of webhooks change: endpoints, their secrets, and what is queued for them by
// hand (a test, a redelivery). A company's endpoint changes are company events in the log
// (company.webhook_*), audited and live for its admins; the operator's own endpoints belong to
// no company, and the log has no place for them.

export interface WebhookDeps extends WriteDeps {
  /** What signing secrets are sealed with (WEBHOOK_SECRET_KEY). */
  sealingKey: WebhookSecretKey;
  /** Where deliveries may go (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE). */
  destinations: DestinationPolicy;
}

/** Endpoints one company (or the operator) may have: enough for every system it runs, few enough to review. */
export const MAX_ENDPOINTS = 20;
/** How long deliveries are signed with the previous secret too after a rotation, for the receiver to switch over. */
export const PREVIOUS_SECRET_VALIDITY_MS = 24 * 60 * 60_000;
/** Deliveries one redelivery since a time may queue: one that would queue more is refused, and asked again from a later time. */
export const MAX_REDELIVERY = 10_000;

/** The endpoint a manager names, or 404: another company's is as missing as one that never was. */
async function endpointOf(trx: Transaction<Database>, scope: string | null, id: string): Promise<WebhookEndpointRow> {
  const endpoint = await findEndpoint(trx, scope, id);
  if (!endpoint) throw new NotFoundError(`Webhook endpoint ${id}`);
  return endpoint;
}

function checkDestination(url: string, policy: DestinationPolicy): void {
  const problem = destinationProblem(url, policy);
  if (problem !== null) throw badRequest(`The url cannot receive webhooks: ${problem}`, { errors: [{ field: 'url', message: problem }] });
}

const WHY_OFF: Record<WebhookDisabledReason, string> = {
  gone: 'its receiver answered 410 Gone',
  failing: 'every delivery to it failed for 3 days',
  manual: 'someone turned it off',
};

function mustBeEnabled(endpoint: WebhookEndpointRow): void {
  if (endpoint.enabled === 1) return;
  throw new Problem(
    'webhook-disabled',
    `The endpoint is disabled (${WHY_OFF[endpoint.disabled_reason ?? 'manual']}), so nothing is sent to it. Turn it back on first: PATCH /webhooks/${endpoint.id} with enabled: true.`,
  );
}

/** What the log says of an endpoint when it changes: never its secret. */
function auditOf(row: WebhookEndpointRow) {
  const { id, url, description, eventTypes, enabled } = toWebhookEndpoint(row);
  return { id, url, description, eventTypes, enabled };
}

async function audit(
  append: Append,
  type: WebhookChangeEventType,
  row: WebhookEndpointRow,
  actor: Actor,
  changed?: Array<keyof UpdateWebhook>,
): Promise<void> {
  if (row.company_id === null) return;
  await append({ type, companyId: row.company_id, actor, data: { webhook: auditOf(row), ...(changed ? { changed } : {}) } });
}

/** A new endpoint of `owner` (a company, or null: the operator's own) with a new secret, shown this once. */
export function createEndpoint(
  deps: WebhookDeps,
  owner: string | null,
  input: CreateWebhook,
  createdById: string | null,
  actor: Actor,
): Promise<WebhookEndpoint & { secret: string }> {
  checkDestination(input.url, deps.destinations);
  return record(deps, async (trx, append) => {
    if (owner !== null && !(await trx.selectFrom('companies').select('id').where('id', '=', owner).executeTakeFirst())) {
      const message = 'is not a company Claimdesk knows: companies are known once one of their users logged in or was synced, or a claim was opened for them';
      throw badRequest(`companyId ${message}.`, { errors: [{ field: 'companyId', message }] });
    }
    if ((await countEndpoints(trx, owner)) >= MAX_ENDPOINTS) {
      throw new Problem(
        'webhook-limit',
        `${owner === null ? 'The operator' : 'The company'} already has ${MAX_ENDPOINTS} webhook endpoints, the most allowed. Delete one it no longer uses, or subscribe an existing one to more event types.`,
      );
    }
    const secret = newWebhookSecret();
    const at = nowIso();
    const row: WebhookEndpointRow = {
      id: newId('whe'),
      company_id: owner,
      url: input.url,
      description: input.description,
      event_types: JSON.stringify(input.eventTypes),
      secret_ciphertext: sealSecret(secret, deps.sealingKey),
      previous_secret_ciphertext: null,
      previous_secret_expires_at: null,
      secret_prefix: secretPrefix(secret),
      enabled: 1,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      created_by_id: createdById,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('webhook_endpoints').values(row).execute();
    await audit(append, 'company.webhook_created', row, actor);
    return { ...toWebhookEndpoint(row), secret };
  });
}

/**
 * Changes an endpoint. Turning it off fails what is pending for it (its receiver would get it
 * late and out of context); turning it back on clears why it was off and starts with what comes
 * next — what it missed can be sent with POST /webhooks/{id}/redeliver. With `ifMatch`, only while
 * the endpoint is still as the caller read it (the ETag of GET /webhooks/{id}).
 */
export function changeEndpoint(
  deps: WebhookDeps,
  scope: string | null,
  id: string,
  change: UpdateWebhook,
  actor: Actor,
  ifMatch?: string,
): Promise<WebhookEndpoint> {
  if (change.url !== undefined) checkDestination(change.url, deps.destinations);
  return record(deps, async (trx, append) => {
    const before = await endpointOf(trx, scope, id);
    assertIfMatch(ifMatch, etagOf(toWebhookEndpoint(before)), 'The webhook endpoint');
    const at = nowIso();
    const after: WebhookEndpointRow = { ...before, updated_at: at };
    const changed: Array<keyof UpdateWebhook> = [];
    if (change.url !== undefined && change.url !== before.url) {
      after.url = change.url;
      changed.push('url');
    }
    if (change.description !== undefined && change.description !== before.description) {
      after.description = change.description;
      changed.push('description');
    }
    if (change.eventTypes !== undefined && JSON.stringify(change.eventTypes) !== before.event_types) {
      after.event_types = JSON.stringify(change.eventTypes);
      changed.push('eventTypes');
    }
    if (change.enabled === true && before.enabled === 0) {
      Object.assign(after, { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null } satisfies Partial<WebhookEndpointRow>);
      changed.push('enabled');
    }
    if (change.enabled === false && before.enabled === 1) {
      Object.assign(after, { enabled: 0, disabled_reason: 'manual', disabled_at: at } satisfies Partial<WebhookEndpointRow>);
      changed.push('enabled');
      // Off, with what was pending for it given up, as when Claimdesk turns it off.
      await disableEndpoint(trx, id, 'manual', at);
    }
    if (changed.length === 0) return toWebhookEndpoint(before);

    const { url, description, event_types, enabled, disabled_reason, disabled_at, failing_since, updated_at } = after;
    await trx
      .updateTable('webhook_endpoints')
      .set({ url, description, event_types, enabled, disabled_reason, disabled_at, failing_since, updated_at })
      .where('id', '=', id)
      .execute();
    await audit(append, 'company.webhook_updated', after, actor, changed);
    return toWebhookEndpoint(after);
  });
}

/** Deletes an endpoint with its delivery log. */
export function deleteEndpoint(deps: WebhookDeps, scope: string | null, id: string, actor: Actor): Promise<void> {
  return record(deps, async (trx, append) => {
    const endpoint = await endpointOf(trx, scope, id);
    await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
    await audit(append, 'company.webhook_deleted', endpoint, actor);
  });
}

/**
 * A new secret, shown this once. The one it replaces signs deliveries too for 24 hours, so the
 * receiver can switch without losing any; a secret sealed under another WEBHOOK_SECRET_KEY
 * cannot sign anything, so it is dropped rather than kept.
 */
export function rotateSecret(deps: WebhookDeps, scope: string | null, id: string, actor: Actor): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  return record(deps, async (trx, append) => {
    const endpoint = await endpointOf(trx, scope, id);
    const secret = newWebhookSecret();
    const now = Date.now();
    const previousSecretExpiresAt = new Date(now + PREVIOUS_SECRET_VALIDITY_MS).toISOString();
    const set = {
      secret_ciphertext: sealSecret(secret, deps.sealingKey),
      secret_prefix: secretPrefix(secret),
      previous_secret_ciphertext: readable(endpoint.secret_ciphertext, deps.sealingKey) ? endpoint.secret_ciphertext : null,
      previous_secret_expires_at: previousSecretExpiresAt,
      updated_at: new Date(now).toISOString(),
    };
    await trx.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    await audit(append, 'company.webhook_secret_rotated', { ...endpoint, ...set }, actor);
    return { secret, previousSecretExpiresAt };
  });
}

function readable(ciphertext: string, key: WebhookSecretKey): boolean {
  try {
    openSecret(ciphertext, key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a change that queues deliveries no event announces, then wakes the workers of every
 * process: record() wakes them only for appended events, and they would wait for their next poll.
 */
async function queueing<T>(deps: WebhookDeps, change: Change<T>): Promise<T> {
  const result = await record(deps, change);
  deps.bus.committed(0);
  return result;
}

/** Queues a webhook.test delivery, which the receiver can tell apart by its type and check the signature of. */
export function sendTest(deps: WebhookDeps, scope: string | null, id: string): Promise<WebhookDelivery> {
  return queueing(deps, async (trx) => {
    const endpoint = await endpointOf(trx, scope, id);
    mustBeEnabled(endpoint);
    const at = nowIso();
    const payload = JSON.stringify({ type: 'webhook.test', at, data: { endpointId: endpoint.id } });
    const delivery = newDelivery(endpoint.id, null, payload, at);
    await trx.insertInto('webhook_deliveries').values(delivery).execute();
    return toWebhookDelivery((await findDelivery(trx, endpoint.id, delivery.id))!);
  });
}

/**
 * Sends one delivery again: the same row, so the same webhook-id and body (the receiver can
 * deduplicate it), due now. A delivery being sent at this moment is left to finish.
 */
export function redeliver(deps: WebhookDeps, scope: string | null, id: string, deliveryId: string): Promise<WebhookDelivery> {
  return queueing(deps, async (trx) => {
    mustBeEnabled(await endpointOf(trx, scope, id));
    const delivery = await findDelivery(trx, id, deliveryId);
    if (!delivery) throw new NotFoundError(`Delivery ${deliveryId}`);
    const at = nowIso();
    const inFlight = delivery.status === 'pending' && delivery.lease_until !== null && delivery.lease_until > at;
    if (inFlight) return toWebhookDelivery(delivery);
    const set = { status: 'pending' as const, next_attempt_at: at, delivered_at: null, lease_until: null, leased_by: null };
    await trx.updateTable('webhook_deliveries').set(set).where('id', '=', deliveryId).execute();
    return toWebhookDelivery({ ...delivery, ...set });
  });
}

/**
 * Queues again every event since `since` that the endpoint receives (the same selection as live
 * delivery, with the event types it subscribes to now), in event order, each as a new delivery:
 * a new webhook-id, so a receiver that deduplicates by it takes them again, and the claim as it
 * is now. They go after what is pending for the endpoint already.
 */
export function redeliverSince(deps: WebhookDeps, scope: string | null, id: string, since: string): Promise<number> {
  return queueing(deps, async (trx) => {
    const endpoint = await endpointOf(trx, scope, id);
    mustBeEnabled(endpoint);
    const queued = await queueEventsSince(trx, endpoint, new Date(since).toISOString(), nowIso(), MAX_REDELIVERY);
    if (queued > MAX_REDELIVERY) {
      const message = `reaches more than ${MAX_REDELIVERY} events, the most sent again at once: choose a later time, and once those are delivered go on from the last one’s`;
      throw badRequest(`since ${message}.`, { errors: [{ field: 'since', message }] });
    }
    return queued;
  });
}
