import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createNanoEvents } from 'nanoevents';
import pg from 'pg';
import type { DB } from '../db/connect.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';
import type { LiveSignal } from './events.schema.ts';

/**
 * Wakes the live feed after a commit, and carries ephemeral signals (typing) between processes.
 * A wake-up carries no data: a woken feed reads the event log past its high-water mark, so a
 * missed or merged wake-up never loses an event. A signal is its own data and is never stored:
 * one that is lost is lost, as a typing indicator may be.
 */
export interface EventBus {
  /**
   * Call after the transaction that appended events has committed (record() does), or that queued
   * outbox rows without an event (a webhook redelivery): it wakes the feed and the outbox workers.
   */
  committed(lastEventId: number): void;
  onCommitted(listener: () => void): () => void;
  /** Hands a signal to this process's feed at once and to every other process's, each once. */
  signal(signal: LiveSignal): void;
  onSignal(listener: (signal: LiveSignal) => void): () => void;
  close(): Promise<void>;
}

/** One process: an in-memory emitter. */
export function createEventBus(): EventBus {
  const emitter = createNanoEvents<{ committed: () => void; signal: (signal: LiveSignal) => void }>();
  return {
    committed: () => emitter.emit('committed'),
    onCommitted: (listener) => emitter.on('committed', listener),
    signal: (signal) => emitter.emit('signal', signal),
    onSignal: (listener) => emitter.on('signal', listener),
    close: async () => {},
  };
}

/** How a signal travels between processes: tagged with its process, so none is delivered back to it twice. */
interface SignalEnvelope {
  origin: string;
  signal: LiveSignal;
}

/** A signal received from another process, or undefined for our own and for anything unreadable. */
function foreignSignal(payload: string, self: string): LiveSignal | undefined {
  try {
    const envelope = JSON.parse(payload) as SignalEnvelope;
    return envelope.origin === self ? undefined : envelope.signal;
  } catch {
    return undefined;
  }
}

/** Signals older than this are pruned from the SQLite relay table: they are stale for anyone. */
const SIGNAL_TTL_MS = 60_000;
const PRUNE_EVERY = 100;

/**
 * Several processes on one SQLite file: SQLite cannot notify, but `PRAGMA data_version`
 * changes whenever another connection commits, and reading it costs next to nothing. Polled
 * every `pollMs`, it wakes this process's feed within that time of another process's commit.
 * Signals go through a small relay table (`live_signals`) that the same poll reads when the
 * version moved; rows older than a minute are pruned.
 */
export function createSqliteEventBus(db: DB, pollMs = 250, logger: Logger = silentLogger): EventBus {
  const log = logger.child({ component: 'event-bus' });
  const local = createEventBus();
  const self = randomUUID();
  let seen: number | undefined;
  let lastSignalId: number | undefined;
  let sent = 0;
  let polling = false;

  async function relayedSince(): Promise<void> {
    const rows = await db
      .selectFrom('live_signals')
      .select(['id', 'payload'])
      .where('id', '>', lastSignalId ?? 0)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      lastSignalId = row.id;
      const signal = foreignSignal(row.payload, self);
      if (signal) local.signal(signal);
    }
  }

  const timer = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
      const version = rows[0]?.data_version;
      if (lastSignalId === undefined) {
        const newest = await db.selectFrom('live_signals').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
        lastSignalId = Number(newest?.id ?? 0);
      }
      if (seen !== undefined && version !== seen) {
        local.committed(0);
        await relayedSince();
      }
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
    signal(signal) {
      local.signal(signal);
      const envelope: SignalEnvelope = { origin: self, signal };
      const relay = async () => {
        await db.insertInto('live_signals').values({ payload: JSON.stringify(envelope), created_at: new Date().toISOString() }).execute();
        if (++sent % PRUNE_EVERY === 0) {
          await db.deleteFrom('live_signals').where('created_at', '<', new Date(Date.now() - SIGNAL_TTL_MS).toISOString()).execute();
        }
      };
      relay().catch((error: Error) => log.error({ err: error }, `event bus: relaying a signal failed (${error.message}); other processes miss it`));
    },
    async close() {
      clearInterval(timer);
    },
  };
}

const CHANNEL = 'claimdesk_events';
const SIGNALS_CHANNEL = 'claimdesk_signals';
const RELISTEN_FIRST_MS = 500;
const RELISTEN_MAX_MS = 30_000;

/**
 * Several processes on one PostgreSQL database: a commit wakes this process's feed at once and
 * every other process's through NOTIFY. Should the listening connection drop, it is re-opened
 * with backoff until the bus is closed, and the feed is woken to catch up on what it missed.
 */
export async function createPostgresEventBus(connectionString: string, logger: Logger = silentLogger): Promise<EventBus> {
  const log = logger.child({ component: 'event-bus' });
  const local = createEventBus();
  const self = randomUUID();
  const notifier = new pg.Pool({ connectionString, max: 1 });
  let listener: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      if (message.channel !== SIGNALS_CHANNEL) return local.committed(0);
      const signal = foreignSignal(message.payload ?? '', self);
      if (signal) local.signal(signal);
    });
    client.on('error', (error) => {
      log.error({ err: error }, `event bus: the LISTEN connection failed (${error.message}); reconnecting`);
      void client.end().catch(() => {});
      relisten(RELISTEN_FIRST_MS);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}; LISTEN ${SIGNALS_CHANNEL}`);
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
          log.error({ err: error }, `event bus: LISTEN reconnect failed (${error.message}); next try in ${Math.min(delayMs * 2, RELISTEN_MAX_MS)} ms`);
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
        log.error({ err: error }, `event bus: NOTIFY failed (${error.message}); other processes will catch up at their next heartbeat`);
      });
    },
    onCommitted: local.onCommitted,
    signal(signal) {
      local.signal(signal);
      const envelope: SignalEnvelope = { origin: self, signal };
      notifier.query('select pg_notify($1, $2)', [SIGNALS_CHANNEL, JSON.stringify(envelope)]).catch((error: Error) => {
        log.error({ err: error }, `event bus: NOTIFY of a signal failed (${error.message}); other processes miss it`);
      });
    },
    onSignal: local.onSignal,
    async close() {
      closed = true;
      clearTimeout(retry);
      await Promise.all([listener?.end(), notifier.end()]);
    },
  };
}
