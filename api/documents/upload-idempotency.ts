import type { Transaction } from 'kysely';
import { writtenBy, type Writer } from '../auth/writer.ts';
import { isUniqueViolation, type DB } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { badRequest, Problem } from '../http/problem.ts';
import { nowIso } from '../ids.ts';

// Uploads are repeated by clients that cannot tell whether an attempt was stored: a mobile link
// that drops after the last byte, a timeout while the server commits. Such a client sends the
// same `Idempotency-Key` again (draft-ietf-httpapi-idempotency-key-header), and gets what the
// first attempt stored instead of a second copy of the same bytes. A key belongs to its uploader
// (a person, a company key, the operator's key) and names one upload target (a claim's document, or its chat attachments); it is remembered
// for at least UPLOAD_KEY_RETENTION_MS.

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** How long a key is remembered: the periodic sweep forgets keys older than this. */
export const UPLOAD_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Visible ASCII, as in a UUID or any token a client generates; at most 255 characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** Where an upload went: a document of a claim, or (requirementId null) the claim's chat attachments. */
export interface UploadTarget {
  claimId: string;
  requirementId: string | null;
}

/** The OpenAPI description of the header, for both upload routes. */
export const idempotencyKeyParameter = {
  in: 'header' as const,
  name: IDEMPOTENCY_KEY_HEADER,
  required: false,
  description:
    'Makes a repeated upload safe: a retry with the same key (by the same user or API key, to the same document or conversation) answers 200 with what the first attempt stored, and stores nothing again. One new key per upload, e.g. a UUID; remembered for a day.',
  schema: { type: 'string' as const, minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/** The request's Idempotency-Key, or undefined without one; a 400 naming the header when it is malformed. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return undefined;
  if (!KEY.test(key)) {
    throw badRequest(`The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 visible ASCII characters (a UUID, say), generated once per upload and sent again with each retry of it.`, {
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
  return key;
}

/**
 * The files an earlier upload with this key stored, when there was one; a 422 when that upload
 * went elsewhere (the key was reused for another upload: the client should generate a new one).
 */
async function earlierUpload(db: DB, uploader: Writer, key: string, target: UploadTarget): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('upload_requests')
    .select(['claim_id', 'requirement_id', 'file_ids'])
    .where(writtenBy('user_id', 'key_id', uploader))
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.claim_id !== target.claimId || row.requirement_id !== target.requirementId) {
    throw new Problem(
      'idempotency-key-reused',
      `This ${IDEMPOTENCY_KEY_HEADER} was already used for an upload ${row.claim_id !== target.claimId ? 'to another claim' : 'to another document'}. Generate a new key for each upload, and send the same key only to retry that upload.`,
    );
  }
  return JSON.parse(row.file_ids) as string[];
}

/**
 * Runs an upload once per Idempotency-Key: with a key an earlier upload stored, `replay` answers
 * with its files and `upload` never runs (nor reads the body); when `upload` loses a race to the
 * same key's first attempt (its record fails unique), `replay` answers with the winner's files.
 * Without a key, `upload` simply runs.
 */
export async function uploadOnce<Stored, Replayed>(
  db: DB,
  uploader: Writer,
  key: string | undefined,
  target: UploadTarget,
  { upload, replay }: { upload: () => Promise<Stored>; replay: (fileIds: string[]) => Promise<Replayed> },
): Promise<Stored | Replayed> {
  if (key === undefined) return upload();
  const earlier = await earlierUpload(db, uploader, key, target);
  if (earlier) return replay(earlier);
  try {
    return await upload();
  } catch (error) {
    const winner = isUniqueViolation(error) ? await earlierUpload(db, uploader, key, target) : undefined;
    if (winner) return replay(winner);
    throw error;
  }
}

/** Remembers an upload under its key, in the transaction that records its files. */
export async function rememberUpload(trx: Transaction<Database>, uploader: Writer, key: string, target: UploadTarget, fileIds: readonly string[]): Promise<void> {
  await trx
    .insertInto('upload_requests')
    .values({ user_id: uploader.userId, key_id: uploader.keyId, idempotency_key: key, claim_id: target.claimId, requirement_id: target.requirementId, file_ids: JSON.stringify(fileIds), created_at: nowIso() })
    .execute();
}

/** Forgets keys older than the retention; resolves to how many. */
export async function forgetUploadKeys(db: DB, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('upload_requests')
    .where('created_at', '<', new Date(now - UPLOAD_KEY_RETENTION_MS).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
