// A file to send with a chat message, uploaded on its own before the message names it
// (`POST /claims/{id}/attachments`): fetched with the conversation, not at start.
import { ApiError } from '../internal/api-error.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { Attachment } from '../internal/types.ts';

/** Tries one upload gets when its connection fails, and the wait before the next (times the tries so far). */
const UPLOAD_ATTEMPTS = 3;
const UPLOAD_RETRY_MS = 1000;

const abortError = () => new DOMException('Upload cancelled', 'AbortError');

/**
 * Uploads one file with XMLHttpRequest, which reports upload progress (fetch cannot); it stays
 * the caller's until a message names it. Aborting `signal` cancels it (the promise rejects with
 * an AbortError). A 401 renews the token and sends it again once, as the API client does. When
 * the connection fails the upload is sent again, twice at most, with the same Idempotency-Key:
 * if the server stored the first attempt before the link dropped, the retry gets that file back
 * instead of storing a second copy.
 */
export function uploadAttachment(session: ClaimsSession, claimId: string, file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<Attachment> {
  const { tokens } = session;
  const url = `${session.apiBase.replace(/\/+$/, '')}/claims/${claimId}/attachments`;
  const idempotencyKey = crypto.randomUUID();
  const send = async (force: boolean, attempt: number): Promise<Attachment> => {
    const token = await tokens.get(force);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => xhr.abort();
      xhr.open('POST', url);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
      xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onload = () => {
        signal.removeEventListener('abort', abort);
        if (xhr.status === 401 && !force && tokens.canRefresh) return resolve(send(true, attempt));
        if (xhr.status >= 300) return reject(ApiError.of(xhr.status, xhr.statusText, xhr.responseText));
        try {
          resolve((JSON.parse(xhr.responseText) as { items: Attachment[] }).items[0]!);
        } catch (error) {
          reject(ApiError.network(error));
        }
      };
      xhr.onerror = () => {
        signal.removeEventListener('abort', abort);
        if (attempt >= UPLOAD_ATTEMPTS || signal.aborted) return reject(ApiError.network(new Error('The upload was interrupted.')));
        onProgress(0);
        const retry = setTimeout(() => resolve(send(force, attempt + 1)), UPLOAD_RETRY_MS * attempt);
        signal.addEventListener('abort', () => (clearTimeout(retry), reject(abortError())), { once: true });
      };
      xhr.onabort = () => reject(abortError());
      if (signal.aborted) return reject(abortError());
      signal.addEventListener('abort', abort, { once: true });
      const form = new FormData();
      form.append('file', file);
      xhr.send(form);
    });
  };
  return send(false, 1);
}
