import { hc } from 'hono/client';
import { ApiError } from './api-error.ts';
import type { ClaimsSession } from './session.ts';
import type { TokenSource } from './token-source.ts';
import type {
  Claim,
  ClaimEvent,
  ClaimsQuery,
  ClaimSummaryPage,
  Company,
  DocumentList,
  DocumentRequirement,
  HelpContact,
  Me,
  NotificationPage,
  RequestDocumentInput,
} from './types.ts';
// Type-only: checks every call against the server's routes; no server code is bundled.
// "@claimdesk/api" is api/app.ts where the API's (Node) types are at hand (tsconfig.node-dom.json),
// a stand-in in the browser side's typecheck (widget/tsconfig.json).
import type { AppType } from '@claimdesk/api';

/** The routes' typed client; `any` where AppType is the stand-in (`0 extends 1 & T`: T is any). */
type RawClient = 0 extends 1 & AppType ? any : ReturnType<typeof hc<AppType>>;

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

/**
 * The typed client of the API's routes at `apiBase`, sending the token as authFetch does: for
 * the calls that live in an element's own chunk. Internal: the published declarations never name hono.
 * @internal
 */
export function rpcClient(apiBase: string, tokens: TokenSource): RawClient {
  return hc<AppType>(apiBase.replace(/\/+$/, ''), { fetch: authFetch(tokens) });
}

/**
 * An element's own client (a class over rpcClient, in the element's chunk), made once per session:
 * `const apiOf = perSession(ChatApi)`, then `apiOf(session).messages(…)`.
 */
export function perSession<T>(Api: new (apiBase: string, tokens: TokenSource) => T): (session: ClaimsSession) => T {
  const made = new WeakMap<ClaimsSession, T>();
  return (session) => {
    let api = made.get(session);
    if (!api) made.set(session, (api = new Api(session.apiBase, session.tokens)));
    return api;
  };
}

/** The JSON body of a successful answer; a failed one throws its ApiError. */
export async function json<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw await ApiError.from(res);
  return (await res.json()) as T;
}

/**
 * The widget's way to the API: typed calls over Hono's `hc` client. The calls of one element only
 * (the console's moves, the settings, the conversation, the integrations' API keys and webhooks,
 * a claim's papers) are made the same way, with rpcClient (`perSession`), in that element's own
 * chunk, so the start bundle does not carry them; a chat attachment goes up with
 * widget/uploads/attachment-upload.ts, which reports its progress.
 */
export class ClaimsApi {
  readonly #rpc: RawClient;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  /** A page of the list, each claim as its row shows it (view=summary): a claim opened is loaded whole. */
  listClaims(query: ClaimsQuery, init?: RequestInit): Promise<ClaimSummaryPage> {
    const q: Record<string, string> = { view: 'summary' };
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

  me(init?: RequestInit): Promise<Me> {
    return json(this.#rpc.me.$get({}, { init }));
  }

  async companies(init?: RequestInit): Promise<Company[]> {
    return (await json<{ items: Company[] }>(this.#rpc.companies.$get({}, { init }))).items;
  }

  // Documents. Their files go up resumably (tus, widget/uploads/resumable-upload.ts, loaded when one goes).

  documents(claimId: string, init?: RequestInit): Promise<DocumentList> {
    return json(this.#rpc.claims[':id'].documents.$get({ param: { id: claimId } }, { init }));
  }

  /** Handler: asks the customer for one more document. */
  requestDocument(claimId: string, input: RequestDocumentInput): Promise<DocumentRequirement> {
    return json(this.#rpc.claims[':id'].documents.$post({ param: { id: claimId }, json: input }));
  }

  review(claimId: string, requirementId: string, decision: 'accepted' | 'rejected', reason?: string): Promise<DocumentRequirement> {
    const param = { id: claimId, requirementId };
    return json(this.#rpc.claims[':id'].documents[':requirementId'].review.$post({ param, json: { decision, reason } }));
  }

  waive(claimId: string, requirementId: string): Promise<DocumentRequirement> {
    return json(this.#rpc.claims[':id'].documents[':requirementId'].waive.$post({ param: { id: claimId, requirementId } }));
  }

  async removeFile(id: string): Promise<void> {
    const res = await this.#rpc.files[':id'].$delete({ param: { id } });
    if (!res.ok) throw await ApiError.from(res);
  }

  /** A file's bytes, or its small preview image. */
  async file(id: string, thumbnail = false): Promise<Blob> {
    const file = this.#rpc.files[':id'];
    const res = await (thumbnail ? file.thumbnail.$get({ param: { id } }) : file.$get({ param: { id } }));
    if (!res.ok) throw await ApiError.from(res);
    return res.blob();
  }

  // Notifications.

  notifications(cursor?: string, init?: RequestInit): Promise<NotificationPage> {
    return json(this.#rpc.notifications.$get({ query: cursor ? { cursor } : {} }, { init }));
  }

  /**
   * Marks notifications read — these entries (each with what it stands for), those of one claim, or
   * with `'all'` every one; resolves to how many stay unread.
   */
  async readNotifications(which: string[] | { claimId: string } | 'all'): Promise<number> {
    const body = which === 'all' ? { all: true as const } : Array.isArray(which) ? { ids: which } : which;
    return (await json<{ unread: number }>(this.#rpc.notifications.read.$post({ json: body }))).unread;
  }

  // The operator's contact.

  help(init?: RequestInit): Promise<HelpContact> {
    return json(this.#rpc.help.$get({}, { init }));
  }
}
