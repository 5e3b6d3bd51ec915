import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { nowIso } from '../ids.ts';
import { newStorageKey, type FileStorage, type KeyedStorage, type WriteTarget } from './storage.ts';

// Files: row and bytes agree (DESIGN.md), kept above the storage interface so that a disk and an
// object store get it alike, and no bucket is ever listed. `storage_pending` is the ledger of keys
// whose bytes no files row owns: a key is entered, committed, before a byte is written under it;
// the transaction that inserts its files row adopts it (takes it out); the one that deletes the
// row releases it (puts it back). So after any crash every key with bytes is either named by a row
// or in the ledger, and the sweep removes the bytes of ledger keys older than the longest request.
//
// Deleting bytes is two steps, each idempotent: the entry is marked `removing_at`, then the bytes
// go, then the entry. A marked key can no longer be adopted, so a row never commits naming bytes
// a sweep is deleting; an upload slow enough to lose that race fails, and is sent again.

type Trx = Transaction<Database>;

/** Keys read, marked and removed at a time. */
const BATCH = 200;

/** A files row was to adopt a key the sweep had started removing: the upload outlived FILE_SWEEP_GRACE_MS. */
export class PendingKeyGoneError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`Storage keys ${keys.join(', ')} were swept before a row adopted them.`);
  }
}

/**
 * The storage the app writes through: each object it creates is entered in the ledger first;
 * `remove` deletes only bytes no row owns. Reads go straight to `store`.
 */
export class LedgeredStorage implements FileStorage {
  constructor(
    readonly db: DB,
    readonly store: KeyedStorage,
  ) {}

  async create(): Promise<WriteTarget> {
    const key = newStorageKey();
    await this.db.insertInto('storage_pending').values({ key, created_at: nowIso(), removing_at: null }).execute();
    return this.store.create(key);
  }

  open: FileStorage['open'] = (...args) => this.store.open(...args);

  /**
   * Deletes the bytes under `key` when no files row owns them (a row that did not commit, or was
   * deleted); a key a row owns is left alone. The ledger's sweep finishes what a crash cut short.
   */
  async remove(key: string): Promise<void> {
    await removeKeys(this.db, this.store, [key]);
  }
}

/**
 * Deletes the bytes under `keys` that no files row owns, now rather than at the sweep (keys just
 * released, whose rows are gone); a key a row owns is left alone.
 */
export async function removeKeys(db: DB, store: FileStorage, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const { failure } = await removeUnowned(db, store, keys, nowIso());
  if (failure !== undefined) throw failure;
}

/**
 * Takes `keys` out of the ledger in the transaction that inserts the files rows naming them.
 * Throws PendingKeyGoneError, failing that transaction, when one is not there to take: the sweep
 * has started removing its bytes.
 */
export async function adoptKeys(trx: Trx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const taken = await trx.deleteFrom('storage_pending').where('key', 'in', keys).where('removing_at', 'is', null).returning('key').execute();
  if (taken.length !== new Set(keys).size) {
    const gone = keys.filter((key) => !taken.some((row) => row.key === key));
    throw new PendingKeyGoneError(gone);
  }
}

/** Puts `keys` back in the ledger in the transaction that deletes the files rows naming them. */
export async function releaseKeys(trx: Trx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const now = nowIso();
  await trx
    .insertInto('storage_pending')
    .values(keys.map((key) => ({ key, created_at: now, removing_at: null })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** The storage and thumbnail keys of files rows. */
export const keysOf = (rows: ReadonlyArray<{ storage_key: string; thumbnail_key: string | null }>): string[] =>
  rows.flatMap((row) => [row.storage_key, ...(row.thumbnail_key ? [row.thumbnail_key] : [])]);

/**
 * Deletes the bytes of every ledger key entered at least `graceMs` before `now` (the longest a
 * request may take, so no upload is still writing them), then their entries; resolves to the
 * number of keys whose bytes were deleted. Idempotent, and safe in several processes at once.
 */
export async function sweepPendingKeys(db: DB, store: FileStorage, graceMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - graceMs).toISOString();
  let removed = 0;
  let failure: unknown;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('storage_pending')
      .select('key')
      .where('created_at', '<=', cutoff)
      .where('key', '>', after)
      .orderBy('key')
      .limit(BATCH)
      .execute();
    if (page.length > 0) {
      const result = await removeUnowned(db, store, page.map((row) => row.key), now.toISOString());
      removed += result.removed;
      failure ??= result.failure;
    }
    if (page.length < BATCH) break;
    after = page.at(-1)!.key;
  }
  // One object the storage will not delete must not keep the others: it is retried next time.
  if (failure !== undefined) throw failure;
  return removed;
}

/**
 * Marks the ledger entries of `keys` that no files row names as being removed, deletes their
 * bytes, then their entries. A key no longer in the ledger (adopted meanwhile) is left alone; one
 * a row names although it is in the ledger (recorded by a path that did not adopt it) is taken as
 * owned: its entry goes, its bytes stay. A failed delete leaves its entry marked, for the next sweep.
 */
async function removeUnowned(db: DB, store: FileStorage, keys: readonly string[], now: string): Promise<{ removed: number; failure: unknown }> {
  const named = (column: 'storage_key' | 'thumbnail_key') =>
    sql<boolean>`exists (select 1 from files where files.${sql.ref(column)} = storage_pending.key)`;
  const marked = await db
    .updateTable('storage_pending')
    .set({ removing_at: now })
    .where('key', 'in', keys)
    .where((eb) => eb.not(eb.or([named('storage_key'), named('thumbnail_key')])))
    .returning('key')
    .execute();
  if (marked.length < keys.length) {
    await db
      .deleteFrom('storage_pending')
      .where('key', 'in', keys)
      .where((eb) => eb.or([named('storage_key'), named('thumbnail_key')]))
      .execute();
  }
  if (marked.length === 0) return { removed: 0, failure: undefined };
  const results = await Promise.allSettled(marked.map(({ key }) => store.remove(key)));
  const removed = marked.filter((_, i) => results[i]!.status === 'fulfilled').map((row) => row.key);
  if (removed.length > 0) await db.deleteFrom('storage_pending').where('key', 'in', removed).execute();
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  return { removed: removed.length, failure: failed?.reason };
}
