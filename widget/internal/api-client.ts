import { hc } from 'hono/client';
import { ApiError } from './api-error.ts';
import type { TokenSource } from './token-source.ts';
import type { Claim, ClaimEvent, ClaimsPage, ClaimsQuery } from './types.ts';
// Type-only: checks every call against the server's routes; no server code is bundled.
import type { AppType } from '../../api/app.ts';

type RawClient = ReturnType<typeof hc<AppType>>;

/**
 * `fetch` with the bearer token. After a 401 it asks the token source for a fresh token (the
 * host's tokenProvider) and retries the request once.
 */
export function authFetch(tokens: TokenSource): typeof fetch {
  return async (input, init) => {
    const send = async (force: boolean) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${await tokens.get(force)}`);
      try {
        return await fetch(input, { ...init, headers });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        throw ApiError.network(error);
      }
    };
    const res = await send(false);
    return res.status === 401 && tokens.canRefresh ? send(true) : res;
  };
}

async function json<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw await ApiError.from(res);
  return (await res.json()) as T;
}

/** The widget's only way to the API: typed calls over Hono's `hc` client. */
export class ClaimsApi {
  readonly #rpc: RawClient;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = hc<AppType>(apiBase.replace(/\/+$/, ''), { fetch: authFetch(tokens) });
  }

  listClaims(query: ClaimsQuery, init?: RequestInit): Promise<ClaimsPage> {
    const q: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) if (value !== '' && value != null) q[key] = String(value);
    return json(this.#rpc.claims.$get({ query: q }, { init }));
  }

  getClaim(id: string, init?: RequestInit): Promise<Claim> {
    return json(this.#rpc.claims[':id'].$get({ param: { id } }, { init }));
  }

  accept(id: string): Promise<Claim> {
    return json(this.#rpc.claims[':id'].accept.$post({ param: { id } }));
  }

  decline(id: string, reason: string): Promise<Claim> {
    return json(this.#rpc.claims[':id'].decline.$post({ param: { id }, json: { reason } }));
  }

  async events(id: string, init?: RequestInit): Promise<ClaimEvent[]> {
    const body = await json<{ items: ClaimEvent[] }>(this.#rpc.claims[':id'].events.$get({ param: { id } }, { init }));
    return body.items;
  }
}
