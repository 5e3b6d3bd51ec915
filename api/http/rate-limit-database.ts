import type { DB } from '../db/connect.ts';
import { RATE_LIMIT_WINDOW_MS, secondsLeftOf, windowStartOf, type RateLimitStore } from './rate-limit.ts';

/** What one read found: the window it read, and the count of each key that has a row there. */
interface Read {
  start: number;
  counts: Map<string, number>;
}

/** Keys one read asks for at most, far under PostgreSQL's 65,535 parameters a statement; more wait for the next read. */
const MAX_KEYS_PER_READ = 1000;

export interface DatabaseRateLimitOptions {
  windowMs?: number;
  /** Keys this process remembers as at their limit (the oldest forgotten past it: it only saves a query). */
  maxKnownFull?: number;
  now?: () => number;
}

/**
 * Counts in the database, in `rate_limit_windows`, so that every API process on one PostgreSQL
 * database holds each limit together: N processes allow what one does, not N times as much.
 *
 * Counting an event is one round trip: an upsert that adds one to the window's row unless it
 * holds the limit already (`on conflict … do update … where count < limit returning count`),
 * atomic across processes; a refused event returns no row and counts nothing. Alone it costs
 * about 100 µs of Node CPU and 180–240 µs of wall time (380–460 µs when the table was logged and
 * each count waited for a WAL flush); a user's write counts two events, its user's and its
 * address's.
 *
 * Checking without counting (the failed-authentication check, on every request) is a read, and
 * the reads of one process go one at a time: the keys asked for while one is under way are read
 * together by the next, in one query. Each read begins after its requests arrived, so it sees
 * every event any process counted before them — the limit holds at exactly 1× — and under load
 * one read answers many requests. Measured with two processes on one PostgreSQL database,
 * GET /me with a valid token from autocannon, on 2 cores shared with other work (so ranges):
 * counting in memory, a request costs 270–350 µs of API CPU and 120–145 µs of PostgreSQL CPU. A
 * read per request added about 190 µs and 90 µs (and took 35–45% of the requests a second). The
 * gathered reads, at 8 requests at once per process (about 2 per read), add 25–130 µs and
 * 40–60 µs; at 32 (about 8 per read), nothing measurable (263–350 µs and 127–154 µs). Alone,
 * one read costs about 78 µs of Node and 58 µs of PostgreSQL CPU.
 *
 * A window seen at its limit is remembered until it ends — a count never falls within its
 * window — so a client this process refused costs no query until then. Windows follow each
 * process's clock: clocks kept by NTP agree to milliseconds, which moves where a window ends by
 * as much. A failing query fails its request (a 500 problem): an unreachable store never means
 * unlimited. Ended windows are deleted in the background once a window, by every process, so the
 * table holds about the last two windows' keys.
 */
export class DatabaseRateLimitStore implements RateLimitStore {
  readonly #windowMs: number;
  readonly #maxKnownFull: number;
  readonly #now: () => number;
  /** Keys seen at their limit: the window's start, and the count seen (at least that, when a take was refused). */
  readonly #knownFull = new Map<string, { start: number; count: number }>();
  /** The last read begun or waiting to begin, and the keys gathered for the read not yet begun. */
  #reading: Promise<unknown> = Promise.resolve();
  #gathering: { keys: Set<string>; read: Promise<Read> } | undefined;
  #cleaner: NodeJS.Timeout | undefined;
  #cleaning: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DB,
    { windowMs = RATE_LIMIT_WINDOW_MS, maxKnownFull = 100_000, now = Date.now }: DatabaseRateLimitOptions = {},
  ) {
    this.#windowMs = windowMs;
    this.#maxKnownFull = maxKnownFull;
    this.#now = now;
  }

  async retryAfter(key: string, limit: number): Promise<number> {
    const current = windowStartOf(this.#now(), this.#windowMs);
    if (this.#isKnownFull(key, current, limit)) return this.#secondsLeft(current);
    const { start, counts } = await this.#readWith(key);
    const count = counts.get(key) ?? 0;
    return count < limit ? 0 : this.#full(key, start, count);
  }

  async take(key: string, limit: number): Promise<number> {
    const start = windowStartOf(this.#now(), this.#windowMs);
    if (this.#isKnownFull(key, start, limit)) return this.#secondsLeft(start);
    const row = await this.db
      .insertInto('rate_limit_windows')
      .values({ key, window_start: new Date(start).toISOString(), count: 1 })
      .onConflict((conflict) =>
        conflict
          .columns(['key', 'window_start'])
          .doUpdateSet((eb) => ({ count: eb('rate_limit_windows.count', '+', 1) }))
          .where('rate_limit_windows.count', '<', limit),
      )
      .returning('count')
      .executeTakeFirst();
    if (row && row.count < limit) return 0;
    const wait = this.#full(key, start, row?.count ?? limit);
    // The event that filled the window was counted; only the ones after it are refused.
    return row ? 0 : wait;
  }

  /** Deletes the windows that have ended; the background cleaning calls it, and tests do. */
  async deleteEndedWindows(): Promise<void> {
    const start = windowStartOf(this.#now(), this.#windowMs);
    for (const [key, full] of this.#knownFull) if (full.start !== start) this.#knownFull.delete(key);
    await this.db.deleteFrom('rate_limit_windows').where('window_start', '<', new Date(start).toISOString()).execute();
  }

  /** Starts deleting ended windows once a window, until stop(). */
  startCleaning(): this {
    this.#cleaner ??= setInterval(() => {
      this.#cleaning = this.deleteEndedWindows().catch((error: unknown) =>
        console.error(`Rate limits: deleting ended windows failed, retried in ${this.#windowMs / 1000} s (${error instanceof Error ? error.message : String(error)})`),
      );
    }, this.#windowMs).unref();
    return this;
  }

  /** Stops the cleaning, once a delete under way has finished (before the database closes). */
  async stop(): Promise<void> {
    clearInterval(this.#cleaner);
    this.#cleaner = undefined;
    await this.#cleaning;
  }

  /** Reads `key` with the next read: it begins once the one under way has ended, with every key gathered meanwhile. */
  #readWith(key: string): Promise<Read> {
    let gathering = this.#gathering;
    if (!gathering || gathering.keys.size >= MAX_KEYS_PER_READ) {
      const keys = new Set<string>();
      const read = this.#reading.then(() => {
        if (this.#gathering?.keys === keys) this.#gathering = undefined;
        return this.#read([...keys]);
      });
      this.#reading = read.catch(() => {});
      gathering = this.#gathering = { keys, read };
    }
    gathering.keys.add(key);
    return gathering.read;
  }

  async #read(keys: string[]): Promise<Read> {
    const start = windowStartOf(this.#now(), this.#windowMs);
    const rows = await this.db
      .selectFrom('rate_limit_windows')
      .select(['key', 'count'])
      .where('window_start', '=', new Date(start).toISOString())
      .where('key', 'in', keys)
      .execute();
    return { start, counts: new Map(rows.map((row) => [row.key, row.count])) };
  }

  #isKnownFull(key: string, start: number, limit: number): boolean {
    const full = this.#knownFull.get(key);
    return full?.start === start && full.count >= limit;
  }

  #full(key: string, start: number, count: number): number {
    this.#knownFull.delete(key);
    if (this.#knownFull.size >= this.#maxKnownFull) this.#knownFull.delete(this.#knownFull.keys().next().value!);
    this.#knownFull.set(key, { start, count });
    return this.#secondsLeft(start);
  }

  #secondsLeft(start: number): number {
    return secondsLeftOf(start, this.#windowMs, this.#now());
  }
}
