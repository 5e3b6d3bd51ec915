import type { MiddlewareHandler } from 'hono';
import { Problem } from './problem.ts';

export interface BodyLimitOptions {
  /** The largest body of any request but an upload (MAX_JSON_BYTES). */
  maxJsonBytes: number;
  /** The largest file in a multipart/form-data upload (MAX_UPLOAD_BYTES); the upload receiver holds each file to it. */
  maxUploadBytes: number;
  /** The largest multipart/form-data body, its files together (MAX_UPLOAD_REQUEST_BYTES). */
  maxUploadRequestBytes: number;
}

// Room for the multipart boundaries and part headers around the uploaded file itself.
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/**
 * Bounds every request body without reading it. A declared Content-Length over the limit is a
 * 413 at once; a body without one (chunked) is counted as whoever reads it reads, and the read
 * fails with the 413 at the first byte past the limit. Nothing is buffered here, so routes still
 * decide who may send a body before any of it is read (see `allow` in api/auth/principal.ts).
 *
 * Uploads (multipart/form-data) get MAX_UPLOAD_REQUEST_BYTES, at least room for one file of
 * MAX_UPLOAD_BYTES (each file is held to that as it streams, in api/documents/upload.ts); a chunk
 * of a resumable upload (application/offset+octet-stream, api/uploads/) MAX_UPLOAD_BYTES, as no
 * chunk is larger than its file; every other body MAX_JSON_BYTES. A JSON route refuses another
 * type of body with 415 before reading it, so the larger limits buy nothing there.
 */
export function limitBody({ maxJsonBytes, maxUploadBytes, maxUploadRequestBytes }: BodyLimitOptions): MiddlewareHandler {
  const maxUploadRequest = Math.max(maxUploadRequestBytes, maxUploadBytes + MULTIPART_ENVELOPE_BYTES);
  return async function limitBody(c, next) {
    // Decided from the headers alone: touching the body of @hono/node-server's request pauses
    // the socket, and an answer given without reading it then resets the keep-alive connection.
    const declared = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (declared === undefined && !chunked) return next();
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    const kind = type === 'multipart/form-data' ? 'upload' : type === 'application/offset+octet-stream' ? 'chunk' : 'json';
    const max = kind === 'upload' ? maxUploadRequest : kind === 'chunk' ? maxUploadBytes : maxJsonBytes;
    const tooLarge = () => contentTooLarge(max, kind);

    if (!chunked) {
      // Node's parser never hands over more than the declared length, so nothing to count.
      if (Number(declared) > max) throw tooLarge();
      return next();
    }
    const body = c.req.raw.body;
    if (!body) return next();
    let seen = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > max) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}

function contentTooLarge(maxBytes: number, kind: 'upload' | 'chunk' | 'json'): Problem {
  const detail =
    kind === 'upload'
      ? `The upload is larger than ${describeBytes(maxBytes)}, the most one request may carry, its files together (MAX_UPLOAD_REQUEST_BYTES). Send the files in several requests.`
      : kind === 'chunk'
        ? `The chunk is larger than ${describeBytes(maxBytes)}, the largest file this server takes (MAX_UPLOAD_BYTES). Send smaller chunks, no more than the file's length.`
        : `The request body is larger than ${describeBytes(maxBytes)}, the most this API reads for a request that is not an upload (MAX_JSON_BYTES). Send a smaller body.`;
  return new Problem('content-too-large', detail, { maxBytes });
}

function describeBytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  const kib = bytes / 2 ** 10;
  const human = mib >= 1 ? `${+mib.toFixed(1)} MiB` : kib >= 1 ? `${+kib.toFixed(1)} KiB` : null;
  return human ? `${human} (${bytes} bytes)` : `${bytes} bytes`;
}
