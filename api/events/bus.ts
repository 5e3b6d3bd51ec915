import { createNanoEvents } from 'nanoevents';
import pg from 'pg';

/**
 * Wakes live streams after a commit. It carries no data: a woken stream reads the event log
 * past its cursor, so a missed or merged wake-up never loses an event.
 */
export interface EventBus {
  /** Call after the transaction that appended events has committed. */
  committed(lastEventId: number): void;
  onCommitted(listener: (lastEventId: number) => void): () => void;
  close(): Promise<void>;
}

/** One process: an in-memory emitter. */
export function createEventBus(): EventBus {
  const emitter = createNanoEvents<{ committed: (lastEventId: number) => void }>();
  return {
    committed: (lastEventId) => emitter.emit('committed', lastEventId),
    onCommitted: (listener) => emitter.on('committed', listener),
    close: async () => {},
  };
}

const CHANNEL = 'claimdesk_events';
const RELISTEN_MS = 1000;

/**
 * Several processes on one PostgreSQL database: a commit wakes this process's streams at once
 * and every other process's through NOTIFY. Should the listening connection drop, it is
 * re-opened; meanwhile streams still re-read the log at every heartbeat.
 */
export async function createPostgresEventBus(connectionString: string): Promise<EventBus> {
  const local = createEventBus();
  const notifier = new pg.Pool({ connectionString, max: 1 });
  let listener: pg.Client | undefined;
  let closed = false;

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => local.committed(Number(message.payload)));
    client.on('error', (error) => {
      console.error(`event bus: the LISTEN connection failed (${error.message}); reconnecting`);
      void client.end().catch(() => {});
      if (!closed) setTimeout(() => void listen().catch(() => {}), RELISTEN_MS);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
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
      await Promise.all([listener?.end(), notifier.end()]);
    },
  };
}
