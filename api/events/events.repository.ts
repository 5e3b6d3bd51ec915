import type { ExpressionBuilder, Transaction } from 'kysely';
import { CLAIM_EVENT_TYPES, OFF_TIMELINE_EVENT_TYPES, USER_EVENT_TYPES, type ClaimEventType, type CompanyEventType, type UserEventType } from '../../domain/constants.ts';
import { serializeEventAppends, type DB } from '../db/connect.ts';
import type { ClaimEventTable, Database } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import { nowIso } from '../ids.ts';
import type { Viewer } from './audience.ts';
import type { Actor, ClaimEvent, ClaimEventData, CompanyEvent, EventPage, LiveEvent, UserEvent } from './events.schema.ts';

/** An event about a claim, seen by the claim's company and by staff. */
export interface NewClaimEvent {
  type: ClaimEventType;
  claimId: string;
  companyId: string;
  actor: Actor;
  data: ClaimEventData;
}

/** An event about one user's settings, seen by that user and the company's admins. */
export interface NewUserEvent {
  type: UserEventType;
  userId: string;
  companyId: string;
  actor: Actor;
  data: UserEvent['data'];
}

/** An event about a company's settings, seen by the company's admins. */
export interface NewCompanyEvent {
  type: CompanyEventType;
  companyId: string;
  actor: Actor;
  data: CompanyEvent['data'];
}

export type NewEvent = NewClaimEvent | NewUserEvent | NewCompanyEvent;

const CLAIM_TYPES: ReadonlySet<string> = new Set(CLAIM_EVENT_TYPES);
const USER_TYPES: ReadonlySet<string> = new Set(USER_EVENT_TYPES);

/** The append, built and compiled once (db/prepared.ts): every change runs it. */
const insertEvent = prepared((db, _shape: null, param: Omit<ClaimEventTable, 'id'>) =>
  db
    .insertInto('claim_events')
    .values({
      claim_id: param.claim_id,
      user_id: param.user_id,
      company_id: param.company_id,
      type: param.type,
      actor_kind: param.actor_kind,
      actor_id: param.actor_id,
      actor_name: param.actor_name,
      data: param.data,
      created_at: param.created_at,
    })
    .returning('id'),
);

/**
 * Only the write path (events/record.ts) calls this, inside the change's transaction; it
 * resolves to the event as the log now holds it (id, time).
 */
export async function appendEvent(trx: Transaction<Database>, event: NewEvent): Promise<{ id: number; at: string }> {
  // Held already: the write path's transaction takes the log's lock before any change runs in
  // it, so before any row lock (record.ts, GroupCommit).
  await serializeEventAppends(trx);
  const at = nowIso();
  const [row] = await insertEvent.execute(trx, null, {
    claim_id: 'claimId' in event ? event.claimId : null,
    user_id: 'userId' in event ? event.userId : null,
    company_id: event.companyId,
    type: event.type,
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_name: event.actor.name,
    data: JSON.stringify(event.data),
    created_at: at,
  });
  return { id: Number(row!.id), at };
}

function selectEvents(db: DB) {
  return db
    .selectFrom('claim_events')
    .leftJoin('claims', 'claims.id', 'claim_events.claim_id')
    .selectAll('claim_events')
    .select('claims.reference as claim_reference');
}

/**
 * A claim's timeline, oldest first, scoped like every read: `companyId` null means staff. The
 * types the timeline leaves out (its conversation) are not part of it: the widget's timeline
 * leaves the same ones out of what arrives live.
 */
export async function listClaimEvents(db: DB, companyId: string | null, claimId: string): Promise<ClaimEvent[]> {
  let query = selectEvents(db).where('claim_events.claim_id', '=', claimId).where('claim_events.type', 'not in', OFF_TIMELINE_EVENT_TYPES);
  if (companyId !== null) query = query.where('claim_events.company_id', '=', companyId);
  const rows = await query.orderBy('claim_events.id').execute();
  return rows.map(toLiveEvent) as ClaimEvent[];
}

/** The log past `afterId`, every company's: what the live feed reads after a wake-up. */
export async function readLogAfter(db: DB, afterId: number, limit: number): Promise<LiveEvent[]> {
  const rows = await selectEvents(db).where('claim_events.id', '>', afterId).orderBy('claim_events.id').limit(limit).execute();
  return rows.map(toLiveEvent);
}

/** Events in (afterId, upToId] that `viewer` may see, scoped in SQL: a replay older than the feed's memory. */
export async function replayFor(db: DB, viewer: Viewer, afterId: number, upToId: number, limit: number): Promise<LiveEvent[]> {
  const rows = await selectEvents(db)
    .where('claim_events.id', '>', afterId)
    .where('claim_events.id', '<=', upToId)
    .where((eb) => visibleTo(eb, viewer))
    .orderBy('claim_events.id')
    .limit(limit)
    .execute();
  return rows.map(toLiveEvent);
}

/**
 * One page of the change feed (GET /events?after=): what `viewer` may see past `afterId`, scoped
 * in SQL like a replay, so a page is never cut short by events of others. It ends at the end of
 * the log read first: appends are serialized and commit in id order, so every event up to it is
 * in, and `nextAfter` may pass events the viewer is not shown without skipping one that commits
 * while the page is read.
 */
export async function readChangeFeed(db: DB, viewer: Viewer, afterId: number, limit: number): Promise<EventPage> {
  const end = await lastEventId(db);
  if (afterId > end) return { items: [], nextAfter: end, hasMore: false, reset: true };
  const events = await replayFor(db, viewer, afterId, end, limit + 1);
  const items = events.slice(0, limit);
  const hasMore = events.length > limit;
  return { items, nextAfter: hasMore ? items.at(-1)!.id : end, hasMore, reset: false };
}

/**
 * Events of the log by id, in id order, exactly as the stream and the change feed give them:
 * for what sends events elsewhere (webhooks), inside an event's transaction or later. Unscoped:
 * the caller decides who is shown each (`canSee` in audience.ts).
 */
export async function eventsById(db: DB, ids: readonly number[]): Promise<LiveEvent[]> {
  if (ids.length === 0) return [];
  const rows = await selectEvents(db).where('claim_events.id', 'in', ids).orderBy('claim_events.id').execute();
  return rows.map(toLiveEvent);
}

/** The SQL twin of `canSee` in audience.ts: the two must say the same. */
function visibleTo(eb: ExpressionBuilder<Database, 'claim_events'>, viewer: Viewer) {
  if (viewer.companyId === null) return eb('claim_events.claim_id', 'is not', null);
  const sameCompany = eb('claim_events.company_id', '=', viewer.companyId);
  if (viewer.isAdmin) return sameCompany;
  return eb.and([
    sameCompany,
    eb.or([eb('claim_events.claim_id', 'is not', null), eb('claim_events.user_id', '=', viewer.userId ?? '')]),
  ]);
}

export async function lastEventId(db: DB): Promise<number> {
  const row = await db
    .selectFrom('claim_events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

function toLiveEvent(row: EventRow): LiveEvent {
  const common = {
    id: Number(row.id),
    companyId: row.company_id,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    at: row.created_at,
  };
  if (CLAIM_TYPES.has(row.type)) {
    return {
      ...common,
      type: row.type as ClaimEventType,
      claimId: row.claim_id ?? '',
      claimReference: row.claim_reference ?? '',
      data: JSON.parse(row.data) as ClaimEventData,
    };
  }
  if (USER_TYPES.has(row.type)) {
    return { ...common, type: row.type as UserEventType, userId: row.user_id ?? '', data: JSON.parse(row.data) as UserEvent['data'] };
  }
  return { ...common, type: row.type as CompanyEventType, data: JSON.parse(row.data) as CompanyEvent['data'] } as CompanyEvent;
}
