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

const expired = (detail: string) => new ApiError(401, 'Expired token', detail);

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
   * A new provider is not called here: a host re-rendering with an inline function assigns one
   * each time, and asking every one for a token would cost the host a call per render. Instead
   * the cached token goes, so the next token, whatever needs it, comes from the new provider and
   * is checked: the same user's just carries on; another user's is never used (onUserChange).
   * Keeping the cached token instead would let the next request act as the previous user after
   * the host switched. Until a token is needed, what is on screen stays as it was: nothing tells
   * the widget sooner that the function now stands for someone else.
   */
  use(token: string, provider: TokenProvider | undefined): boolean {
    if (!provider && this.#user !== undefined && userOf(token) !== this.#user) return false;
    if (provider !== this.#provider) {
      this.#cached = null;
      this.#pending = null;
    }
    this.#fixed = token;
    this.#provider = provider;
    return true;
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
          throw new ApiError(401, 'Another user', 'The tokenProvider returned another user’s token.');
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
