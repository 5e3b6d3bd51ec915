import type { Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from './bus.ts';
import { appendEvent, type NewEvent } from './events.repository.ts';

export interface WriteDeps {
  db: DB;
  bus: EventBus;
}

/** Appends one event to the log inside the change's transaction; resolves to its id. */
export type Append = (event: NewEvent) => Promise<number>;

export type Change<T> = (trx: Transaction<Database>, append: Append) => Promise<T>;

/**
 * The one write path. Runs a change and the events it appends in one transaction — together
 * or not at all — then, once committed, wakes the live feed (this process's, and through the
 * bus every other process's). Commands never open a transaction of their own; nothing else
 * appends to the log.
 *
 * What derives from an event (in-app notifications, email-outbox rows) is written here too,
 * in the same transaction, as each `append` runs, so it commits or rolls back with the event.
 */
export async function record<T>({ db, bus }: WriteDeps, change: Change<T>): Promise<T> {
  let lastEventId = 0;
  const result = await db.transaction().execute((trx) =>
    change(trx, async (event) => {
      lastEventId = await appendEvent(trx, event);
      return lastEventId;
    }),
  );
  if (lastEventId > 0) bus.committed(lastEventId);
  return result;
}
