// A document's file sent so that it survives the connection: the tus 1.0.0 protocol the API speaks
// (README, Resumable uploads), with the standard tus-js-client. Fetched with import() the first
// time a file goes, never at start. The file goes in chunks, each counted by the server only once
// stored whole, so a connection cut costs at most one chunk; when the browser goes offline the
// upload pauses, and when it is back it asks the server where the upload stands (HEAD) and sends
// the rest from there.

/// <reference path="./tus-js-client.d.ts" />
import { DetailedError, Upload, type HttpRequest, type UploadOptions } from 'tus-js-client/lib/browser/index.js';
import { PROBLEM_TYPE_BASE } from '../../domain/problems.ts';
import { json, rpcClient } from '../internal/api-client.ts';
import { ApiError } from '../internal/api-error.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { UploadSession } from '../internal/types.ts';
import { isOnline, whenOnline } from './connection.ts';

/** What a cut connection costs at most: the chunk on its way is sent again whole. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * The waits before sending again after a failure while the browser says it is online (a flaky
 * link, a server restarting); every chunk stored starts them over. Offline, nothing is tried: the
 * upload waits for the connection instead.
 */
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10_000];

export interface ResumableUploadOptions {
  session: ClaimsSession;
  claimId: string;
  requirementId: string;
  file: File;
  /** Cancels it: the server deletes what it stored (tus termination), the promise rejects with an AbortError. */
  signal: AbortSignal;
  /** Bytes sent so far (back to what the server stored when a cut chunk is sent again). */
  onProgress: (loaded: number) => void;
  /** The connection went (false: the upload waits) or came back (true: it goes on). */
  onConnection: (online: boolean) => void;
}

const abortError = () => new DOMException('Upload cancelled', 'AbortError');

/** The problem a refused tus request answered, as the API client reads any other. */
function problemOf(error: DetailedError): ApiError {
  const res = error.originalResponse!;
  return ApiError.of(res.getStatus(), (res.getUnderlyingObject() as XMLHttpRequest).statusText, res.getBody());
}

/**
 * Uploads `file` to a document and resolves to the upload once complete, with the document as it
 * now stands (null in the rare case the upload is stored but could not be read back). Rejects
 * with the ApiError the server answered — as the multipart upload's: 413 too large, 415 a type
 * not taken, 409 the document closed meanwhile — or with an AbortError once cancelled.
 *
 * Each file gets an Idempotency-Key, so a creation whose answer was lost and is sent again starts
 * no second upload. An upload that expired (410: it waited a day for its next chunk) starts again
 * once from the beginning, with a new key.
 */
export function sendResumable({ session, claimId, requirementId, file, signal, onProgress, onConnection }: ResumableUploadOptions): Promise<UploadSession | null> {
  const rpc = rpcClient(session.apiBase, session.tokens);
  const endpoint: string = rpc.claims[':id'].documents[':requirementId'].uploads.$url({ param: { id: claimId, requirementId } }).href;

  return new Promise((resolve, reject) => {
    /** Null until it starts, which waits for the connection when there is none. */
    let upload: Upload | null = null;
    let restarted = false;
    /** A 401 renews the token and sends again once, as the API client does; a chunk stored allows it again. */
    let renewed = false;
    let renewNext = false;
    let paused = false;
    let settled = false;

    /** Stops following the connection and the signal: the upload is over, or its file stored. */
    const letGo = () => {
      window.removeEventListener('offline', pause);
      window.removeEventListener('online', resume);
      signal.removeEventListener('abort', cancel);
    };
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      letGo();
      end();
    };

    /** The connection went: stop sending (the server keeps what it stored whole) and wait for it. */
    function pause() {
      if (paused || settled) return;
      paused = true;
      void upload?.abort(false);
      onConnection(false);
    }

    /** It came back: tus-js-client asks where the upload stands (HEAD) and sends the rest. */
    function resume() {
      if (!paused || settled) return;
      paused = false;
      onConnection(true);
      if (upload) upload.start();
      else begin();
    }

    /**
     * Cancelled: stop at once, and have the server delete what it stored — once the connection is
     * back when it is down (else the upload expires, and the sweep deletes it).
     */
    function cancel() {
      settle(() => reject(abortError()));
      const cancelled = upload;
      if (!cancelled) return;
      if (isOnline()) void cancelled.abort(true).catch(() => {});
      else {
        void cancelled.abort(false);
        const url = cancelled.url;
        if (url) void whenOnline().then(() => Upload.terminate(url, cancelled.options).catch(() => {}));
      }
    }

    function shouldRetry(error: DetailedError): boolean {
      if (error.causingError instanceof ApiError) return false;
      const status = error.originalResponse?.getStatus() ?? 0;
      if (status === 0) return isOnline();
      if (status === 401) {
        if (renewed || !session.tokens.canRefresh) return false;
        renewed = renewNext = true;
        return true;
      }
      // Another offset than the one stored (a chunk whose answer was lost, sent again): the HEAD
      // before the next try says where to go on from. Any other 409 is the document's, and final.
      if (status === 409) return problemOf(error).type === `${PROBLEM_TYPE_BASE}upload-offset-mismatch`;
      return status === 423 || status === 429 || status >= 500;
    }

    function failed(error: Error | DetailedError) {
      if (settled) return;
      if (!(error instanceof DetailedError)) return settle(() => reject(ApiError.network(error)));
      if (error.causingError instanceof ApiError) return settle(() => reject(error.causingError));
      if (!error.originalResponse) {
        // No answer: offline, the upload waits for the connection (it may well have gone before
        // the `offline` event came); online, the tries are spent.
        if (!isOnline()) return pause();
        return settle(() => reject(ApiError.network(error)));
      }
      const problem = problemOf(error);
      if (problem.status === 410 && !restarted) {
        restarted = true;
        begin();
        return;
      }
      settle(() => reject(problem));
    }

    /**
     * Complete: the file is the document's, with nothing left to cancel or to pause. Reads the
     * upload for the document as it now stands (once the connection is back, when it went meanwhile).
     */
    async function completed() {
      letGo();
      const id = new URL(upload!.url!).pathname.split('/').pop()!;
      for (let tries = 1; ; tries++) {
        try {
          const state = await json<UploadSession>(rpc.uploads[':id'].$get({ param: { id } }));
          return settle(() => resolve(state));
        } catch (error) {
          const offline = error instanceof ApiError && error.status === 0 && !isOnline();
          if (!offline || tries === 3) return settle(() => resolve(null));
          await whenOnline();
        }
      }
    }

    /** Starts the upload: a new one, with a new Idempotency-Key. */
    function begin() {
      const idempotencyKey = crypto.randomUUID();
      const options: UploadOptions = {
        endpoint,
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS_MS,
        metadata: { filename: file.name, ...(file.type && { filetype: file.type }) },
        // Its URL stays with this page: nothing is written to the host's localStorage.
        storeFingerprintForResuming: false,
        async onBeforeRequest(req: HttpRequest) {
          const force = renewNext;
          renewNext = false;
          req.setHeader('Authorization', `Bearer ${await session.tokens.get(force)}`);
          if (req.getMethod() === 'POST') req.setHeader('Idempotency-Key', idempotencyKey);
        },
        onShouldRetry: shouldRetry,
        onProgress: (sent) => onProgress(sent),
        onChunkComplete: () => void (renewed = false),
        onSuccess: () => void completed(),
        onError: failed,
      };
      upload = new Upload(file, options);
      upload.start();
    }

    if (signal.aborted) return reject(abortError());
    signal.addEventListener('abort', cancel);
    window.addEventListener('offline', pause);
    window.addEventListener('online', resume);
    if (isOnline()) begin();
    else pause();
  });
}
