/** A function the host gives the widget to obtain a fresh user token (a JWT). */
export type TokenProvider = () => string | Promise<string>;

/** Seconds before `exp` at which a token from a provider is renewed ahead of time. */
const RENEW_MARGIN_S = 30;

function expiresAt(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

/**
 * Hands out the bearer token. With a provider, the token is cached, renewed shortly before it
 * expires, and renewed on demand (`get(true)`) after the API answered 401; concurrent renewals
 * share one call to the provider.
 */
export class TokenSource {
  #current: Promise<string> | null = null;

  constructor(
    readonly fixed: string,
    readonly provider: TokenProvider | undefined,
  ) {}

  get canRefresh(): boolean {
    return !!this.provider;
  }

  async get(force = false): Promise<string> {
    if (!this.provider) return this.fixed;
    if (this.#current && !force) {
      const token = await this.#current.catch(() => '');
      const exp = expiresAt(token);
      if (token && (exp === null || exp - RENEW_MARGIN_S > Date.now() / 1000)) return token;
    }
    return this.#renew();
  }

  #pending: Promise<string> | null = null;
  #renew(): Promise<string> {
    if (this.#pending) return this.#pending;
    const provider = this.provider!;
    const next = Promise.resolve()
      .then(provider)
      .finally(() => (this.#pending = null));
    this.#pending = next;
    this.#current = next;
    return next;
  }
}
