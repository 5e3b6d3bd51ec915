import type { Transaction } from 'kysely';
import type { Actor } from '../auth/principal.ts';
import { serializeEventAppends, type DB } from '../db/connect.ts';
import type { ClaimEventType, Database } from '../db/database.ts';
import { nowIso } from '../ids.ts';
import type { ClaimEvent, ClaimEventData } from './events.schema.ts';

export interface NewEvent {
  claimId: string;
  companyId: string;
  type: ClaimEventType;
  actor: Actor;
  data: ClaimEventData;
}

/** Appends to the log inside the caller's transaction, so the change and its event commit together. */
export async function appendEvent(trx: Transaction<Database>, event: NewEvent): Promise<number> {
  await serializeEventAppends(trx);
  const row = await trx
    .insertInto('claim_events')
    .values({
      claim_id: event.claimId,
      company_id: event.companyId,
      type: event.type,
      actor_kind: event.actor.kind,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      data: JSON.stringify(event.data),
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function selectEvents(db: DB) {
  return db
    .selectFrom('claim_events')
    .innerJoin('claims', 'claims.id', 'claim_events.claim_id')
    .selectAll('claim_events')
    .select('claims.reference as claim_reference');
}

/** A claim's timeline, oldest first, scoped like every read: `companyId` null means staff. */
export async function listClaimEvents(db: DB, companyId: string | null, claimId: string): Promise<ClaimEvent[]> {
  let query = selectEvents(db).where('claim_events.claim_id', '=', claimId);
  if (companyId !== null) query = query.where('claim_events.company_id', '=', companyId);
  const rows = await query.orderBy('claim_events.id').execute();
  return rows.map(toClaimEvent);
}

/** Events after `afterId` that a principal scoped to `companyId` (null: all) may see. */
export async function listEventsAfter(db: DB, companyId: string | null, afterId: number, limit: number): Promise<ClaimEvent[]> {
  let query = selectEvents(db).where('claim_events.id', '>', afterId);
  if (companyId !== null) query = query.where('claim_events.company_id', '=', companyId);
  const rows = await query.orderBy('claim_events.id').limit(limit).execute();
  return rows.map(toClaimEvent);
}

export async function lastEventId(db: DB): Promise<number> {
  const row = await db
    .selectFrom('claim_events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

function toClaimEvent(row: EventRow): ClaimEvent {
  return {
    id: Number(row.id),
    claimId: row.claim_id,
    claimReference: row.claim_reference,
    companyId: row.company_id,
    type: row.type,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    data: JSON.parse(row.data) as ClaimEventData,
    at: row.created_at,
  };
}
