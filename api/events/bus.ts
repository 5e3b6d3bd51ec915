import { sql } from 'kysely';
import { createNanoEvents } from 'nanoevents';
import pg from 'pg';
import type { DB } from '../db/connect.ts';

/**
 * Wakes the live feed after a commit. It carries no data: a woken feed reads the event log
 * past its high-water mark, so a missed or merged wake-up never loses an event.
 */
export interface EventBus {
  /** Call after the transaction that appended events has committed. */
  committed(lastEventId: number): void;
  onCommitted(listener: () => void): () => void;
  close(): Promise<void>;
}

/** One process: an in-memory emitter. */
export function createEventBus(): EventBus {
  const emitter = createNanoEvents<{ committed: () => void }>();
  return {
    committed: () => emitter.emit('committed'),
    onCommitted: (listener) => emitter.on('committed', listener),
    close: async () => {},
  };
}

/**
 * Several processes on one SQLite file: SQLite cannot notify, but `PRAGMA data_version`
 * changes whenever another connection commits, and reading it costs next to nothing. Polled
 * every `pollMs`, it wakes this process's feed within that time of another process's commit.
 */
export function createSqliteEventBus(db: DB, pollMs = 250): EventBus {
  const local = createEventBus();
  let seen: number | undefined;
  let polling = false;
  const timer = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
      const version = rows[0]?.data_version;
      if (seen !== undefined && version !== seen) local.committed(0);
      seen = version;
    } catch {
      // The database is closing; the next tick (if any) tries again.
    } finally {
      polling = false;
    }
  }, pollMs);
  timer.unref();
  return {
    ...local,
    async close() {
      clearInterval(timer);
    },
  };
}

const CHANNEL = 'claimdesk_events';
const RELISTEN_FIRST_MS = 500;
const RELISTEN_MAX_MS = 30_000;

/**
 * Several processes on one PostgreSQL database: a commit wakes this process's feed at once and
 * every other process's through NOTIFY. Should the listening connection drop, it is re-opened
 * with backoff until the bus is closed, and the feed is woken to catch up on what it missed.
 */
export async function createPostgresEventBus(connectionString: string): Promise<EventBus> {
  const local = createEventBus();
  const notifier = new pg.Pool({ connectionString, max: 1 });
  let listener: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on('notification', () => local.committed(0));
    client.on('error', (error) => {
      console.error(`event bus: the LISTEN connection failed (${error.message}); reconnecting`);
      void client.end().catch(() => {});
      relisten(RELISTEN_FIRST_MS);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void client.end().catch(() => {});
      throw error;
    }
    listener = client;
  }

  function relisten(delayMs: number): void {
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => {
      listen().then(
        () => local.committed(0),
        (error: Error) => {
          console.error(`event bus: LISTEN reconnect failed (${error.message}); next try in ${Math.min(delayMs * 2, RELISTEN_MAX_MS)} ms`);
          relisten(Math.min(delayMs * 2, RELISTEN_MAX_MS));
        },
      );
    }, delayMs);
  }

  await listen();

  return {
    committed(lastEventId) {
      local.committed(lastEventId);
      notifier.query('select pg_notify($1, $2)', [CHANNEL, String(lastEventId)]).catch((error: Error) => {
        console.error(`event bus: NOTIFY failed (${error.message}); other processes will catch up at their next heartbeat`);
      });
    },
    onCommitted: local.onCommitted,
    async close() {
      closed = true;
      clearTimeout(retry);
      await Promise.all([listener?.end(), notifier.end()]);
    },
  };
}
