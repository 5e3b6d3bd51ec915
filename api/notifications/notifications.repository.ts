import type { Transaction } from 'kysely';
import { notificationRuleFor, type NotificationRule } from '../../domain/notifications.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import type { DB } from '../db/connect.ts';
import type { Database, NotificationTable } from '../db/database.ts';
import { InvalidCursorError } from '../errors.ts';
import type { NewClaimEvent } from '../events/events.repository.ts';
import { newId } from '../ids.ts';
import type { ListNotificationsQuery, Notification, NotificationData } from './notifications.schema.ts';

/** Characters of the newest message a message notification (and its email) quotes. */
const PREVIEW_LENGTH = 200;

export interface NotifyOptions {
  /** How long a message's email waits, so a burst folds into it and a reader who is there reads it first. */
  messageEmailDelayMs: number;
}

/**
 * Writes what an event tells the company's users, inside the event's transaction (the write
 * path calls this as it appends): a notification per user who may see the claim — its admins,
 * its members with claims access — but the actor, and an outbox row for each who chose email
 * when the rule sends one. NOTIFICATION_RULES (domain/notifications.ts) says which events count.
 */
export async function notify(trx: Transaction<Database>, event: NewClaimEvent, logged: { id: number; at: string }, options: NotifyOptions): Promise<void> {
  const rule = notificationRuleFor(event.type, { actorKind: event.actor.kind, decision: event.data.decision });
  if (!rule) return;
  let recipients = trx
    .selectFrom('users')
    .select(['id', 'notifications'])
    .where('company_id', '=', event.companyId)
    .where((eb) => eb.or([eb('role', '=', 'admin'), eb('claims_access', '=', 1)]));
  if (event.actor.id !== null) recipients = recipients.where('id', '!=', event.actor.id);
  const users = await recipients.execute();
  if (users.length === 0) return;

  const data = dataOf(event);
  const emailAt = new Date(Date.parse(logged.at) + (rule.folds ? options.messageEmailDelayMs : 0)).toISOString();
  const folded = rule.folds ? await foldInto(trx, rule, event, logged, data, users.map((u) => u.id)) : new Map<string, string>();

  const fresh: NotificationTable[] = users
    .filter((user) => !folded.has(user.id))
    .map((user) => ({
      id: newId('ntf'),
      user_id: user.id,
      company_id: event.companyId,
      claim_id: event.claimId,
      kind: rule.kind,
      event_id: logged.id,
      last_event_id: logged.id,
      data: JSON.stringify(data),
      count: 1,
      created_at: logged.at,
      updated_at: logged.at,
      read_at: null,
    }));
  if (fresh.length) await trx.insertInto('notifications').values(fresh).execute();
  if (!rule.email) return;

  const byUser = new Map([...folded, ...fresh.map((n) => [n.user_id, n.id] as const)]);
  const emails = users
    .filter((user) => user.notifications === 'in_app_and_email')
    .map((user) => {
      const id = newId('eml');
      return {
        id,
        notification_id: byUser.get(user.id)!,
        user_id: user.id,
        template: rule.kind,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: emailAt,
        message_id: `${id}@claimdesk`,
        created_at: logged.at,
      };
    });
  // A folded notification already has its email (sent, or waiting to carry the whole burst).
  if (emails.length) {
    await trx
      .insertInto('email_outbox')
      .values(emails)
      .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
      .execute();
  }
}

/** What the notification says, from its event. */
function dataOf(event: NewClaimEvent): NotificationData {
  const { data } = event;
  return {
    actor: event.actor,
    ...(data.to !== undefined && { status: data.to }),
    ...(data.from !== undefined && { from: data.from }),
    ...(data.document !== undefined && { document: data.document }),
    ...(data.reason !== undefined && { reason: data.reason }),
    ...(data.message?.body !== undefined && { preview: data.message.body.slice(0, PREVIEW_LENGTH) }),
    ...(data.deadlineAt !== undefined && { deadlineAt: data.deadlineAt }),
    ...(data.hoursLeft !== undefined && { hoursLeft: data.hoursLeft }),
  };
}

/**
 * Folds the event into each user's unread notification of the same kind on the same claim (one
 * more in its count, the newest preview, moved to the top); says which users had one, and its id.
 */
async function foldInto(
  trx: Transaction<Database>,
  rule: NotificationRule,
  event: NewClaimEvent,
  logged: { id: number; at: string },
  data: NotificationData,
  userIds: string[],
): Promise<Map<string, string>> {
  const unread = await trx
    .selectFrom('notifications')
    .select(['id', 'user_id'])
    .where('user_id', 'in', userIds)
    .where('read_at', 'is', null)
    .where('claim_id', '=', event.claimId)
    .where('kind', '=', rule.kind)
    .execute();
  if (unread.length === 0) return new Map();
  await trx
    .updateTable('notifications')
    .set((eb) => ({ count: eb('count', '+', 1), last_event_id: logged.id, updated_at: logged.at, data: JSON.stringify(data) }))
    .where('id', 'in', unread.map((n) => n.id))
    .execute();
  return new Map(unread.map((n) => [n.user_id, n.id]));
}

function selectNotifications(db: DB) {
  return db
    .selectFrom('notifications')
    .innerJoin('claims', 'claims.id', 'notifications.claim_id')
    .selectAll('notifications')
    .select('claims.reference as claim_reference');
}

type NotificationRow = Awaited<ReturnType<ReturnType<typeof selectNotifications>['executeTakeFirstOrThrow']>>;

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    claimId: row.claim_id,
    claimReference: row.claim_reference,
    read: row.read_at !== null,
    count: row.count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    data: JSON.parse(row.data) as NotificationData,
  };
}

/** A user's notifications, newest first by the last event each stands for (unique per user: a cursor that never skips). */
export async function listNotifications(db: DB, userId: string, { cursor, limit }: ListNotificationsQuery) {
  let query = selectNotifications(db).where('notifications.user_id', '=', userId);
  if (cursor !== undefined) query = query.where('notifications.last_event_id', '<', positionOf(cursor));
  const rows = await query.orderBy('notifications.last_event_id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(toNotification);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor(['n', String(last.last_event_id)]) : null };
}

function positionOf(cursor: string): number {
  const [shape, position] = decodeCursor(cursor);
  if (shape !== 'n' || !position || !/^\d{1,15}$/.test(position)) throw new InvalidCursorError();
  return Number(position);
}

export async function countUnreadNotifications(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.unread ?? 0);
}

/**
 * Marks the user's notifications read: these ids (others' are ignored), or all of them. A
 * `claimId` with `kind` narrows it to that claim's notifications of that kind (reading a
 * conversation reads its message notification). Resolves to the ids that were unread.
 */
export async function markNotificationsRead(
  db: DB,
  userId: string,
  which: { ids: string[] } | { all: true } | { claimId: string; kind: NotificationTable['kind'] },
  at: string,
): Promise<string[]> {
  let update = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if ('ids' in which) update = update.where('id', 'in', which.ids);
  if ('claimId' in which) update = update.where('claim_id', '=', which.claimId).where('kind', '=', which.kind);
  return (await update.returning('id').execute()).map((row) => row.id);
}

/** Notifications created or folded into by the events in (afterId, upToId]: what the live feed pushes once it has read them. */
export async function notificationsTouchedBy(db: DB, afterId: number, upToId: number) {
  const rows = await selectNotifications(db)
    .where('notifications.last_event_id', '>', afterId)
    .where('notifications.last_event_id', '<=', upToId)
    .orderBy('notifications.last_event_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, notification: toNotification(row) }));
}
