import { hc } from 'hono/client';
import { ApiError } from './api-error.ts';
import type { TokenSource } from './token-source.ts';
import type {
  Attachment,
  ChatDocumentRequestInput,
  Claim,
  ClaimEvent,
  ClaimsPage,
  ClaimsQuery,
  Company,
  CompanySettings,
  DocumentList,
  DocumentRequirement,
  HelpContact,
  Handler,
  Me,
  Message,
  MessagePage,
  NotificationChannel,
  NotificationPage,
  RequestDocumentInput,
  TransitionInput,
  UserSettings,
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

/** The JSON body of a successful answer; a failed one throws its ApiError. */
export async function json<T>(pending: Promise<Response>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw await ApiError.from(res);
  return (await res.json()) as T;
}

/** Tries one upload gets when its connection fails, and the wait before the next (times the tries so far). */
const UPLOAD_ATTEMPTS = 3;
const UPLOAD_RETRY_MS = 1000;

/**
 * The widget's way to the API: typed calls over Hono's `hc` client. Calls only some users make
 * (the integrations' API keys and webhooks, a claim's papers) are made the same way, with
 * rpcClient, in their elements' own chunks, so the start bundle does not carry them.
 */
export class ClaimsApi {
  readonly #rpc: RawClient;
  readonly #base: string;
  readonly #tokens: TokenSource;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#base = apiBase.replace(/\/+$/, '');
    this.#tokens = tokens;
    this.#rpc = rpcClient(this.#base, tokens);
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

  me(init?: RequestInit): Promise<Me> {
    return json(this.#rpc.me.$get({}, { init }));
  }

  /** Handler: take a claim (your own id) or reassign it to another handler. */
  assign(id: string, handlerId: string): Promise<Claim> {
    return json(this.#rpc.claims[':id'].assignee.$post({ param: { id }, json: { handlerId } }));
  }

  /** Handler: move a claim to one of its `allowedTransitions`. */
  transition(id: string, body: TransitionInput): Promise<Claim> {
    return json(this.#rpc.claims[':id'].transitions.$post({ param: { id }, json: body }));
  }

  async handlers(init?: RequestInit): Promise<Handler[]> {
    return (await json<{ items: Handler[] }>(this.#rpc.handlers.$get({}, { init }))).items;
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

  /** Uploads one file to send with a message (see `#upload`); it stays the caller's until a message names it. */
  async uploadAttachment(claimId: string, file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<Attachment> {
    const { items } = await this.#upload<{ items: Attachment[] }>(`/claims/${claimId}/attachments`, file, onProgress, signal);
    return items[0]!;
  }

  /**
   * Uploads one file with XMLHttpRequest, which reports upload progress (fetch cannot). Aborting
   * `signal` cancels it (the promise rejects with an AbortError). A 401 renews the token and
   * sends it again once, as authFetch does. When the connection fails the upload is sent again,
   * twice at most, with the same Idempotency-Key: if the server stored the first attempt before
   * the link dropped, the retry gets that file back instead of storing a second copy.
   */
  #upload<T>(path: string, file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<T> {
    const idempotencyKey = crypto.randomUUID();
    const send = async (force: boolean, attempt: number): Promise<T> => {
      const token = await this.#tokens.get(force);
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const abort = () => xhr.abort();
        xhr.open('POST', `${this.#base}${path}`);
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
        xhr.upload.onprogress = (e) => onProgress(e.loaded);
        xhr.onload = () => {
          signal.removeEventListener('abort', abort);
          if (xhr.status === 401 && !force && this.#tokens.canRefresh) return resolve(send(true, attempt));
          if (xhr.status >= 300) return reject(ApiError.of(xhr.status, xhr.statusText, xhr.responseText));
          try {
            resolve(JSON.parse(xhr.responseText) as T);
          } catch (error) {
            reject(ApiError.network(error));
          }
        };
        xhr.onerror = () => {
          signal.removeEventListener('abort', abort);
          if (attempt >= UPLOAD_ATTEMPTS || signal.aborted) return reject(ApiError.network(new Error('The upload was interrupted.')));
          onProgress(0);
          const retry = setTimeout(() => resolve(send(force, attempt + 1)), UPLOAD_RETRY_MS * attempt);
          signal.addEventListener('abort', () => (clearTimeout(retry), reject(new DOMException('Upload cancelled', 'AbortError'))), { once: true });
        };
        xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
        if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
        signal.addEventListener('abort', abort, { once: true });
        const form = new FormData();
        form.append('file', file);
        xhr.send(form);
      });
    };
    return send(false, 1);
  }

  // Chat.

  messages(claimId: string, cursor?: string, init?: RequestInit): Promise<MessagePage> {
    return json(this.#rpc.claims[':id'].messages.$get({ param: { id: claimId }, query: cursor ? { cursor } : {} }, { init }));
  }

  /**
   * Sends once per clientId: a retry with the same clientId gets the stored message back. A
   * handler's `documentRequest` (with no body: the server writes it) also adds the document to the checklist.
   */
  postMessage(claimId: string, body: string, clientId: string, attachments: string[] = [], documentRequest?: ChatDocumentRequestInput): Promise<Message> {
    return json(this.#rpc.claims[':id'].messages.$post({ param: { id: claimId }, json: { body, clientId, attachments, documentRequest } }));
  }

  async markRead(claimId: string, messageId: string): Promise<number> {
    const result = await json<{ unreadMessages: number }>(this.#rpc.claims[':id'].read.$post({ param: { id: claimId }, json: { messageId } }));
    return result.unreadMessages;
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

  // The company's settings (admins change them) and the operator's contact.

  async users(init?: RequestInit): Promise<Me[]> {
    return (await json<{ items: Me[] }>(this.#rpc.users.$get({}, { init }))).items;
  }

  updateUser(id: string, change: UserSettings): Promise<Me> {
    return json(this.#rpc.users[':id'].$patch({ param: { id }, json: change }));
  }

  company(init?: RequestInit): Promise<CompanySettings> {
    return json(this.#rpc.company.$get({}, { init }));
  }

  updateCompany(defaultNotifications: NotificationChannel): Promise<CompanySettings> {
    return json(this.#rpc.company.$patch({ json: { defaultNotifications } }));
  }

  help(init?: RequestInit): Promise<HelpContact> {
    return json(this.#rpc.help.$get({}, { init }));
  }

  async typing(claimId: string): Promise<void> {
    const res = await this.#rpc.claims[':id'].typing.$post({ param: { id: claimId } });
    if (!res.ok) throw await ApiError.from(res);
  }
}
