import type { Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from './bus.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { appendEvent, type NewEvent } from './events.repository.ts';

export interface WriteDeps {
  db: DB;
  bus: EventBus;
  /** How long a chat message's email waits for more of the burst, and for the reader (default 2 minutes). */
  messageEmailDelayMs?: number;
}

export const DEFAULT_MESSAGE_EMAIL_DELAY_MS = 120_000;

/** Appends one event to the log inside the change's transaction; resolves to its id. */
export type Append = (event: NewEvent) => Promise<number>;

export type Change<T> = (trx: Transaction<Database>, append: Append) => Promise<T>;

/**
 * The one write path. Runs a change and the events it appends in one transaction — together
 * or not at all — then, once committed, wakes the live feed (this process's, and through the
 * bus every other process's). Commands never open a transaction of their own; nothing else
 * appends to the log.
 *
 * What derives from an event (in-app notifications, email-outbox rows: notifications/) is
 * written here too, in the same transaction, as each `append` runs, so it commits or rolls back
 * with the event.
 */
export async function record<T>({ db, bus, messageEmailDelayMs = DEFAULT_MESSAGE_EMAIL_DELAY_MS }: WriteDeps, change: Change<T>): Promise<T> {
  let lastEventId = 0;
  const result = await db.transaction().execute((trx) =>
    change(trx, async (event) => {
      const logged = await appendEvent(trx, event);
      if ('claimId' in event) await notify(trx, event, logged, { messageEmailDelayMs });
      lastEventId = logged.id;
      return lastEventId;
    }),
  );
  if (lastEventId > 0) bus.committed(lastEventId);
  return result;
}
