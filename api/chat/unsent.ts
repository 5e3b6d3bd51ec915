import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import { writtenBy, type Writer } from '../auth/writer.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { record, type WriteDeps } from '../events/record.ts';
import { Problem } from '../http/problem.ts';
import { keysOf, releaseKeys } from '../storage/ledger.ts';

// Attachments uploaded and not sent yet are their uploader's alone, and nothing else bounds
// them: a client that uploads and never sends would fill the disk. So each uploader (a person, a
// company key, the operator's key) may have only so many waiting (count and bytes, over every
// claim), and what waits too long is removed.

/** How many files, and how many bytes, one person may have uploaded and not sent at once. */
export interface UnsentLimit {
  files: number;
  bytes: number;
}

/** Files expired in one transaction. */
const BATCH = 200;

type Executor = DB | Transaction<Database>;

const unsent = (eb: ExpressionBuilder<Database, 'files'>) => eb.and([eb('requirement_id', 'is', null), eb('message_id', 'is', null)]);

/** The files `uploader` uploaded to send with a message and has not sent yet, and their bytes. */
export async function unsentOf(db: Executor, uploader: Pick<Writer, 'userId' | 'keyId'>): Promise<UnsentLimit> {
  const row = await db
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll<number | string>().as('files'), eb.fn.coalesce(eb.fn.sum<number | string>('size'), sql.lit(0)).as('bytes')])
    .where(writtenBy('uploaded_by_id', 'uploaded_by_key_id', uploader))
    .where(unsent)
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

/**
 * Refuses (409) an upload of `adding` files and bytes that would take `uploader` past `limit`. In
 * a transaction on PostgreSQL the uploader's count is locked first (an advisory lock on who it is),
 * so that two uploads at once cannot each see room for themselves only (SQLite's writes run one
 * at a time anyway).
 */
export async function assertRoomForUnsent(db: Executor, uploader: Pick<Writer, 'userId' | 'keyId'>, limit: UnsentLimit, adding: UnsentLimit): Promise<void> {
  if (db.isTransaction && isPostgres(db)) {
    const who = `unsent attachments of ${uploader.userId ?? uploader.keyId ?? 'the operator'}`;
    await sql`select pg_advisory_xact_lock(hashtextextended(${who}, 0))`.execute(db);
  }
  const held = await unsentOf(db, uploader);
  if (held.files + adding.files <= limit.files && held.bytes + adding.bytes <= limit.bytes) return;
  const waiting = `${held.files} file${held.files === 1 ? '' : 's'} (${mebibytes(held.bytes)})`;
  throw new Problem(
    'too-many-unsent-files',
    `You have ${waiting} uploaded to send with a message and not sent yet, and one person (or API key) may have at most ${limit.files} files or ${mebibytes(limit.bytes)} waiting` +
      `${adding.files > 1 ? `: these ${adding.files} files do not fit` : ''}. Send them with a message, or remove those you do not need (DELETE /files/{id}), then upload again.`,
    { unsentFiles: held.files, unsentBytes: held.bytes, maxUnsentFiles: limit.files, maxUnsentBytes: limit.bytes },
  );
}

const mebibytes = (bytes: number) => `${+(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Removes the attachments uploaded at least `olderThanMs` before `now` and still not sent: their
 * rows go, and their keys to the storage ledger, whose sweep deletes the bytes. Never announced,
 * so nothing else changes. Idempotent, and safe in several processes at once (a file being sent
 * meanwhile is left alone). Resolves to the number of files removed.
 */
export async function expireUnsentAttachments(deps: WriteDeps, olderThanMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
  let expired = 0;
  for (;;) {
    const removed = await record(deps, async (trx) => {
      const rows = await trx
        .deleteFrom('files')
        .where('id', 'in', (eb) => eb.selectFrom('files').select('id').where(unsent).where('uploaded_at', '<', cutoff).orderBy('uploaded_at').limit(BATCH))
        .where(unsent)
        .returning(['storage_key', 'thumbnail_key'])
        .execute();
      await releaseKeys(trx, keysOf(rows));
      return rows.length;
    });
    expired += removed;
    if (removed < BATCH) return expired;
  }
}
