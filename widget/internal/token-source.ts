import { PROBLEM_TYPE_BASE } from '../../domain/problems.ts';
import { ApiError } from './api-error.ts';

/** A function the host gives the widget to obtain a fresh user token (a JWT). */
export type TokenProvider = () => string | Promise<string>;

/** Seconds before `exp` at which a token from a provider is renewed ahead of time (halfway, for a shorter-lived one). */
const RENEW_MARGIN_S = 30;
/** A token this close to its `exp` counts as expired: clocks differ, and it must still hold when the server checks it. */
const EXPIRY_SKEW_S = 5;
/** How many more times a provider that returned an expired token is asked before the request fails unsent. */
const PROVIDER_RETRIES = 1;

/** A token, and in how many ms it should be replaced (Infinity when it cannot or need not be). */
export interface Lease {
  token: string;
  renewIn: number;
}

function claimsOf(token: string): { exp?: unknown; sub?: unknown; company?: unknown } {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as object;
  } catch {
    return {};
  }
}

/** Whose token it is: the same `sub` in another company is another user. */
function userOf(token: string): string {
  const { sub, company } = claimsOf(token);
  return JSON.stringify([sub, company]);
}

/** A request that fails unsent, as the API would answer it: the reader is told their session ended. */
const unauthorized = (title: string, detail: string) => new ApiError(401, title, detail, `${PROBLEM_TYPE_BASE}unauthorized`);
const expired = (detail: string) => unauthorized('Expired token', detail);

/**
 * Hands out the bearer token, and never one it knows is expired: such a request fails unsent.
 * With a provider, the token is cached, renewed ahead of its `exp`, and renewed on demand
 * (`get(true)`) after the API answered 401; concurrent renewals share one call to the provider.
 *
 * A source belongs to one user, the one of the first token it sees. A token of anyone else is
 * never handed out: `onUserChange` is called instead, for the session to be built anew.
 */
export class TokenSource {
  #fixed: string;
  #provider: TokenProvider | undefined;
  #user: string | undefined;
  #cached: { token: string; renewAt: number } | null = null;
  #pending: Promise<{ token: string; renewAt: number }> | null = null;
  #checkScheduled = false;
  readonly #now: () => number;
  readonly #onUserChange: (() => void) | undefined;

  constructor(token: string, provider: TokenProvider | undefined, options: { now?: () => number; onUserChange?: () => void } = {}) {
    this.#fixed = token;
    this.#provider = provider;
    if (!provider) this.#user = userOf(token);
    this.#now = options.now ?? Date.now;
    this.#onUserChange = options.onUserChange;
  }

  get canRefresh(): boolean {
    return !!this.#provider;
  }

  /**
   * Takes the host's new `token`/`tokenProvider`, keeping this source when it may be the same
   * user's; false when it knows it is another user's (a token with another subject), and the
   * session must be built anew.
   *
   * A new provider may stand for someone else (the host switched users), and what is on screen
   * must not stay the previous user's a moment longer than it takes to know: so the cached token
   * goes, and the new provider is asked for a token right after the assignments of this task
   * (one call for many, as when a host re-renders; none for a host that passes a stable
   * function). Another user's token is never used: `onUserChange` is called instead.
   */
  use(token: string, provider: TokenProvider | undefined): boolean {
    if (!provider && this.#user !== undefined && userOf(token) !== this.#user) return false;
    if (provider !== this.#provider) {
      this.#cached = null;
      this.#pending = null;
      if (provider && this.#user !== undefined) this.#checkSoon();
    }
    this.#fixed = token;
    this.#provider = provider;
    return true;
  }

  /** Learns whose token the newest provider gives, once the current task's assignments are done. */
  #checkSoon(): void {
    if (this.#checkScheduled) return;
    this.#checkScheduled = true;
    setTimeout(() => {
      this.#checkScheduled = false;
      // Only whose token it is matters here (another user's calls onUserChange); any other
      // failure shows, and is reported, where a token is next needed.
      this.lease().catch(() => {});
    });
  }

  async get(force = false): Promise<string> {
    return (await this.lease(force)).token;
  }

  /** The token to send now, and when to replace it; rejects with an ApiError rather than give a known-expired or another user's token. */
  async lease(force = false): Promise<Lease> {
    const provider = this.#provider;
    if (!provider) {
      if (!this.#usable(this.#fixed)) throw expired('The token attribute holds an expired token.');
      return { token: this.#fixed, renewIn: Infinity };
    }
    let entry = this.#cached;
    if (force || !entry || this.#now() >= entry.renewAt) {
      if (!this.#pending) {
        const asking = this.#ask(provider).finally(() => {
          if (this.#pending === asking) this.#pending = null;
        });
        this.#pending = asking;
      }
      entry = await this.#pending;
    }
    return { token: entry.token, renewIn: entry.renewAt - this.#now() };
  }

  /** Asks the provider, again (a bounded number of times) while it answers with an expired token. */
  async #ask(provider: TokenProvider): Promise<{ token: string; renewAt: number }> {
    for (let retries = PROVIDER_RETRIES; ; retries--) {
      const token = await provider();
      if (this.#usable(token)) {
        const user = userOf(token);
        this.#user ??= user;
        if (user !== this.#user) {
          this.#onUserChange?.();
          throw unauthorized('Another user', 'The tokenProvider returned another user’s token.');
        }
        const { exp } = claimsOf(token);
        const now = this.#now() / 1000;
        const renewAt = typeof exp === 'number' ? (exp - Math.min(RENEW_MARGIN_S, (exp - now) / 2)) * 1000 : Infinity;
        const entry = { token, renewAt };
        if (provider === this.#provider) this.#cached = entry;
        return entry;
      }
      if (!retries) throw expired('The host’s tokenProvider returned an expired token.');
    }
  }

  #usable(token: string): boolean {
    const { exp } = claimsOf(token);
    return typeof exp !== 'number' || exp - EXPIRY_SKEW_S > this.#now() / 1000;
  }
}
