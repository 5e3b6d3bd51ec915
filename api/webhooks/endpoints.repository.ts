import type { Selectable, Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { InvalidCursorError } from '../errors.ts';
import type { Database, WebhookAttemptTable, WebhookDeliveryRow, WebhookEndpointRow } from '../db/database.ts';
import type { WebhookDeliveryStatus } from '../../domain/constants.ts';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhooks.schema.ts';

// The endpoints as their managers see them, and each one's delivery log. Every read is scoped
// in the query: `companyId` null is the operator's key, which sees every endpoint.

type Reader = DB | Transaction<Database>;

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    companyId: row.company_id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as WebhookEndpoint['eventTypes'],
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    secretPrefix: row.secret_prefix,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id === null ? null : Number(row.event_id),
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    lastStatusCode: row.last_status_code,
    lastLatencyMs: row.last_latency_ms,
    lastResponse: row.last_response,
    lastError: row.last_error,
  };
}

function toWebhookAttempt(row: Selectable<WebhookAttemptTable>): WebhookAttempt {
  return { id: row.id, at: row.at, statusCode: row.status_code, latencyMs: row.latency_ms, responseExcerpt: row.response_excerpt, error: row.error };
}

/** The endpoints `scope` sees (null: every one), oldest first. */
export async function listEndpoints(db: DB, scope: string | null): Promise<WebhookEndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll();
  if (scope !== null) query = query.where('company_id', '=', scope);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** One endpoint, if `scope` sees it (null: any); another company's is as missing as one that never was. */
export async function findEndpoint(db: Reader, scope: string | null, id: string): Promise<WebhookEndpointRow | undefined> {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  if (scope !== null) query = query.where('company_id', '=', scope);
  return query.executeTakeFirst();
}

/** How many endpoints one owner has: a company, or the operator (null). */
export async function countEndpoints(db: Reader, owner: string | null): Promise<number> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('company_id', owner === null ? 'is' : '=', owner)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface DeliveryFilter {
  status?: WebhookDeliveryStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** One page of an endpoint's delivery log, newest first (ids sort by creation). */
export async function listDeliveries(db: DB, endpointId: string, { status, cursor, limit }: DeliveryFilter) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
  if (status) query = query.where('status', '=', status);
  if (cursor) {
    const [lastId, ...rest] = decodeCursor(cursor);
    if (lastId === undefined || rest.length > 0) throw new InvalidCursorError();
    query = query.where('id', '<', lastId);
  }
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return { items: page.map(toWebhookDelivery), nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null };
}

export function findDelivery(db: Reader, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).where('id', '=', deliveryId).executeTakeFirst();
}

/** A delivery with every attempt at it, oldest first. */
export async function deliveryWithAttempts(db: DB, row: WebhookDeliveryRow) {
  const attempts = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', row.id).orderBy('at').orderBy('id').execute();
  return { ...toWebhookDelivery(row), attempts: attempts.map(toWebhookAttempt) };
}
