import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transaction } from 'kysely';
import type { UploadType } from '../../domain/constants.ts';
import { companyScope, type Principal } from '../auth/principal.ts';
import { writerOf } from '../auth/writer.ts';
import { findClaim } from '../claims/claims.repository.ts';
import { isUniqueViolation, type DB } from '../db/connect.ts';
import type { Database, UploadSessionRow } from '../db/database.ts';
import { addFiles, assertUploadable } from '../documents/documents.commands.ts';
import { findRequirement } from '../documents/documents.repository.ts';
import { drain, keep, QUICK_SNIFF_BYTES, receiveStream, SNIFF_BYTES, typeOfHead, type UploadDeps } from '../documents/upload.ts';
import { DocumentConflictError, DomainError, NotFoundError } from '../errors.ts';
import { record, type WriteDeps } from '../events/record.ts';
import { Problem, unavailable } from '../http/problem.ts';
import { newId, nowIso } from '../ids.ts';
import { adoptKeys, PendingKeyGoneError, releaseKeys, removeKeys } from '../storage/ledger.ts';
import type { FileStorage } from '../storage/storage.ts';
import { findUpload, findUploadByKey, listParts } from './uploads.repository.ts';

// A resumable upload's life: created with its length (the same checks as a multipart upload's,
// before a byte is sent), fed chunk by chunk, each chunk streamed into an object of its own and
// counted only once stored whole, then — with its last byte — read back as one stream through
// the multipart upload's receiver (hash, type from the bytes, thumbnail) and recorded by the same
// command (addFiles: the file row, the document's status, the events), in the transaction that
// marks the upload complete. Its chunks are deleted once it completes, is cancelled or expires.
//
// Every change of an upload's offset is a conditional update on the offset it started from, so
// two requests sent for one offset (a client retrying while its first attempt still streams, two
// tabs) never both count: the one that commits second finds the offset moved and keeps nothing.

type Trx = Transaction<Database>;

export interface UploadSessionDeps extends UploadDeps {
  /** UPLOAD_SESSION_TTL_MS: how long an upload waits for its next chunk before it expires. */
  uploadSessionTtlMs: number;
}

const later = (from: string, ms: number) => new Date(Date.parse(from) + ms).toISOString();

/** Uploads expired in one transaction. */
const BATCH = 200;

export const uploadExpired = () =>
  new Problem(
    'upload-expired',
    'This upload waited too long for its next chunk and was discarded, with what it had stored (UPLOAD_SESSION_TTL_MS). Start the upload again: POST to the document’s uploads.',
  );

function offsetMismatch(session: Pick<UploadSessionRow, 'received' | 'length' | 'status'>, sent: number): Problem {
  const stored = session.status === 'complete' ? session.length : session.received;
  return new Problem(
    'upload-offset-mismatch',
    session.status === 'complete'
      ? `This upload is complete: all ${stored} bytes are stored, and a chunk for offset ${sent} has nowhere to go. GET the upload’s URL for the file it became.`
      : `This chunk was sent for offset ${sent}, but the upload has ${stored} bytes stored: send the rest from byte ${stored} (a HEAD of the upload’s URL says where it stands).`,
    { offset: stored },
    { 'Upload-Offset': String(stored) },
  );
}

const pastTheEnd = (session: UploadSessionRow, size: number) =>
  new Problem(
    'content-too-large',
    `The upload is ${session.length} bytes long (Upload-Length) and ${session.received} are stored, so at most ${session.length - session.received} more fit; ` +
      `this chunk carries ${size} or more. Nothing of it was kept: send the rest from offset ${session.received}, no more than the file's length.`,
    { maxBytes: session.length - session.received },
  );

const cutShort = (session: UploadSessionRow) =>
  new Problem(
    'invalid-upload',
    `The request ended before its chunk did, so nothing of it was kept. Send the chunk again from offset ${session.received} (a HEAD of the upload’s URL says where it stands).`,
  );

/** Thrown inside a transaction whose upload no longer stands at the offset the request started from. */
class OffsetMoved extends Error {}

/** The caller's upload, unless it expired (410) or is not theirs or not there (404). */
export async function liveUpload(db: DB, caller: Principal, id: string, now = nowIso()): Promise<UploadSessionRow> {
  const session = await findUpload(db, caller, id);
  if (!session) throw new NotFoundError(`Upload ${id}`);
  if (session.status === 'expired' || (session.status === 'open' && session.expires_at <= now)) throw uploadExpired();
  return session;
}

/**
 * Starts an upload of `length` bytes named `fileName` to a document, after the multipart upload's
 * checks: the claim is the caller's to see (404), the document takes files (409). With an
 * `idempotencyKey`, a repeated creation — even one racing the first — answers the upload the first
 * made (`replayed`); the key reused for another file or document is a 422.
 */
export async function createUpload(
  deps: UploadSessionDeps,
  caller: Principal,
  claimId: string,
  requirementId: string,
  input: { length: number; fileName: string; idempotencyKey?: string | undefined },
): Promise<{ session: UploadSessionRow; replayed: boolean }> {
  const { db } = deps;
  const uploader = writerOf(caller);
  const claim = await findClaim(db, companyScope(caller), claimId);
  if (!claim) throw new NotFoundError(`Claim ${claimId}`);
  const requirement = await findRequirement(db, claim.id, requirementId);
  if (!requirement) throw new NotFoundError(`Document ${requirementId} of claim ${claim.reference}`);

  const earlier = async () => {
    if (input.idempotencyKey === undefined) return undefined;
    const found = await findUploadByKey(db, uploader, input.idempotencyKey);
    if (found && (found.claim_id !== claim.id || found.requirement_id !== requirement.id || found.length !== input.length)) {
      throw new Problem(
        'idempotency-key-reused',
        `This Idempotency-Key already started an upload ${found.claim_id !== claim.id ? 'to another claim' : found.requirement_id !== requirement.id ? 'to another document' : `of another file (${found.length} bytes)`}. ` +
          'Generate a new key for each upload, and send the same key only to retry creating that upload.',
      );
    }
    return found;
  };
  const found = await earlier();
  if (found) return { session: found, replayed: true };
  assertUploadable(claim, requirement);

  const now = nowIso();
  const session: UploadSessionRow = {
    id: newId('upl'),
    company_id: claim.company_id,
    claim_id: claim.id,
    requirement_id: requirement.id,
    user_id: uploader.userId,
    key_id: uploader.keyId,
    idempotency_key: input.idempotencyKey ?? null,
    file_name: input.fileName,
    length: input.length,
    received: 0,
    type: null,
    status: 'open',
    file_id: null,
    created_at: now,
    updated_at: now,
    expires_at: later(now, deps.uploadSessionTtlMs),
  };
  try {
    await record(deps, async (trx) => {
      await trx.insertInto('upload_sessions').values(session).execute();
    });
  } catch (error) {
    const winner = isUniqueViolation(error) ? await earlier() : undefined;
    if (winner) return { session: winner, replayed: true };
    throw error;
  }
  return { session, replayed: false };
}

/**
 * Stores a PATCH's bytes, sent for `offset`, and resolves to the upload as it now stands: further
 * on, or complete with the file it became. Refused before a byte is read when the offset is not
 * the one stored (409), the chunk is declared longer than what is missing (413) or the document no
 * longer takes files (409, and the upload is discarded); while it streams, when it goes past the
 * upload's length (413) or its first bytes are of a type uploads may not be (415, the upload
 * discarded). A chunk refused or cut off keeps nothing of itself.
 */
export async function appendChunk(deps: UploadSessionDeps, caller: Principal, id: string, offset: number, request: Request): Promise<UploadSessionRow> {
  const session = await liveUpload(deps.db, caller, id);
  if (session.status === 'complete') {
    // The last chunk again, from a client that never heard it was stored: it was.
    if (offset === session.length) return session;
    throw offsetMismatch(session, offset);
  }
  if (offset !== session.received) throw offsetMismatch(session, offset);
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > session.length - session.received) throw pastTheEnd(session, declared);

  const chunk = await ending(deps, session, async () => {
    // The document may have been accepted, or the claim filed, since the upload began.
    const claim = await findClaim(deps.db, companyScope(caller), session.claim_id);
    const requirement = claim && (await findRequirement(deps.db, claim.id, session.requirement_id));
    if (!claim || !requirement) throw new NotFoundError(`Document ${session.requirement_id}`);
    assertUploadable(claim, requirement);
    return readChunk(deps, session, request);
  });
  if (chunk === null) return session;
  if (session.received + chunk.size < session.length) return storePart(deps, caller, session, chunk);
  return complete(deps, caller, session, chunk);
}

/** Removes an upload and its stored chunks, whatever it stands at; a complete upload's file stays. */
export async function discardUpload(deps: UploadDeps, id: string): Promise<void> {
  const keys = await record(deps, async (trx) => {
    const parts = await trx.deleteFrom('upload_parts').where('session_id', '=', id).returning('storage_key').execute();
    await trx.deleteFrom('upload_sessions').where('id', '=', id).execute();
    const released = parts.map((part) => part.storage_key);
    await releaseKeys(trx, released);
    return released;
  });
  // Released to the ledger with their rows: its sweep deletes them should this fail.
  await Promise.all(keys.map((key) => deps.storage.remove(key).catch(() => {})));
}

/**
 * Runs a step of `session`'s upload; when the step refuses what the upload is (its type), or the
 * document no longer takes it, the upload is discarded with its chunks before the refusal is
 * answered: it could never complete.
 */
async function ending<T>(deps: UploadSessionDeps, session: UploadSessionRow, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const hopeless = error instanceof DocumentConflictError || error instanceof NotFoundError || (error instanceof Problem && error.code === 'file-type-not-allowed');
    if (hopeless) await discardUpload(deps, session.id);
    throw error;
  }
}

interface Chunk {
  key: string;
  size: number;
  /** The file's type, once the bytes so far show it. */
  type: UploadType | null;
}

/**
 * Streams the request's body into a new object in storage, counted against what the upload still
 * lacks, and, while the file's type is not known yet, judged from the file's first bytes (those
 * stored before included). Resolves to the stored chunk, or null for an empty body. On any refusal
 * or a body cut short the object goes, and the rest of the body is read and thrown away so that
 * the answer reaches the client.
 */
async function readChunk(deps: UploadSessionDeps, session: UploadSessionRow, request: Request): Promise<Chunk | null> {
  const { storage } = deps;
  const body = request.body;
  if (!body) return null;
  const head = session.type === null ? [await headOf(deps, session)] : [];
  const reader = body.getReader();
  const target = await storage.create();
  let size = 0;
  let type = session.type ?? undefined;
  let headBytes = head[0]?.length ?? 0;
  let looked = false;
  const whole = () => session.received + size === session.length;
  async function* checked() {
    for (;;) {
      const read = await reader.read().catch((error: unknown) => {
        // Past the body limit (a 413 already), or the client went away.
        throw error instanceof Problem ? error : cutShort(session);
      });
      if (read.done) break;
      size += read.value.byteLength;
      if (size > session.length - session.received) throw pastTheEnd(session, size);
      if (type === undefined) {
        head.push(Buffer.from(read.value.buffer, read.value.byteOffset, read.value.byteLength));
        headBytes += read.value.byteLength;
        if (headBytes >= SNIFF_BYTES || (!looked && headBytes >= QUICK_SNIFF_BYTES)) {
          looked = true;
          type = await typeOfHead(Buffer.concat(head), session.file_name, whole());
        }
      }
      yield read.value;
    }
    if (type === undefined && size > 0 && whole()) type = await typeOfHead(Buffer.concat(head), session.file_name, true);
  }
  try {
    await pipeline(Readable.from(checked()), target.stream);
    if (size === 0) {
      await target.abort();
      await storage.remove(target.key).catch(() => {});
      return null;
    }
    await target.commit();
    return { key: target.key, size, type: type ?? null };
  } catch (error) {
    await target.abort();
    await storage.remove(target.key).catch(() => {});
    await drain(reader);
    throw error;
  }
}

/** The file's first bytes as stored so far, up to what its type is judged from. */
async function headOf({ db, storage }: UploadSessionDeps, session: UploadSessionRow): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (const part of await listParts(db, session.id)) {
    if (bytes >= SNIFF_BYTES) break;
    const object = await storage.open(part.storage_key, { start: 0, end: Math.min(part.size, SNIFF_BYTES - bytes) - 1 });
    if (!object) throw new Error(`Chunk ${part.storage_key} of upload ${session.id} is missing from storage.`);
    for await (const chunk of object.stream as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      bytes += chunk.byteLength;
    }
  }
  return Buffer.concat(chunks);
}

/** Moves the upload on from the offset the request started at, or throws OffsetMoved when another got there first. */
async function moveOffset(trx: Trx, session: UploadSessionRow, changes: Partial<UploadSessionRow>): Promise<void> {
  const moved = await trx
    .updateTable('upload_sessions')
    .set(changes)
    .where('id', '=', session.id)
    .where('status', '=', 'open')
    .where('received', '=', session.received)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) throw new OffsetMoved();
}

/** Counts a chunk that does not finish the file: its key becomes the part row's. */
async function storePart(deps: UploadSessionDeps, caller: Principal, session: UploadSessionRow, chunk: Chunk): Promise<UploadSessionRow> {
  const now = nowIso();
  const changes = { received: session.received + chunk.size, type: chunk.type, updated_at: now, expires_at: later(now, deps.uploadSessionTtlMs) };
  try {
    await record(deps, async (trx) => {
      await moveOffset(trx, session, changes);
      await trx.insertInto('upload_parts').values({ session_id: session.id, first_byte: session.received, size: chunk.size, storage_key: chunk.key }).execute();
      await adoptKeys(trx, [chunk.key]);
    });
  } catch (error) {
    await deps.storage.remove(chunk.key).catch(() => {});
    throw await refusalAfter(deps, caller, session, error);
  }
  return { ...session, ...changes };
}

/**
 * The last chunk: the chunks stored, then this one, read back as one stream into the multipart
 * upload's receiver, and recorded as it records files, with the upload marked complete and its
 * part rows gone in the same transaction. All or nothing: a refusal at this point (the document
 * closed meanwhile) discards the upload; any other failure keeps it where it was before this
 * chunk, which is then sent again.
 */
async function complete(deps: UploadSessionDeps, caller: Principal, session: UploadSessionRow, chunk: Chunk): Promise<UploadSessionRow> {
  const { db, storage } = deps;
  const parts = await listParts(db, session.id);
  const keys = [...parts.map((part) => part.storage_key), chunk.key];
  const now = nowIso();
  const done = { status: 'complete' as const, received: session.length, type: chunk.type, updated_at: now, expires_at: later(now, deps.uploadSessionTtlMs) };
  let fileId = '';
  try {
    const requirement = await findRequirement(db, session.claim_id, session.requirement_id);
    const received = await receiveStream(Readable.from(partsInOrder(storage, keys)), session.file_name, {
      storage,
      maxBytes: deps.maxUploadBytes,
      fallbackName: requirement?.kind ?? 'document',
    });
    await keep(storage, [received], (stored) =>
      addFiles(deps, caller, session.claim_id, session.requirement_id, stored, undefined, async (trx, rows) => {
        fileId = rows[0]!.id;
        await moveOffset(trx, session, { ...done, file_id: fileId });
        await trx.deleteFrom('upload_parts').where('session_id', '=', session.id).execute();
        await releaseKeys(trx, parts.map((part) => part.storage_key));
      }),
    );
  } catch (error) {
    await storage.remove(chunk.key).catch(() => {});
    const refusal = await refusalAfter(deps, caller, session, error);
    if (refusal === error && (error instanceof DomainError || (error instanceof Problem && error.status < 500))) await discardUpload(deps, session.id);
    throw refusal;
  }
  // Released to the ledger with the upload's rows: its sweep deletes them should this fail.
  await Promise.all(keys.map((key) => storage.remove(key).catch(() => {})));
  return { ...session, ...done, file_id: fileId };
}

/** The stored objects under `keys`, one after another, as one stream of bytes. */
async function* partsInOrder(storage: FileStorage, keys: readonly string[]): AsyncGenerator<Buffer> {
  for (const key of keys) {
    const object = await storage.open(key);
    if (!object) throw new Error(`Chunk ${key} of an upload is missing from storage.`);
    yield* object.stream as AsyncIterable<Buffer>;
  }
}

/**
 * What a failed step of `session`'s upload answers: when the upload no longer stands where the
 * step started (another request moved it, it expired or was cancelled meanwhile), that — a 409
 * with the offset, a 410 or a 404 —, whatever the step's own failure was; otherwise that failure.
 */
async function refusalAfter(deps: UploadSessionDeps, caller: Principal, session: UploadSessionRow, error: unknown): Promise<unknown> {
  const now = await findUpload(deps.db, caller, session.id);
  if (!now) return new NotFoundError(`Upload ${session.id}`);
  if (now.status === 'expired') return uploadExpired();
  if (now.status !== 'open' || now.received !== session.received) return offsetMismatch(now, session.received);
  if (error instanceof OffsetMoved) return offsetMismatch(now, session.received);
  if (error instanceof PendingKeyGoneError) {
    return unavailable('This chunk took so long that it was cleared away before it could be counted (FILE_SWEEP_GRACE_MS). Nothing of it was kept: send it again.', 1);
  }
  return error;
}

/**
 * Expires the uploads left open past their `expires_at` — their chunks deleted, each remembered
 * as expired for another `ttlMs` — and forgets the finished ones remembered past theirs. Runs in
 * every process with the file sweep; idempotent, and safe in several at once. Resolves to the
 * uploads expired.
 */
export async function sweepUploads(deps: WriteDeps & { storage: FileStorage }, ttlMs: number, now = new Date()): Promise<number> {
  const at = now.toISOString();
  let expired = 0;
  for (;;) {
    const { sessions, keys } = await record(deps, async (trx) => {
      const due = trx.selectFrom('upload_sessions').select('id').where('status', '=', 'open').where('expires_at', '<=', at).orderBy('expires_at').limit(BATCH);
      // The conditions again on the update: a chunk stored meanwhile moved expires_at on.
      const ids = await trx
        .updateTable('upload_sessions')
        .set({ status: 'expired', updated_at: at, expires_at: later(at, ttlMs) })
        .where('id', 'in', due)
        .where('status', '=', 'open')
        .where('expires_at', '<=', at)
        .returning('id')
        .execute();
      if (ids.length === 0) return { sessions: 0, keys: [] };
      const parts = await trx.deleteFrom('upload_parts').where('session_id', 'in', ids.map((row) => row.id)).returning('storage_key').execute();
      await releaseKeys(trx, parts.map((part) => part.storage_key));
      return { sessions: ids.length, keys: parts.map((part) => part.storage_key) };
    });
    expired += sessions;
    await removeKeys(deps.db, deps.storage, keys);
    if (sessions < BATCH) break;
  }
  await deps.db.deleteFrom('upload_sessions').where('status', '<>', 'open').where('expires_at', '<=', at).execute();
  return expired;
}
