import type { Context, MiddlewareHandler } from 'hono';
import { documented, shared } from './describe.ts';
import { tooManyRequests } from './problem.ts';

/** The methods that change something: the ones the write limits count. */
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every limit counts per minute ("AUTH_FAILURES_PER_MINUTE", "WRITES_PER_MINUTE_PER_USER", …). */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Where the rate limits count: events per key in fixed windows aligned to the clock (each whole
 * minute), so every process counting in one store puts an event in the same window. Keys name
 * their limit (`auth-failures:…`, `writes-user:…`), so one store serves them all.
 */
export interface RateLimitStore {
  /** Counts one event for `key` unless its window already holds `limit`: 0 when counted, else the seconds until the window ends. */
  take(key: string, limit: number): Promise<number>;
  /** The seconds until `key`'s window ends when it holds `limit` events already; 0 while it holds fewer. Counts nothing. */
  retryAfter(key: string, limit: number): Promise<number>;
}

/** The start of the window `now` falls in, in ms since the epoch. */
export function windowStartOf(now: number, windowMs: number): number {
  return now - (now % windowMs);
}

/** Whole seconds, at least 1, from `now` to the end of the window that began at `start`. */
export function secondsLeftOf(start: number, windowMs: number, now: number): number {
  return Math.max(1, Math.ceil((start + windowMs - now) / 1000));
}

/**
 * Counts in this process's memory: all one process needs (the SQLite deployments). Several
 * processes would each count on their own and allow N times each limit; on PostgreSQL the server
 * counts in the database instead (rate-limit-database.ts).
 *
 * Memory stays bounded: the first count of a new window sweeps the ended ones, and past `maxKeys`
 * live keys the oldest is dropped (that key starts afresh) rather than growing.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; start: number }>();
  #sweptWindow = 0;

  constructor(
    readonly windowMs = RATE_LIMIT_WINDOW_MS,
    readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async retryAfter(key: string, limit: number): Promise<number> {
    const now = this.now();
    const start = windowStartOf(now, this.windowMs);
    const window = this.#windows.get(key);
    return window?.start === start && window.count >= limit ? secondsLeftOf(start, this.windowMs, now) : 0;
  }

  async take(key: string, limit: number): Promise<number> {
    const now = this.now();
    const start = windowStartOf(now, this.windowMs);
    if (start !== this.#sweptWindow) this.#sweep(start);
    const window = this.#windows.get(key);
    if (window?.start === start) {
      if (window.count >= limit) return secondsLeftOf(start, this.windowMs, now);
      window.count += 1;
      return 0;
    }
    this.#windows.delete(key);
    if (this.#windows.size >= this.maxKeys) this.#windows.delete(this.#windows.keys().next().value!);
    this.#windows.set(key, { count: 1, start });
    return 0;
  }

  /** How many keys it holds: never more than maxKeys. */
  get size(): number {
    return this.#windows.size;
  }

  #sweep(start: number): void {
    for (const [key, window] of this.#windows) if (window.start !== start) this.#windows.delete(key);
    this.#sweptWindow = start;
  }
}

export interface FailedAuthenticationOptions {
  /** Failed authentications (401s) one client address may have in a minute; the next request is 429. */
  perMinute: number;
  addressOf: (c: Context) => string;
  /** Where the failures count: the database's store on PostgreSQL, so every process refuses alike. */
  store: RateLimitStore;
}

/**
 * Slows down guessing of tokens and API keys: each 401 counts against the client's address, and
 * an address over the limit is refused before its credentials are even looked at — a right
 * guess answered differently from a wrong one would tell the guesser it was right.
 *
 * The check must see the failures every process counted, so with the database's store every
 * request reads its address's count before it is authenticated, except from an address this
 * process already saw over the limit. Those reads are gathered, many requests to one query under
 * load; what that costs is measured in rate-limit-database.ts.
 */
export function limitFailedAuthentication({ perMinute, addressOf, store }: FailedAuthenticationOptions): MiddlewareHandler {
  return documented(async function limitFailedAuthentication(c, next) {
    const key = `auth-failures:${addressOf(c)}`;
    const wait = await store.retryAfter(key, perMinute);
    if (wait > 0) {
      throw tooManyRequests(
        `More than ${perMinute} failed authentications from your address in a minute. Check the token or X-Api-Key your client sends, then retry in ${wait} s.`,
        wait,
      );
    }
    await next();
    if (c.res.status === 401) await store.take(key, perMinute);
  }, { responses: { 429: shared('TooManyRequests') } });
}

export interface WriteLimitOptions {
  /** Writes one user may make in a minute. */
  perUser: number;
  /** Writes one client address may make in a minute, all its users together. */
  perAddress: number;
  /** Writes the host backend's API key may make in a minute; null: not throttled (bulk imports). */
  perApiKey: number | null;
  addressOf: (c: Context) => string;
  /** Where the writes count: the database's store on PostgreSQL, so every process refuses alike. */
  store: RateLimitStore;
}

/**
 * Counts POST, PUT, PATCH and DELETE per user and per address, or for the API key; runs after
 * `authenticate`. A write refused is not counted, so a user refused for their own writes does not
 * use up what the others at their address may write.
 */
export function limitWrites({ perUser, perAddress, perApiKey, addressOf, store }: WriteLimitOptions): MiddlewareHandler {
  const take = async (key: string, limit: number, who: string) => {
    const wait = await store.take(key, limit);
    if (wait > 0) throw tooManyRequests(`More than ${limit} writes a minute from ${who}. Retry in ${wait} s.`, wait);
  };
  return documented(async function limitWrites(c, next) {
    if (!(WRITE_METHODS as readonly string[]).includes(c.req.method)) return next();
    const principal = c.get('principal');
    if (principal.kind === 'service') {
      if (perApiKey !== null) await take('writes-api-key', perApiKey, 'the API key (API_KEY_WRITES_PER_MINUTE)');
    } else if (principal.kind === 'companyKey') {
      if (perApiKey !== null) await take(`writes-company-key:${principal.keyId}`, perApiKey, 'this API key (API_KEY_WRITES_PER_MINUTE)');
    } else {
      await take(`writes-user:${principal.user.id}`, perUser, 'this user');
      await take(`writes-address:${addressOf(c)}`, perAddress, 'your address');
    }
    return next();
  }, { responses: { 429: shared('TooManyRequests') } });
}
