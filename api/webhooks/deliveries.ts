import { randomBytes } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import { listChecklists, findClaim } from '../claims/claims.repository.ts';
import { toClaim } from '../claims/claims.resource.ts';
import type { DB } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import type { Database, WebhookDeliveryTable, WebhookEndpointRow } from '../db/database.ts';
import { canSee, viewerOf, type Viewer } from '../events/audience.ts';
import { eventsById } from '../events/events.repository.ts';
import { eventJson, type LiveEvent } from '../events/events.schema.ts';
import type { Reaction } from '../events/record.ts';
import { newId } from '../ids.ts';

// Which events each endpoint gets, and the deliveries that carry them, queued in the event's own
// transaction (the reaction registered in app.ts) so a delivery exists exactly when its event
// committed. An endpoint sees what a key of its owner sees: a company's endpoint, the claim
// events of its company, as one of its API keys would (not its people's settings, nor the
// company's own, which are its admins'); the operator's endpoint, every company's claim events,
// as CLAIMS_API_KEY would. The live stream's audience rules (events/audience.ts) decide it.

/** An endpoint as the selection reads it. */
export type EndpointScope = Pick<WebhookEndpointRow, 'id' | 'company_id' | 'event_types'>;

/** Whom an endpoint is: a key of its company, or the operator's key for the operator's endpoint. */
export function endpointViewer(companyId: string | null): Viewer {
  if (companyId === null) return viewerOf({ kind: 'service' });
  return viewerOf({ kind: 'companyKey', keyId: '', keyName: '', companyId, scopes: new Set() });
}

/** Whether an endpoint gets an event: one of the types it subscribed to ('*': all), that its owner may see. */
export function endpointWants(endpoint: EndpointScope, event: LiveEvent): boolean {
  const types = JSON.parse(endpoint.event_types) as string[];
  if (!types.includes('*') && !types.includes(event.type)) return false;
  return canSee(endpointViewer(endpoint.company_id), event);
}

/**
 * A delivery's body: the event as the live stream sends it (same id, type, data), and, for an
 * event about a claim, the claim as it is now, as the operator's key reads it (no actions of its
 * own, no unread count) but for the carrier's liability limit, which the company's receiver does
 * not see; so a receiver rarely needs to GET it.
 */
export async function payloadOf(db: DB | Transaction<Database>, event: LiveEvent): Promise<string> {
  const head = `{"id":${event.id},"type":${JSON.stringify(event.type)},"at":${JSON.stringify(event.at)},"data":${eventJson(event)}`;
  if (!('claimId' in event)) return `${head}}`;
  const row = await findClaim(db, null, event.claimId);
  if (!row) return `${head}}`;
  const checklist = (await listChecklists(db, [row.id])).get(row.id) ?? [];
  return `${head},"claim":${JSON.stringify(toClaim(row, { kind: 'service' }, { unreadMessages: 0, checklist }))}}`;
}

/**
 * A delivery's id, its webhook-id: an endpoint gets its deliveries in id order, so a delivery of
 * an event carries the event's id in front (event order, whichever process queued it, as the
 * log's appends commit in id order); a test delivery's starts with the time, which sorts before
 * them all, so a test goes out next even behind a backlog.
 */
function deliveryId(event: Pick<LiveEvent, 'id'> | null): string {
  if (event === null) return newId('msg');
  return `msg_e${event.id.toString(36).padStart(11, '0')}${randomBytes(9).toString('base64url')}`;
}

/** The row that queues one delivery of `payload` to an endpoint, due now. */
export function newDelivery(endpointId: string, event: Pick<LiveEvent, 'id' | 'type'> | null, payload: string, at: string): Insertable<WebhookDeliveryTable> {
  return {
    id: deliveryId(event),
    endpoint_id: endpointId,
    event_id: event?.id ?? null,
    event_type: event?.type ?? 'webhook.test',
    payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    lease_until: null,
    leased_by: null,
    last_status_code: null,
    last_latency_ms: null,
    last_response: null,
    last_error: null,
    created_at: at,
    delivered_at: null,
  };
}

/** The enabled endpoints that may get an event of this company: its own and the operator's. One indexed read, prepared once (db/prepared.ts). */
const candidateEndpoints = prepared((db, _shape: null, param: { companyId: string }) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['id', 'company_id', 'event_types'])
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('company_id', '=', param.companyId), eb('company_id', 'is', null)])),
);

/**
 * The reaction: a delivery for each endpoint that wants the event, with its body fixed now. With
 * no endpoint for the event's company, it costs the write path one indexed read.
 */
export const queueWebhooks: Reaction = async (trx, logged) => {
  const endpoints = await candidateEndpoints.execute(trx, null, { companyId: logged.companyId });
  if (endpoints.length === 0) return;
  const [event] = await eventsById(trx, [logged.id]);
  if (!event) return;
  const wanting = endpoints.filter((endpoint) => endpointWants(endpoint, event));
  if (wanting.length === 0) return;
  const payload = await payloadOf(trx, event);
  await trx
    .insertInto('webhook_deliveries')
    .values(wanting.map((endpoint) => newDelivery(endpoint.id, event, payload, logged.at)))
    .execute();
};

/** Events read at once when queueing a redelivery. */
const REDELIVERY_PAGE = 500;

/**
 * Queues again, in event order, every event since `since` (ISO time) that the endpoint would have
 * received with the event types it subscribes to now, each as a new delivery (a new webhook-id)
 * with the claim as it is now; resolves to how many were queued. For POST /webhooks/{id}/redeliver,
 * which refuses more than `max`: it stops as soon as it has queued one more than that.
 */
export async function queueEventsSince(trx: Transaction<Database>, endpoint: EndpointScope, since: string, at: string, max: number): Promise<number> {
  const viewer = endpointViewer(endpoint.company_id);
  let queued = 0;
  let after = (await firstEventAtOrAfter(trx, since)) - 1;
  for (;;) {
    let page = trx.selectFrom('claim_events').select('id').where('created_at', '>=', since).where('id', '>', after);
    if (viewer.companyId !== null) page = page.where('company_id', '=', viewer.companyId);
    const ids = (await page.orderBy('id').limit(REDELIVERY_PAGE).execute()).map((row) => Number(row.id));
    if (ids.length === 0) return queued;
    after = ids.at(-1)!;
    for (const event of await eventsById(trx, ids)) {
      if (!endpointWants(endpoint, event)) continue;
      await trx.insertInto('webhook_deliveries').values(newDelivery(endpoint.id, event, await payloadOf(trx, event), at)).execute();
      queued++;
      if (queued > max) return queued;
    }
  }
}

/**
 * The id of the first event of the log logged at or after `since` (one past the last when none
 * is): the log has no index by time, but its ids and times rise together, so a binary search
 * over ids finds it in a few dozen indexed reads.
 */
async function firstEventAtOrAfter(trx: Transaction<Database>, since: string): Promise<number> {
  const last = await trx.selectFrom('claim_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  let low = 1;
  let high = Number(last?.id ?? 0) + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const row = await trx.selectFrom('claim_events').select(['id', 'created_at']).where('id', '>=', middle).orderBy('id').limit(1).executeTakeFirst();
    if (!row) high = middle;
    else if (row.created_at >= since) high = middle;
    else low = Number(row.id) + 1;
  }
  return low;
}
