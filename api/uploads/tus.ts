import type { Context, MiddlewareHandler, Next } from 'hono';
import { API_PREFIX } from '../http/describe.ts';
import { badRequest, Problem } from '../http/problem.ts';
import { tooLarge } from '../documents/upload.ts';

// The tus resumable upload protocol, 1.0.0 (https://tus.io/protocols/resumable-upload), as far as
// Claimdesk speaks it: core (HEAD and PATCH), creation, termination and expiration. Spoken by the
// API itself rather than by @tus/server, so that an upload's chunks live in the API's own storage
// (the local disk or an S3 bucket, through its ledger) and its offset in the database: any API
// process behind a balancer answers any request of an upload, and the completed file goes through
// the same checks, write path and events as a multipart upload. Browsers speak it with the
// standard tus-js-client.

export const TUS_VERSION = '1.0.0';
/** The extensions this server supports, as Tus-Extension lists them. */
export const TUS_EXTENSIONS = ['creation', 'termination', 'expiration'] as const;
/** The only body a PATCH carries: the upload's next bytes. */
export const OFFSET_OCTET_STREAM = 'application/offset+octet-stream';

/** What a browser's tus client sends, for CORS to let through. */
export const TUS_REQUEST_HEADERS = ['Tus-Resumable', 'Upload-Length', 'Upload-Offset', 'Upload-Metadata'] as const;
/** What it must be able to read, for CORS to expose. */
export const TUS_RESPONSE_HEADERS = ['Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Upload-Offset', 'Upload-Length', 'Upload-Expires'] as const;

/** The creation endpoint (a document's uploads) and an upload's URL, as the API serves them. */
const TUS_PATH = new RegExp(`^${API_PREFIX}/(?:uploads/[^/]+|claims/[^/]+/documents/[^/]+/uploads)$`);

/**
 * Every answer of a tus operation says which protocol version it speaks, its refusals included
 * (the route's first middleware, so it sees what `allow` and the handler answer).
 */
export async function speaksTus(c: Context, next: Next): Promise<void> {
  await next();
  c.res.headers.set('Tus-Resumable', TUS_VERSION);
}

/**
 * Answers tus's discovery: an OPTIONS request to a creation endpoint or an upload's URL gets,
 * besides CORS's preflight answer (api/http/cors.ts answers every OPTIONS), the version, the
 * extensions and the largest upload this server takes. Mounted in front of CORS.
 */
export function tusDiscovery({ maxUploadBytes }: { maxUploadBytes: number }): MiddlewareHandler {
  const discovery = {
    'Tus-Resumable': TUS_VERSION,
    'Tus-Version': TUS_VERSION,
    'Tus-Extension': TUS_EXTENSIONS.join(','),
    'Tus-Max-Size': String(maxUploadBytes),
  };
  return async function tusDiscovery(c, next) {
    await next();
    if (c.req.method !== 'OPTIONS' || !TUS_PATH.test(c.req.path)) return;
    for (const [name, value] of Object.entries(discovery)) c.res.headers.set(name, value);
  };
}

const headerError = (header: string, message: string, detail: string) => badRequest(detail, { errors: [{ field: header, message }] });

/**
 * Refuses a request that does not speak tus 1.0.0: without Tus-Resumable, a 400 saying to send it;
 * with another version, the 412 the protocol prescribes, naming the version spoken (Tus-Version).
 */
export function requireTusResumable(request: Request): void {
  const version = request.headers.get('tus-resumable');
  if (version === null) {
    throw headerError(
      'Tus-Resumable',
      'is required',
      `This is a tus ${TUS_VERSION} upload: send "Tus-Resumable: ${TUS_VERSION}" with every request (tus-js-client does).`,
    );
  }
  if (version.trim() !== TUS_VERSION) {
    throw new Problem(
      'precondition-failed',
      `This server speaks tus ${TUS_VERSION} only, not "${version.slice(0, 20)}". Send "Tus-Resumable: ${TUS_VERSION}".`,
      {},
      { 'Tus-Version': TUS_VERSION },
    );
  }
}

/** A byte count as tus headers carry it: decimal digits only, within what a number holds exactly. */
const BYTE_COUNT = /^\d{1,15}$/;

function byteCount(request: Request, header: 'Upload-Length' | 'Upload-Offset', meaning: string): number {
  const value = request.headers.get(header);
  if (value === null) throw headerError(header, 'is required', `Send ${header}: ${meaning}, as a whole number of bytes.`);
  if (!BYTE_COUNT.test(value.trim())) {
    throw headerError(header, 'must be a whole number of bytes, 0 or more', `${header} must be ${meaning}, a whole number of bytes (0 or more), not "${value.slice(0, 30)}".`);
  }
  return Number(value.trim());
}

/** The Upload-Length of a creation: 400 when missing, malformed or 0; the multipart route's 413 past MAX_UPLOAD_BYTES. */
export function uploadLengthOf(request: Request, maxBytes: number, fileName: string): number {
  if (request.headers.has('upload-defer-length')) {
    throw headerError('Upload-Defer-Length', 'is not supported', 'This server needs the file’s size up front: send Upload-Length instead of Upload-Defer-Length.');
  }
  const length = byteCount(request, 'Upload-Length', 'the size of the whole file');
  if (length === 0) {
    throw new Problem('empty-file', `The file "${fileName}" is empty (Upload-Length: 0). Choose the file again; if it was still being saved, wait until it is.`, {
      fileName,
      errors: [{ field: 'Upload-Length', message: 'must be at least 1' }],
    });
  }
  if (length > maxBytes) throw tooLarge(maxBytes, fileName);
  return length;
}

/** The Upload-Offset of a PATCH: where the bytes it carries start in the file. */
export const uploadOffsetOf = (request: Request): number => byteCount(request, 'Upload-Offset', 'where the bytes of this request start in the file');

/** Upload-Metadata: `key base64value` pairs separated by commas; a key may come alone. */
const METADATA_KEY = /^[\x21-\x2b\x2d-\x7e]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Longest file name taken, in characters; the name kept is shortened further (MAX_FILE_NAME). */
const MAX_NAME_CHARS = 1000;

/**
 * The file name a creation's Upload-Metadata gives (`filename`, base64 of UTF-8, as tus-js-client
 * sends it), with its control characters dropped; any other key (`filetype` and the like) is
 * checked for form and otherwise ignored, since the type is decided from the bytes. A 400 naming
 * the header when it is malformed or names no file.
 */
export function fileNameOf(request: Request): string {
  const header = request.headers.get('upload-metadata');
  const refuse = (detail: string) => headerError('Upload-Metadata', detail, `Upload-Metadata ${detail}. Send it as tus-js-client does from metadata: { filename, filetype }.`);
  if (header === null) throw refuse('is required: it names the file (filename, base64-encoded)');
  const values = new Map<string, string>();
  for (const pair of header.split(',')) {
    const [key = '', value = '', ...rest] = pair.trim().split(' ');
    if (!METADATA_KEY.test(key) || rest.length > 0) throw refuse(`must be "key base64value" pairs separated by commas, and "${pair.trim().slice(0, 40)}" is not one`);
    if (values.has(key)) throw refuse(`names "${key.slice(0, 40)}" twice`);
    if (!BASE64.test(value)) throw refuse(`carries a value for "${key.slice(0, 40)}" that is not base64`);
    try {
      values.set(key, utf8.decode(Buffer.from(value, 'base64')));
    } catch {
      throw refuse(`carries a value for "${key.slice(0, 40)}" that is not base64 of UTF-8 text`);
    }
  }
  const name = values.get('filename')?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!name) throw refuse('names no file: give "filename" with the file’s name');
  if ([...name].length > MAX_NAME_CHARS) throw refuse(`gives a filename of more than ${MAX_NAME_CHARS} characters`);
  return name;
}

/** A time as HTTP headers carry it (RFC 9110 IMF-fixdate), as Upload-Expires must be. */
export const httpDate = (iso: string): string => new Date(iso).toUTCString();
