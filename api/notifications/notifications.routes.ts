import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import type { WriteDeps } from '../events/record.ts';
import { describeRoute, json } from '../http/describe.ts';
import { validate } from '../http/validate.ts';
import { nowIso } from '../ids.ts';
import { countUnreadNotifications, listNotifications, markNotificationsRead } from './notifications.repository.ts';
import { ListNotificationsQuerySchema, MarkNotificationsReadSchema, NotificationPageSchema, NotificationsReadSchema } from './notifications.schema.ts';

/** The caller's notifications: what happened on the company's claims that needs them. */
export function notificationsRoutes(deps: WriteDeps) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listNotifications',
        tags: ['Notifications'],
        summary: 'The caller’s notifications, newest first',
        description:
          'What needs the caller on the company’s claims: new claims, status changes, documents requested or rejected, the handler’s messages (a burst folds into one), filing deadlines close. A claim’s unread notifications are listed as one, the newest, saying how many more it stands for (`folded`). New ones arrive on the live stream as `notification` events, folded the same way (no id: fetch this again when the stream reopens). Pass nextCursor as cursor for older ones.',
        responses: { 200: json('A page of notifications, and the unread count.', NotificationPageSchema) },
      }),
      allow(CALLERS.recipient),
      validate('query', ListNotificationsQuerySchema),
      async (c) => {
        const userId = c.var.caller.user.id;
        const [page, unread] = await Promise.all([
          listNotifications(deps.db, userId, c.req.valid('query')),
          countUnreadNotifications(deps.db, userId),
        ]);
        return c.json({ ...page, unread });
      },
    )
    .post(
      '/read',
      describeRoute({
        operationId: 'markNotificationsRead',
        tags: ['Notifications'],
        summary: 'Mark notifications read',
        description:
          'Some (`ids`, each with the older unread ones it stands for), those about one claim (`claimId`: a client calls this as the claim opens), or all (`all: true`) of the caller’s notifications. The caller’s open streams get a `notifications-read` event, so every tab’s badge agrees. Reading a claim’s conversation (POST /claims/{id}/read) reads its message notification too.',
        responses: { 200: json('The unread count after the change.', NotificationsReadSchema) },
      }),
      allow(CALLERS.recipient),
      validate('json', MarkNotificationsReadSchema),
      async (c) => {
        const userId = c.var.caller.user.id;
        const which = c.req.valid('json');
        const read = await markNotificationsRead(deps.db, userId, which, nowIso());
        const unread = await countUnreadNotifications(deps.db, userId);
        if (read.length) deps.bus.signal({ type: 'notifications-read', data: { userId, ids: 'all' in which ? null : read, unread } });
        return c.json({ unread });
      },
    );
}
