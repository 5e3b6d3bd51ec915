import { ClaimsApi } from './api-client.ts';
import { ClaimLoader } from './claim-loader.ts';
import { LiveStream } from './live-stream.ts';
import { TokenSource, type TokenProvider } from './token-source.ts';
import type { Me } from './types.ts';

/**
 * Everything one configured element (api-base + token or tokenProvider) shares with the
 * elements below it: the API client, the single live connection and the claim fetches. It
 * belongs to one user at one API; a new token or provider of the same user keeps it
 * (`tokens.use`).
 */
export class ClaimsSession {
  readonly api: ClaimsApi;
  readonly live: LiveStream;
  readonly tokens: TokenSource;
  readonly claims: ClaimLoader;

  constructor(
    readonly apiBase: string,
    token: string,
    tokenProvider: TokenProvider | undefined,
    /** Called when the host's token turns out to be another user's: this session must give way to a new one. */
    onUserChange?: () => void,
  ) {
    const base = apiBase.replace(/\/+$/, '');
    this.tokens = new TokenSource(token, tokenProvider, { onUserChange });
    this.api = new ClaimsApi(base, this.tokens);
    this.live = new LiveStream(`${base}/events`, this.tokens);
    this.claims = new ClaimLoader(this.api, this.live, () => this.#meId);
  }

  #me: Promise<Me> | null = null;
  /** The user's id, once `me()` answered (the claim loader tells their own messages from others'). */
  #meId: string | null = null;

  /** The user behind the token, asked once per session (again after a failure). */
  me(): Promise<Me> {
    this.#me ??= this.api.me().then(
      (me) => {
        this.#meId = me.id;
        return me;
      },
      (error: unknown) => {
        this.#me = null;
        throw error;
      },
    );
    return this.#me;
  }

  dispose(): void {
    this.live.close();
  }
}
