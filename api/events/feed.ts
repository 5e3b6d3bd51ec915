import type { SignalType } from '../../domain/constants.ts';
import type { DB } from '../db/connect.ts';
import { hasClaimsAccess } from '../auth/access.ts';
import type { EventBus } from './bus.ts';
import { canSee, endOf } from './audience.ts';
import { lastEventId, readLogAfter, replayFor } from './events.repository.ts';
import type { LiveEvent, LiveSignal } from './events.schema.ts';
import { encodeSignal, eventFrame, type Frame, type SseConnection } from './sse-connection.ts';
import { DEFAULTS } from '../defaults.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';

export interface FeedOptions {
  db: DB;
  bus: EventBus;
  /** Comment heartbeats keep proxies from closing idle streams; no query is made for them. */
  heartbeatMs?: number | undefined;
  /** Events kept in memory, so a reconnect within them replays without touching the database. */
  windowSize?: number | undefined;
  /** Open streams per user; opening one more ends that user's oldest. */
  maxStreamsPerUser?: number | undefined;
  /** What else goes to single users' streams as events are read (their notifications): registered in app.ts. */
  userPushes?: readonly UserPushes[];
  /** Where a failed read of the log is reported (default: nowhere). */
  logger?: Logger | undefined;
}

/** A signal for one user's streams: its SSE event name and data. */
export interface UserPush {
  userId: string;
  type: SignalType;
  data: unknown;
}

/** Reads what the events in (afterId, upToId] made for single users, to push to their streams. */
export type UserPushes = (db: DB, afterId: number, upToId: number) => Promise<UserPush[]>;

interface Entry {
  event: LiveEvent;
  frame: Frame;
}

const BATCH = 500;
const HEARTBEAT_SLICE = 1000;

/**
 * The one live feed of this process. A wake-up (a local commit, PostgreSQL NOTIFY, the SQLite
 * change poll, or the heartbeat as a safety net) makes it read the log past its high-water mark
 * once, and it hands each event, encoded once, to the open streams allowed to see it: those of
 * the event's company, and staff. Streams never query per commit.
 */
export class LiveFeed {
  readonly #db: DB;
  readonly #windowSize: number;
  readonly #maxPerUser: number;
  readonly #userPushes: readonly UserPushes[];
  readonly #log: Logger;
  #highWater = 0;
  /** The newest events, oldest first; together they cover the ids in (#floor, #highWater]. */
  #window: Entry[] = [];
  #floor = 0;
  #reading: Promise<void> | null = null;
  #readAgain = false;
  #closed = false;
  #started: Promise<void>;

  readonly #staff = new Set<SseConnection>();
  readonly #byCompany = new Map<string, Set<SseConnection>>();
  /** Each user's open streams, oldest first. */
  readonly #byUser = new Map<string, SseConnection[]>();
  readonly #expiry = new Map<SseConnection, ReturnType<typeof setTimeout>>();
  #size = 0;

  readonly #offBus: () => void;
  readonly #offSignals: () => void;
  readonly #heartbeat: ReturnType<typeof setInterval>;

  constructor({ db, bus, heartbeatMs = 15_000, windowSize = 2000, maxStreamsPerUser = DEFAULTS.maxStreamsPerUser, userPushes = [], logger = silentLogger }: FeedOptions) {
    this.#userPushes = userPushes;
    this.#log = logger.child({ component: 'live-feed' });
    this.#db = db;
    this.#windowSize = windowSize;
    this.#maxPerUser = maxStreamsPerUser;
    this.#started = lastEventId(db).then((id) => {
      this.#highWater = id;
      this.#floor = id;
    });
    this.#offBus = bus.onCommitted(() => this.#wakeInBackground());
    this.#offSignals = bus.onSignal((signal) => this.#broadcast(signal));
    this.#heartbeat = setInterval(() => {
      this.#heartbeatAll().catch((error: unknown) => this.#log.error({ err: error }, 'live feed: sending heartbeats failed'));
      // A lost wake-up (a dropped NOTIFY) costs at most one heartbeat of latency.
      this.#wakeInBackground();
    }, heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Open streams in this process. */
  get size(): number {
    return this.#size;
  }

  /** The newest event id this feed has read from the log and handed to its streams. */
  get deliveredUpTo(): number {
    return this.#highWater;
  }

  /**
   * A comment to every open stream, HEARTBEAT_SLICE at a time with a turn of the event loop
   * between: written all at once to 10,000 streams they held the loop for 15–80 ms, and every
   * delivery waiting behind them.
   */
  async #heartbeatAll(): Promise<void> {
    let written = 0;
    for (const stream of this.#all()) {
      stream.heartbeat();
      if (++written % HEARTBEAT_SLICE === 0) await new Promise(setImmediate);
    }
  }

  /** Reads the log past the high-water mark; calls made while a read runs share one more read. */
  wake(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#reading = this.#read().finally(() => (this.#reading = null));
    return this.#reading;
  }

  /** A wake-up nobody waits for: a failed read is logged, and the next wake-up reads again from the same mark. */
  #wakeInBackground(): void {
    this.wake().catch((error: unknown) => this.#log.error({ err: error }, 'live feed: reading the event log failed; the next wake-up retries'));
  }

  async #read(): Promise<void> {
    await this.#started;
    do {
      this.#readAgain = false;
      for (;;) {
        const mark = this.#highWater;
        const events = await readLogAfter(this.#db, mark, BATCH);
        for (const event of events) this.#dispatch(event);
        if (events.length) await this.#pushToUsers(mark, this.#highWater);
        if (events.length < BATCH) break;
      }
    } while (this.#readAgain && !this.#closed);
  }

  #dispatch(event: LiveEvent): void {
    const entry = { event, frame: eventFrame(event) };
    this.#highWater = event.id;
    this.#window.push(entry);
    if (this.#window.length > this.#windowSize) this.#floor = this.#window.shift()!.event.id;
    if ('claimId' in event) for (const stream of this.#staff) stream.send(entry.frame);
    for (const stream of this.#byCompany.get(event.companyId) ?? []) this.#deliver(stream, entry);
    // A handler's stream is staff's and is shown no user events, yet a change of their role ends it too.
    if ('userId' in event) for (const stream of this.#byUser.get(event.userId) ?? []) this.#endIfChanged(stream, event);
  }

  /**
   * What the events just read made for single users (their notifications), each to that user's
   * streams only (no id: a stream that opens or reopens has its client fetch it afresh). One
   * query per registered push and read, and none while no user's stream is open here.
   */
  async #pushToUsers(afterId: number, upToId: number): Promise<void> {
    if (this.#byUser.size === 0) return;
    for (const pushes of this.#userPushes) {
      try {
        for (const { userId, type, data } of await pushes(this.#db, afterId, upToId)) {
          const streams = this.#byUser.get(userId);
          if (!streams) continue;
          const bytes = encodeSignal(type, data);
          for (const stream of streams) stream.signal(bytes);
        }
      } catch (error) {
        // The events went out; the clients catch up with a read of their own (GET /notifications).
        this.#log.error({ err: error }, 'live feed: reading what to push to users failed');
      }
    }
  }

  /**
   * An ephemeral signal: typing, encoded once, to the streams that may see the claim — those of
   * its company, and staff — except the sender's own (every tab of the sender's); a user's
   * notifications read, to that user's streams.
   */
  #broadcast(signal: LiveSignal): void {
    if (signal.type === 'notifications-read') {
      const { userId, ...data } = signal.data;
      const bytes = encodeSignal(signal.type, data);
      for (const stream of this.#byUser.get(userId) ?? []) stream.signal(bytes);
      return;
    }
    const { type, data } = signal;
    const bytes = encodeSignal(type, data);
    const others = (stream: SseConnection) => stream.viewer.userId !== data.user.id;
    for (const stream of this.#staff) if (others(stream)) stream.signal(bytes);
    for (const stream of this.#byCompany.get(data.companyId) ?? []) if (others(stream)) stream.signal(bytes);
  }

  /** Sends one event if the stream may see it; a replayed one is written past any held live frames. */
  #deliver(stream: SseConnection, { event, frame }: Entry, replaying = false): void {
    if (!canSee(stream.viewer, event)) return;
    if (replaying) stream.replay(frame);
    else stream.send(frame);
    this.#endIfChanged(stream, event);
  }

  /** Ends the stream, after the event that says so, when the event is about its user and leaves them without access or with another role. */
  #endIfChanged(stream: SseConnection, event: LiveEvent): void {
    if (!('userId' in event) || event.userId !== stream.viewer.userId) return;
    const reason = endOf(stream.viewer, event.data);
    if (reason) stream.end(reason);
  }

  /**
   * Adds a stream, replaying what it missed after `resumeFrom` (null: start from now). Within
   * the memory window the replay is synchronous; older, it reads the log scoped to the viewer
   * while live events wait on the stream, so the seam has no gap and no duplicate. An id
   * ahead of the log gets a `reset`.
   */
  async attach(stream: SseConnection, resumeFrom: number | null): Promise<void> {
    await this.wake(); // the high-water mark now covers everything committed before this call
    const seam = this.#highWater;
    if (resumeFrom === null) stream.open(seam);
    else if (resumeFrom > seam) {
      stream.open(seam);
      stream.reset(seam);
    } else stream.open(resumeFrom);
    if (stream.ended) return;
    this.#register(stream);
    if (stream.cursor >= this.#floor) {
      for (const entry of this.#window) if (entry.event.id > stream.cursor) this.#deliver(stream, entry);
    } else {
      stream.hold();
      for (let cursor = stream.cursor; !stream.ended; ) {
        const events = await replayFor(this.#db, stream.viewer, cursor, seam, BATCH);
        for (const event of events) this.#deliver(stream, { event, frame: eventFrame(event) }, true);
        if (events.length < BATCH) break;
        await stream.writable();
        cursor = events.at(-1)!.id;
      }
      stream.release();
    }
    await this.#recheckAccess(stream);
  }

  /** Access revoked, or the role changed, between authentication and registration is caught here rather than by an event. */
  async #recheckAccess(stream: SseConnection): Promise<void> {
    const { userId } = stream.viewer;
    if (stream.ended || userId === null) return;
    const user = await this.#db.selectFrom('users').select(['role', 'claims_access']).where('id', '=', userId).executeTakeFirst();
    const reason = user ? endOf(stream.viewer, { role: user.role, claimsAccess: hasClaimsAccess(user) }) : 'access-revoked';
    if (reason) stream.end(reason);
  }

  #register(stream: SseConnection): void {
    stream.onEnd(() => this.#unregister(stream));
    const { companyId, userId } = stream.viewer;
    const group = companyId === null ? this.#staff : this.#companyGroup(companyId);
    group.add(stream);
    this.#size++;
    if (userId !== null) {
      const streams = this.#byUser.get(userId) ?? [];
      streams.push(stream);
      this.#byUser.set(userId, streams);
      if (streams.length > this.#maxPerUser) streams[0]!.end('replaced');
    }
    if (stream.expiresAt !== null) {
      // setTimeout cannot wait longer than ~24.8 days; a token that lives longer is capped there.
      const ms = Math.min(Math.max(stream.expiresAt - Date.now(), 0), 2 ** 31 - 1);
      const timer = setTimeout(() => stream.end('token-expired'), ms);
      timer.unref();
      this.#expiry.set(stream, timer);
    }
  }

  #unregister(stream: SseConnection): void {
    const { companyId, userId } = stream.viewer;
    const group = companyId === null ? this.#staff : this.#byCompany.get(companyId);
    if (!group?.delete(stream)) return;
    this.#size--;
    if (companyId !== null && group.size === 0) this.#byCompany.delete(companyId);
    if (userId !== null) {
      const streams = this.#byUser.get(userId)?.filter((s) => s !== stream) ?? [];
      if (streams.length) this.#byUser.set(userId, streams);
      else this.#byUser.delete(userId);
    }
    clearTimeout(this.#expiry.get(stream));
    this.#expiry.delete(stream);
  }

  #companyGroup(companyId: string): Set<SseConnection> {
    let group = this.#byCompany.get(companyId);
    if (!group) this.#byCompany.set(companyId, (group = new Set()));
    return group;
  }

  *#all(): Iterable<SseConnection> {
    yield* this.#staff;
    for (const group of this.#byCompany.values()) yield* group;
  }

  /**
   * Ends every stream, or those of one company's users (shutdown; tests of reconnects, which run
   * side by side). Clients resume with Last-Event-ID.
   */
  disconnectAll(companyId?: string): number {
    const streams = [...this.#all()].filter((stream) => companyId === undefined || stream.viewer.companyId === companyId);
    for (const stream of streams) stream.end('shutdown');
    return streams.length;
  }

  /** Ends every stream and stops reading; resolves once a read under way has finished, so the database can close. */
  async close(): Promise<void> {
    this.#closed = true;
    this.disconnectAll();
    this.#offBus();
    this.#offSignals();
    clearInterval(this.#heartbeat);
    await this.#reading?.catch(() => {});
  }
}
