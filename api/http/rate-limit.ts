import type { Context, MiddlewareHandler } from 'hono';
import { documented, shared } from './describe.ts';
import { tooManyRequests } from './problem.ts';

/** The methods that change something: the ones the write limits count. */
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

const MINUTE_MS = 60_000;

/**
 * Counts events per key in fixed windows, in this process's memory: a key's window opens at its
 * first event and lasts `windowMs`. Several API processes each count on their own, so N
 * processes behind a load balancer allow up to N times the limit.
 *
 * Memory stays bounded: windows that have ended are swept once per window length, and past
 * `maxKeys` live keys the oldest window is dropped (that key starts afresh) rather than growing.
 */
export class FixedWindowLimiter {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  #nextSweepAt: number;

  constructor(
    readonly limit: number,
    readonly windowMs = MINUTE_MS,
    readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.#nextSweepAt = now() + windowMs;
  }

  /** Seconds until `key` may act again; 0 while it is under the limit. */
  retryAfter(key: string): number {
    const now = this.now();
    const window = this.#windows.get(key);
    if (!window || window.endsAt <= now || window.count < this.limit) return 0;
    return Math.max(1, Math.ceil((window.endsAt - now) / 1000));
  }

  /** Counts one event for `key`. */
  count(key: string): void {
    const now = this.now();
    if (now >= this.#nextSweepAt) this.#sweep(now);
    const window = this.#windows.get(key);
    if (window && window.endsAt > now) {
      window.count += 1;
      return;
    }
    this.#windows.delete(key);
    if (this.#windows.size >= this.maxKeys) this.#windows.delete(this.#windows.keys().next().value!);
    this.#windows.set(key, { count: 1, endsAt: now + this.windowMs });
  }

  /** Counts one event for `key` unless it is at the limit; returns retryAfter (0: allowed). */
  take(key: string): number {
    const wait = this.retryAfter(key);
    if (wait === 0) this.count(key);
    return wait;
  }

  /** How many keys it holds: never more than maxKeys. */
  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
    this.#nextSweepAt = now + this.windowMs;
  }
}

export interface FailedAuthenticationOptions {
  /** Failed authentications (401s) one client address may have in a minute; the next request is 429. */
  perMinute: number;
  addressOf: (c: Context) => string;
}

/**
 * Slows down guessing of tokens and API keys: each 401 counts against the client's address, and
 * an address over the limit is refused before its credentials are even looked at — a right
 * guess answered differently from a wrong one would tell the guesser it was right.
 */
export function limitFailedAuthentication({ perMinute, addressOf }: FailedAuthenticationOptions): MiddlewareHandler {
  const failures = new FixedWindowLimiter(perMinute);
  return documented(async function limitFailedAuthentication(c, next) {
    const address = addressOf(c);
    const wait = failures.retryAfter(address);
    if (wait > 0) {
      throw tooManyRequests(
        `More than ${perMinute} failed authentications from your address in a minute. Check the token or X-Api-Key your client sends, then retry in ${wait} s.`,
        wait,
      );
    }
    await next();
    if (c.res.status === 401) failures.count(address);
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
}

/** Counts POST, PUT, PATCH and DELETE per user and per address, or for the API key; runs after `authenticate`. */
export function limitWrites({ perUser, perAddress, perApiKey, addressOf }: WriteLimitOptions): MiddlewareHandler {
  const users = new FixedWindowLimiter(perUser);
  const addresses = new FixedWindowLimiter(perAddress);
  const apiKey = perApiKey === null ? null : new FixedWindowLimiter(perApiKey);
  const refuse = (wait: number, who: string, limit: number) => {
    if (wait > 0) throw tooManyRequests(`More than ${limit} writes a minute from ${who}. Retry in ${wait} s.`, wait);
  };
  return documented(async function limitWrites(c, next) {
    if (!(WRITE_METHODS as readonly string[]).includes(c.req.method)) return next();
    const principal = c.get('principal');
    if (principal.kind === 'service') {
      if (apiKey) refuse(apiKey.take('api-key'), 'the API key (API_KEY_WRITES_PER_MINUTE)', apiKey.limit);
    } else if (principal.kind === 'companyKey') {
      if (apiKey) refuse(apiKey.take(`company-key:${principal.keyId}`), 'this API key (API_KEY_WRITES_PER_MINUTE)', apiKey.limit);
    } else {
      refuse(users.take(principal.user.id), 'this user', perUser);
      refuse(addresses.take(addressOf(c)), 'your address', perAddress);
    }
    return next();
  }, { responses: { 429: shared('TooManyRequests') } });
}
