import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { fileTypeFromBuffer, type FileTypeResult } from 'file-type';
import { UPLOAD_TYPES, type UploadType } from '../../domain/constants.ts';
import { Problem, unavailable } from '../http/problem.ts';
import type { FileStorage, WriteTarget } from '../storage/storage.ts';
import type { Transaction } from 'kysely';
import type { Writer } from '../auth/writer.ts';
import type { Database, FileRow } from '../db/database.ts';
import type { WriteDeps } from '../events/record.ts';
import { adoptKeys, keysOf, PendingKeyGoneError, releaseKeys } from '../storage/ledger.ts';
import { newId, nowIso } from '../ids.ts';
import { sanitizeFileName } from './file-name.ts';
import { makeThumbnail } from './thumbnail.ts';

// A multipart/form-data upload, streamed: each `file` part goes through busboy straight to a
// storage write target, hashed and counted on the way, its type decided from its first bytes.
// Nothing holds a whole file in memory, and nothing becomes visible in storage until every part
// arrived whole and was accepted; any refusal discards every part of the request.

/** The form field that carries files; several parts of that name upload several files at once. */
export const FILE_FIELD = 'file';
/** Files one request may carry. */
export const MAX_FILES_PER_REQUEST = 10;
/**
 * How much of a file's start its type is decided from: most types show within the first 4 KiB,
 * where an executable is refused before more of it is read; a zip (which office documents are)
 * shows what it holds in its first entries, which writers put first.
 */
export const QUICK_SNIFF_BYTES = 4100;
export const SNIFF_BYTES = 256 * 1024;
/** How long a refused upload's remaining body is read (and thrown away) before answering. */
const DRAIN_MS = 5_000;

export const ALLOWED_TYPES = Object.keys(UPLOAD_TYPES) as UploadType[];
const allowedList = () => ALLOWED_TYPES.map((type) => `${type} (.${UPLOAD_TYPES[type].join(', .')})`).join(', ');

/** What the routes that take and serve files run on: the write path, the storage, the per-file limit. */
export interface UploadDeps extends WriteDeps {
  storage: FileStorage;
  /** MAX_UPLOAD_BYTES. */
  maxUploadBytes: number;
}

/** One file received whole and accepted, written to storage but not yet committed. */
export interface ReceivedFile {
  target: WriteTarget;
  name: string;
  size: number;
  type: UploadType;
  sha256: string;
}

export interface ReceiveOptions {
  storage: FileStorage;
  /** MAX_UPLOAD_BYTES: the largest one file may be. */
  maxBytes: number;
  /** Names a file whose own name has nothing usable left. */
  fallbackName: string;
}

export const tooLarge = (maxBytes: number, name?: string) =>
  new Problem(
    'file-too-large',
    `${name ? `The file "${name}" is` : 'A file is'} larger than ${describeBytes(maxBytes)}, the largest upload this server takes (MAX_UPLOAD_BYTES). ` +
      'Send a smaller file: scan at a lower resolution, or split a long document into several files.',
    { maxBytes, ...(name ? { fileName: name } : {}) },
  );

/** A form that is not the upload this API takes: a developer's mistake, shown to them. */
const uploadProblem = (detail: string) => new Problem('invalid-upload', detail, { errors: [{ field: FILE_FIELD, message: detail }] });

/**
 * Reads a multipart/form-data request's `file` parts into storage (uncommitted) and returns them.
 * Throws a problem — after discarding every part written, and after reading what is left of the
 * body so the connection can carry the answer and the next request — when the body is not
 * multipart, is malformed, carries no file or another field, a file is empty, over `maxBytes` or
 * of a type not in UPLOAD_TYPES (judged from its bytes, never its name or declared type).
 */
export async function receiveFiles(request: Request, options: ReceiveOptions): Promise<ReceivedFile[]> {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== 'multipart/form-data') {
    throw new Problem(
      'unsupported-media-type',
      `Upload files as multipart/form-data, one "${FILE_FIELD}" part per file${contentType ? ` (not ${contentType.slice(0, 100)})` : ''}. A browser does it with FormData.`,
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      // One more byte than the limit: busboy reports reaching its limit, and a file of exactly MAX_UPLOAD_BYTES is allowed.
      limits: { fileSize: options.maxBytes + 1, files: MAX_FILES_PER_REQUEST, fields: 20, parts: MAX_FILES_PER_REQUEST + 20, fieldSize: 64 * 1024 },
    });
  } catch {
    throw uploadProblem('The Content-Type multipart/form-data names no boundary. Let the HTTP client (FormData) set the Content-Type itself.');
  }
  const body = request.body;
  if (!body) throw uploadProblem(`The request has no body: send the file as a "${FILE_FIELD}" part.`);

  let failure: unknown;
  let onFailure: () => void = () => {};
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = error;
    onFailure();
  };
  const targets: WriteTarget[] = [];
  const files: Array<Promise<ReceivedFile | undefined>> = [];

  // busboy's types say a part's name is a string; a part with `name=""` has none at all.
  const shown = (name: string | undefined) => (name ?? '').slice(0, 100);
  parser.on('file', (name, stream, info) => {
    // Once the request is refused the parser is destroyed, and busboy errors every file stream it
    // was still feeding ("Unexpected end of file"). That error belongs to a request already
    // answered by `failure`; with no listener it would be thrown, and end the process.
    stream.on('error', () => {});
    if (failure !== undefined) return void stream.resume();
    if (name !== FILE_FIELD) {
      fail(uploadProblem(`The form carries a file in a part named "${shown(name)}"; send each file as a part named "${FILE_FIELD}".`));
      return void stream.resume();
    }
    files.push(
      receiveOne(stream, info.filename, options, targets, fail).catch((error: unknown) => {
        fail(error);
        stream.resume();
        return undefined;
      }),
    );
  });
  parser.on('field', (name) =>
    fail(
      uploadProblem(
        name === FILE_FIELD
          ? `The "${FILE_FIELD}" part carries no file name, so it reads as a text field: send it as a file (FormData.append('${FILE_FIELD}', file)).`
          : `The form has a field "${shown(name)}" this upload does not take: send only "${FILE_FIELD}" parts.`,
      ),
    ),
  );
  parser.on('filesLimit', () => fail(uploadProblem(`At most ${MAX_FILES_PER_REQUEST} files go in one request; send the rest in another.`)));
  parser.on('partsLimit', () => fail(uploadProblem(`The form has too many parts: send at most ${MAX_FILES_PER_REQUEST} "${FILE_FIELD}" parts.`)));
  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    // `on`, not `once`: busboy may report a malformed body twice (as it finds it, and again when destroyed).
    parser.on('error', (error: Error) => {
      fail(uploadProblem(`The multipart/form-data body is malformed (${error.message.toLowerCase()}). Send it as a browser's FormData would.`));
      resolve();
    });
  });

  const reader = body.getReader();
  try {
    while (failure === undefined) {
      const { done, value } = await reader.read();
      if (done) {
        parser.end();
        break;
      }
      if (!parser.write(value)) await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), failed, parsed]);
    }
    if (failure === undefined) await Promise.race([parsed, failed]);
  } catch (error) {
    // The body itself failed: over the size limit (a 413 Problem from limitBody), or the client went away.
    fail(error instanceof Problem ? error : uploadProblem('The request body ended before the upload was complete. Send it again.'));
  }
  // Ends the file streams still waiting for bytes that will not come.
  if (failure !== undefined) parser.destroy();
  const received = await Promise.all(files);

  if (failure === undefined && received.length === 0) fail(uploadProblem(`The form carries no file: send at least one part named "${FILE_FIELD}" with a file name.`));
  if (failure !== undefined) {
    await Promise.all(targets.map((target) => target.abort()));
    await drain(reader);
    throw failure;
  }
  return received as ReceivedFile[];
}

/**
 * One file from a stream of its bytes (a resumable upload's parts, one after another), received
 * as a multipart part is: hashed, counted, typed from its bytes, written to storage uncommitted.
 * When it throws, nothing it wrote is left in storage.
 */
export async function receiveStream(stream: Readable, rawName: string, options: ReceiveOptions): Promise<ReceivedFile> {
  const targets: WriteTarget[] = [];
  try {
    return await receiveOne(stream, rawName, options, targets, () => {});
  } catch (error) {
    await Promise.all(targets.map((target) => target.abort()));
    await Promise.all(targets.map((target) => options.storage.remove(target.key).catch(() => {})));
    throw error;
  }
}

async function receiveOne(
  stream: Readable & { truncated?: boolean },
  rawName: string | undefined,
  { storage, maxBytes, fallbackName }: ReceiveOptions,
  targets: WriteTarget[],
  fail: (error: unknown) => void,
): Promise<ReceivedFile> {
  const shownName = (rawName ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
  // Fail at once, rather than when the part ends: the rest of the body is not worth storing.
  stream.on('limit', () => fail(tooLarge(maxBytes, shownName)));
  const target = await storage.create();
  targets.push(target);

  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  let type: UploadType | undefined;
  let quickLook = true;
  const inspect = new Transform({
    async transform(chunk: Buffer, _encoding, callback) {
      try {
        hash.update(chunk);
        size += chunk.length;
        if (type === undefined) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES || (quickLook && headBytes >= QUICK_SNIFF_BYTES)) {
            quickLook = false;
            type = await typeOfHead(Buffer.concat(head), shownName, false);
            if (type !== undefined) head = [];
          }
        }
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    async flush(callback) {
      try {
        if (size > maxBytes) throw tooLarge(maxBytes, shownName);
        if (size === 0) throw new Problem(
            'empty-file',
            `The file "${shownName}" is empty (0 bytes). Choose the file again; if it was still being saved, wait until it is.`,
            { fileName: shownName, errors: [{ field: FILE_FIELD, message: 'is empty (0 bytes)' }] },
          );
        type ??= await typeOfHead(Buffer.concat(head), shownName, true);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  await pipeline(stream, inspect, target.stream);
  if (stream.truncated) throw tooLarge(maxBytes, shownName);
  return { target, name: sanitizeFileName(rawName, type!, fallbackName), size, type: type!, sha256: hash.digest('hex') };
}

/**
 * The type a file's first bytes show once they are enough to tell, as an upload streams in: a
 * type that shows in the first 4 KiB is decided there (a zip waits for its first entries), any
 * other at 256 KiB, or with whatever there is when `whole` (the file ends here). Undefined while
 * more is needed; a 415 naming what the bytes are when uploads may not be of it.
 */
export async function typeOfHead(head: Buffer, name: string, whole: boolean): Promise<UploadType | undefined> {
  if (whole || head.length >= SNIFF_BYTES) return allowedType(head, name);
  if (head.length < QUICK_SNIFF_BYTES) return undefined;
  const detected = await detect(head);
  return detected && detected.mime !== 'application/zip' ? allowedType(head, name, detected) : undefined;
}

/** The type `bytes` (a file's start) show, when uploads may be of it; a 415 naming it otherwise. */
async function allowedType(bytes: Buffer, name: string, known?: FileTypeResult): Promise<UploadType> {
  const detected = known ?? (await detect(bytes));
  if (detected && detected.mime in UPLOAD_TYPES) return detected.mime as UploadType;
  const what = detected ? `${detected.mime} (.${detected.ext})` : 'of a type that cannot be recognised';
  throw new Problem(
    'file-type-not-allowed',
    `The file "${name}" is ${what}, judged from its content rather than its name. Upload one of: ${allowedList()}.`,
    { fileName: name, detectedType: detected?.mime ?? null, allowedTypes: ALLOWED_TYPES },
  );
}

const detect = (bytes: Buffer) => fileTypeFromBuffer(bytes).catch(() => undefined);

/**
 * Reads what is left of a refused request's body, and throws it away, so that the answer reaches
 * the client and the keep-alive connection stays usable. Bounded: the body limit bounds the
 * bytes (MAX_UPLOAD_BYTES and its envelope), DRAIN_MS the time; past that the body is cancelled.
 */
export async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), DRAIN_MS);
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) return;
    }
  } catch {
    // errored (over the limit, client gone) or cancelled: nothing more to read
  } finally {
    clearTimeout(timer);
  }
}

/** The OpenAPI request body of an upload: one or several `file` parts. */
export function multipartFiles() {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          properties: {
            [FILE_FIELD]: {
              type: 'array' as const,
              // `format: binary` is what generators (openapi-typescript's Blob transform, openapi-generator) map to a file type.
              items: { type: 'string' as const, format: 'binary', contentMediaType: 'application/octet-stream' },
              minItems: 1,
              maxItems: MAX_FILES_PER_REQUEST,
              description: 'The files, each as a part with a file name.',
            },
          },
          required: [FILE_FIELD],
          additionalProperties: false,
        },
        encoding: { [FILE_FIELD]: { contentType: Object.keys(UPLOAD_TYPES).join(', ') } },
      },
    },
  };
}

/** A file already in storage (committed), to be recorded: against a requirement, or as an attachment. */
export interface StoredFile {
  name: string;
  size: number;
  type: string;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
}

/**
 * The row that records a stored file: a document's (`requirementId`) or an attachment not sent
 * yet (null), uploaded by `uploader` to the claim.
 */
export function fileRow(
  file: StoredFile,
  claim: { id: string; company_id: string },
  uploader: Writer,
  requirementId: string | null,
): FileRow {
  return {
    id: newId('fil'),
    requirement_id: requirementId,
    message_id: null,
    claim_id: claim.id,
    company_id: claim.company_id,
    name: file.name,
    size: file.size,
    type: file.type,
    sha256: file.sha256,
    storage_key: file.storageKey,
    thumbnail_key: file.thumbnailKey,
    uploaded_by_id: uploader.userId,
    uploaded_by_key_id: uploader.keyId,
    uploaded_by_kind: uploader.kind,
    uploaded_by_name: uploader.name,
    uploaded_at: nowIso(),
    rejected_at: null,
    rejection_reason: null,
    rejected_by_id: null,
    rejected_by_name: null,
  };
}

/**
 * Commits received files to storage, with thumbnails, and records them. Each key was entered in
 * the storage ledger before its bytes were written (LedgeredStorage), and `recordFiles` adopts it
 * in the transaction that inserts its row (insertFiles): wherever a crash cuts this short, the
 * bytes are a row's or the sweep's. When recording fails, the bytes go now rather than at the
 * sweep (removing leaves a row's bytes alone, should the failure come after the commit).
 */
export async function keep<T>(storage: FileStorage, received: readonly ReceivedFile[], recordFiles: (stored: StoredFile[]) => Promise<T>): Promise<T> {
  const thumbnails: string[] = [];
  try {
    const stored: StoredFile[] = [];
    for (const file of received) await file.target.commit();
    for (const file of received) {
      const thumbnailKey = await makeThumbnail(storage, file.target.key, file.type);
      if (thumbnailKey) thumbnails.push(thumbnailKey);
      stored.push({ name: file.name, size: file.size, type: file.type, sha256: file.sha256, storageKey: file.target.key, thumbnailKey });
    }
    return await recordFiles(stored);
  } catch (error) {
    await Promise.all(received.map((file) => file.target.abort()));
    const keys = [...received.map((file) => file.target.key), ...thumbnails];
    await Promise.all(keys.map((key) => storage.remove(key).catch(() => {})));
    if (error instanceof PendingKeyGoneError) {
      throw unavailable(
        'The upload took so long that its files were cleared away before they could be recorded (FILE_SWEEP_GRACE_MS). Nothing was kept: send it again.',
        1,
      );
    }
    throw error;
  }
}

/** Inserts files rows; their storage keys leave the storage ledger in the same transaction, now a row's. */
export async function insertFiles(trx: Transaction<Database>, rows: readonly FileRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('files').values([...rows]).execute();
  await adoptKeys(trx, keysOf(rows));
}

/**
 * Deletes files rows; their storage keys go back to the storage ledger in the same transaction,
 * so the bytes are deleted once it committed (by whoever asked, or else by the sweep).
 */
export async function deleteFiles(trx: Transaction<Database>, rows: ReadonlyArray<Pick<FileRow, 'id' | 'storage_key' | 'thumbnail_key'>>): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .deleteFrom('files')
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  await releaseKeys(trx, keysOf(rows));
}

function describeBytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  const kib = bytes / 2 ** 10;
  const human = mib >= 1 ? `${+mib.toFixed(1)} MiB` : kib >= 1 ? `${+kib.toFixed(1)} KiB` : null;
  return human ? `${human} (${bytes} bytes)` : `${bytes} bytes`;
}
