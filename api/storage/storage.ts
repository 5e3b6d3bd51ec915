import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';

// Where uploaded files' bytes live. Kept to what an object store (S3, GCS, Azure Blob) does as
// well as a disk: write a new object under a generated key, make it visible only once it is
// complete, read it back as a stream, delete it. No listing, no renaming of named objects, no
// paths: keys are generated ids, so nothing a client sends (a file name) ever names a location,
// and several API processes can share one bucket with no coordination but the database rows
// that point at the keys. Which keys have bytes no row owns is the database's to know too (the
// ledger in ledger.ts, in front of every storage the app writes to), never a listing's.

/** An object being written: invisible under `key` until `commit`; `abort` leaves nothing behind. */
export interface WriteTarget {
  /** The key the object will have once committed (generated; never derived from a name). */
  readonly key: string;
  /** Where the bytes go. Errors and backpressure as any Writable. */
  readonly stream: Writable;
  /** Makes the object visible under `key`; call after `stream` finished. */
  commit(): Promise<void>;
  /** Discards what was written. Safe to call more than once, and after a failed commit. */
  abort(): Promise<void>;
}

export interface StoredObject {
  /** The object's bytes, or only those of the range asked for. */
  stream: Readable;
  /** The whole object's size in bytes, even when the stream carries a range of it. */
  size: number;
}

/** Bytes `start` to `end` of an object, both included and both within it (as an HTTP Range, resolved). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStorage {
  /** Starts a new object under a fresh key (on a disk: a temporary file; in a bucket: a multipart upload). */
  create(): Promise<WriteTarget>;
  /**
   * The object's bytes, or only those of `range` (a resumed download: an object store's ranged
   * GET, a disk's positioned read); null when there is no object under `key`.
   */
  open(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Deletes the object; deleting one that does not exist is not an error. */
  remove(key: string): Promise<void>;
}

/** A storage the ledger writes through: it names the key, entered in the ledger before a byte is written. */
export interface KeyedStorage extends FileStorage {
  /** Starts a new object under `key` (from newStorageKey), or under a fresh key when none is given. */
  create(key?: string): Promise<WriteTarget>;
  /**
   * Resolves when the store answers and can be written (a disk: its directory; a bucket: the
   * bucket); rejects with what is wrong otherwise. The readiness check (/health/ready) calls it.
   */
  check(): Promise<void>;
}

/** A fresh storage key: random, URL- and path-safe, never derived from anything a client sends. */
export function newStorageKey(): string {
  return `f${randomBytes(18).toString('base64url')}`;
}

const STORAGE_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Whether `key` can be a storage key: never a path, so a key that is one names nothing in any store. */
export const isStorageKey = (key: string): boolean => STORAGE_KEY.test(key);

/** Stores `bytes` under a fresh key (small things: thumbnails). */
export async function putBytes(storage: FileStorage, bytes: Uint8Array): Promise<string> {
  const target = await storage.create();
  try {
    await new Promise<void>((resolve, reject) => {
      target.stream.once('error', reject);
      target.stream.end(bytes, () => resolve());
    });
    await target.commit();
    return target.key;
  } catch (error) {
    await target.abort();
    throw error;
  }
}
