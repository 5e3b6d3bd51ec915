import type { Transaction } from 'kysely';
import { ADMIN_NOTIFICATION_RULES, notificationFor, type NotificationRule } from '../../domain/notifications.ts';
import { withClaimsAccess } from '../auth/access.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import { insertRows } from '../db/insert-rows.ts';
import { prepared } from '../db/prepared.ts';
import type { Database, NotificationTable } from '../db/database.ts';
import { InvalidCursorError } from '../errors.ts';
import type { NewClaimEvent, NewCompanyEvent } from '../events/events.repository.ts';
import type { UserPushes } from '../events/feed.ts';
import { leaveForCommit, writeLeftForCommitNow, type AtCommit, type Reaction } from '../events/record.ts';
import { newId } from '../ids.ts';
import type { ListNotificationsQuery, Notification, NotificationData } from './notifications.schema.ts';

/** Characters of the newest message a message notification (and its email) quotes. */
const PREVIEW_LENGTH = 200;

export interface NotifyOptions {
  /** How long a message's email waits, so a burst folds into it and a reader who is there reads it first. */
  messageEmailDelayMs: number;
  /** How long a status change's email waits, so a burst of moves folds into it and it says where the claim ended up. */
  statusEmailDelayMs: number;
}

/** The reaction that tells a claim's company about its events, and a company's admins about what needs them (registered in app.ts). */
export function notifyUsers(options: NotifyOptions): Reaction {
  return (trx, event) => {
    if ('claimId' in event) return notify(trx, event, options);
    if (!('userId' in event)) return notifyAdmins(trx, event);
    return Promise.resolve();
  };
}

type LoggedClaimEvent = NewClaimEvent & { id: number; at: string };

/**
 * What a company event tells the company's administrators (ADMIN_NOTIFICATION_RULES): a
 * notification each, and an email each whatever their channel, queued at once.
 */
async function notifyAdmins(trx: Transaction<Database>, event: NewCompanyEvent & { id: number; at: string }): Promise<void> {
  const kind = ADMIN_NOTIFICATION_RULES[event.type];
  if (!kind || !('webhook' in event.data) || !('reason' in event.data.webhook)) return;
  const admins = await trx.selectFrom('users').select('id').where('company_id', '=', event.companyId).where('role', '=', 'admin').execute();
  if (admins.length === 0) return;
  const { id, url, description, reason } = event.data.webhook;
  const data: NotificationData = { actor: event.actor, webhook: { id, url, description, reason } };
  const notifications: NotificationTable[] = admins.map((admin) => ({
    id: newId('ntf'),
    user_id: admin.id,
    company_id: event.companyId,
    claim_id: null,
    kind,
    event_id: event.id,
    last_event_id: event.id,
    data: JSON.stringify(data),
    count: 1,
    created_at: event.at,
    updated_at: event.at,
    read_at: null,
  }));
  await trx.insertInto('notifications').values(notifications).execute();
  await trx.insertInto('email_outbox').values(notifications.map((notification) => outboxRow(notification, event.at))).execute();
}

type OutboxRow = ReturnType<typeof outboxRow>;

/** The email of a notification, due at `at`. */
function outboxRow(notification: Pick<NotificationTable, 'id' | 'user_id' | 'kind'>, at: string) {
  const id = newId('eml');
  return {
    id,
    notification_id: notification.id,
    user_id: notification.user_id,
    template: notification.kind,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: at,
    message_id: `${id}@claimdesk`,
    created_at: at,
  };
}

/**
 * Writes what an event tells the company's users, inside the event's transaction: a
 * notification per user who may see the claim — its admins, its members with claims access —
 * but the actor, and an outbox row for each who chose email when the rule emails this event.
 * NOTIFICATION_RULES (domain/notifications.ts) says which events count.
 */
async function notify(trx: Transaction<Database>, event: LoggedClaimEvent, options: NotifyOptions): Promise<void> {
  const told = notificationFor(event.type, { actorKind: event.actor.kind, decision: event.data.decision, from: event.data.from, to: event.data.to });
  if (!told) return;
  const { rule } = told;
  const users = await recipientsOf.execute(trx, { butActor: event.actor.id !== null }, { companyId: event.companyId, actorId: event.actor.id });
  if (users.length === 0) return;

  const data = dataOf(event);
  const emailAt = new Date(Date.parse(event.at) + emailDelayMs(rule, options)).toISOString();
  const folded = rule.folds ? await foldInto(trx, rule, event, data, users.map((u) => u.id)) : new Map<string, string>();

  const fresh: NotificationTable[] = users
    .filter((user) => !folded.has(user.id))
    .map((user) => ({
      id: newId('ntf'),
      user_id: user.id,
      company_id: event.companyId,
      claim_id: event.claimId,
      kind: rule.kind,
      event_id: event.id,
      last_event_id: event.id,
      data: JSON.stringify(data),
      count: 1,
      created_at: event.at,
      updated_at: event.at,
      read_at: null,
    }));
  const byUser = new Map([...folded, ...fresh.map((n) => [n.user_id, n.id] as const)]);
  const emails = told.email
    ? users
        .filter((user) => user.notifications === 'in_app_and_email')
        .map((user) => ({ ...outboxRow({ id: byUser.get(user.id)!, user_id: user.id, kind: rule.kind }, emailAt), created_at: event.at }))
    : [];
  // With none folded, none of these has a row yet: they are written with the transaction's other
  // new ones (NEW_NOTIFICATIONS). A folded notification already has its email (waiting to carry
  // the whole burst, or, for a message, maybe sent), which the conflict keeps.
  if (folded.size === 0) return leaveForCommit(trx, NEW_NOTIFICATIONS, [{ notifications: fresh, emails }]);
  await insertRows(trx, 'notifications', fresh);
  if (emails.length) {
    await trx
      .insertInto('email_outbox')
      .values(emails)
      .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
      .execute();
  }
}

/**
 * The notifications (and emails) of the events of a transaction that folded into none, written at
 * its end for all of them (AtCommit): only a later event's fold reads them, and foldInto writes
 * them first.
 */
const NEW_NOTIFICATIONS: AtCommit<{ notifications: NotificationTable[]; emails: OutboxRow[] }> = {
  async write(trx, news) {
    await insertRows(trx, 'notifications', news.flatMap((told) => told.notifications));
    await insertRows(trx, 'email_outbox', news.flatMap((told) => told.emails));
  },
};

/** Who an event of a company's claim tells: its users who may see the claim, but the actor. Prepared once per shape (db/prepared.ts). */
const recipientsOf = prepared((db, { butActor }: { butActor: boolean }, param: { companyId: string; actorId: string | null }) => {
  const users = db.selectFrom('users').select(['id', 'notifications']).where('company_id', '=', param.companyId).where(withClaimsAccess);
  return butActor ? users.where('id', '!=', param.actorId) : users;
});

/** How long the rule's email waits for the rest of a burst: a rule that does not fold sends at once. */
function emailDelayMs(rule: NotificationRule, options: NotifyOptions): number {
  if (!rule.folds) return 0;
  return rule.kind === 'message' ? options.messageEmailDelayMs : options.statusEmailDelayMs;
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
 * more in its count, the newest data, moved to the top) — while the rule folds into it (see
 * NotificationRule.folds); says which users had one, and its id.
 */
async function foldInto(
  trx: Transaction<Database>,
  rule: NotificationRule,
  event: LoggedClaimEvent,
  data: NotificationData,
  userIds: string[],
): Promise<Map<string, string>> {
  await writeLeftForCommitNow(trx, NEW_NOTIFICATIONS);
  const unread = await trx
    .selectFrom('notifications')
    .select(['id', 'user_id'])
    .where('user_id', 'in', userIds)
    .where('read_at', 'is', null)
    .where('claim_id', '=', event.claimId)
    .where('kind', '=', rule.kind)
    .execute();
  const open = rule.folds?.until === 'emailed' ? await notYetEmailed(trx, unread) : unread;
  if (open.length === 0) return new Map();
  await trx
    .updateTable('notifications')
    .set((eb) => ({ count: eb('count', '+', 1), last_event_id: event.id, updated_at: event.at, data: JSON.stringify(data) }))
    .where('id', 'in', open.map((n) => n.id))
    .execute();
  return new Map(open.map((n) => [n.user_id, n.id]));
}

/**
 * The notifications whose email no worker has taken yet (or that have none): the email, when it
 * goes, reads the claim and the count then, so what folds in now is in it. One a worker took —
 * to send, skip or try (a failed try may have reached the inbox all the same) — may be in an
 * inbox already without this event.
 * On PostgreSQL their emails stay locked until the event commits: a worker claiming due emails
 * passes over them (SKIP LOCKED) and takes them, with the event folded in, once it has.
 */
async function notYetEmailed<N extends { id: string }>(trx: Transaction<Database>, notifications: N[]): Promise<N[]> {
  if (notifications.length === 0) return notifications;
  let emails = trx
    .selectFrom('email_outbox')
    .select(['notification_id', 'status', 'lease_until', 'attempts'])
    .where('notification_id', 'in', notifications.map((n) => n.id))
    .orderBy('id');
  if (isPostgres(trx)) emails = emails.forUpdate();
  const taken = new Set(
    (await emails.execute())
      .filter((email) => email.status !== 'pending' || email.lease_until !== null || email.attempts > 0)
      .map((email) => email.notification_id),
  );
  return notifications.filter((n) => !taken.has(n.id));
}

/**
 * A user's notifications as their list shows them: each read one on its own, and the unread ones
 * of a claim as one entry — the newest, with how many older unread ones it stands for (`folded`) —
 * so a claim that moved on while its reader was away is one line, saying where it is now. One
 * about no claim (a webhook disabled) is always on its own: null equals nothing.
 */
function selectEntries(db: DB) {
  return db
    .selectFrom('notifications')
    .leftJoin('claims', 'claims.id', 'notifications.claim_id')
    .selectAll('notifications')
    .select('claims.reference as claim_reference')
    .select((eb) =>
      eb
        .selectFrom('notifications as older')
        .select((inner) => inner.fn.countAll<number | string>().as('folded'))
        .where('notifications.read_at', 'is', null)
        .whereRef('older.user_id', '=', 'notifications.user_id')
        .where('older.read_at', 'is', null)
        .whereRef('older.claim_id', '=', 'notifications.claim_id')
        .whereRef('older.last_event_id', '<', 'notifications.last_event_id')
        .as('folded'),
    )
    .where((eb) =>
      eb.or([
        eb('notifications.read_at', 'is not', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('notifications as newer')
              .select('newer.id')
              .whereRef('newer.user_id', '=', 'notifications.user_id')
              .where('newer.read_at', 'is', null)
              .whereRef('newer.claim_id', '=', 'notifications.claim_id')
              .whereRef('newer.last_event_id', '>', 'notifications.last_event_id'),
          ),
        ),
      ]),
    );
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

export function toNotification(row: EntryRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    claimId: row.claim_id,
    claimReference: row.claim_reference,
    read: row.read_at !== null,
    count: row.count,
    folded: Number(row.folded ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    data: JSON.parse(row.data) as NotificationData,
  };
}

/** A user's notification entries, newest first by the last event each stands for (unique per user: a cursor that never skips). */
export async function listNotifications(db: DB, userId: string, { cursor, limit }: ListNotificationsQuery) {
  let query = selectEntries(db).where('notifications.user_id', '=', userId);
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
 * Marks the user's notifications read: these list entries, each with the older unread ones of its
 * claim it stands for (ids not the user's are ignored); those about one claim (opening it reads
 * them); or all of them. A `kind` narrows the claim's to that kind (reading a conversation reads
 * its message notification). Resolves to the ids that were unread.
 */
export async function markNotificationsRead(
  db: DB,
  userId: string,
  which: { ids: string[] } | { all: true } | { claimId: string; kind?: NotificationTable['kind'] },
  at: string,
): Promise<string[]> {
  // In a change (chat's markRead), the notifications its transaction has left to write are among those to mark.
  await writeLeftForCommitNow(db, NEW_NOTIFICATIONS);
  let update = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if ('ids' in which) {
    // Not one that came after the entry: the reader has not seen it yet.
    update = update.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('notifications as entry')
          .select('entry.id')
          .where('entry.id', 'in', which.ids)
          .where('entry.user_id', '=', userId)
          .where('entry.read_at', 'is', null)
          .where((eb) => eb.or([eb('entry.id', '=', eb.ref('notifications.id')), eb('entry.claim_id', '=', eb.ref('notifications.claim_id'))]))
          .whereRef('entry.last_event_id', '>=', 'notifications.last_event_id'),
      ),
    );
  }
  if ('claimId' in which) update = update.where('claim_id', '=', which.claimId);
  if ('kind' in which && which.kind) update = update.where('kind', '=', which.kind);
  return (await update.returning('id').execute()).map((row) => row.id);
}

/**
 * The notifications that events in (afterId, upToId] created or folded into, as the live feed
 * pushes them to their users' streams (`notification`, registered in app.ts): as list entries,
 * an unread one standing for its claim's older unread ones, which the list shows no more.
 */
export const notificationPushes: UserPushes = async (db, afterId, upToId) => {
  const rows = await selectEntries(db)
    .where('notifications.last_event_id', '>', afterId)
    .where('notifications.last_event_id', '<=', upToId)
    .orderBy('notifications.last_event_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, type: 'notification', data: toNotification(row) }));
};
