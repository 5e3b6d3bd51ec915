import { ClaimsApi } from './api-client.ts';
import { LiveStream } from './live-stream.ts';
import { TokenSource, type TokenProvider } from './token-source.ts';
import type { Me } from './types.ts';

/**
 * Everything one configured element (api-base + token or tokenProvider) shares with the
 * elements below it: the API client, the single live connection and the current user.
 */
export class ClaimsSession {
  readonly api: ClaimsApi;
  readonly live: LiveStream;
  readonly tokens: TokenSource;
  #me: Promise<Me> | null = null;

  constructor(
    readonly apiBase: string,
    token: string,
    tokenProvider: TokenProvider | undefined,
  ) {
    const base = apiBase.replace(/\/+$/, '');
    this.tokens = new TokenSource(token, tokenProvider);
    this.api = new ClaimsApi(base, this.tokens);
    this.live = new LiveStream(`${base}/events`, this.tokens);
  }

  /** The signed-in user, fetched once per session. */
  me(): Promise<Me> {
    this.#me ??= this.api.me().catch((error: unknown) => {
      this.#me = null;
      throw error;
    });
    return this.#me;
  }

  dispose(): void {
    this.live.close();
  }
}
