import type { Readable, Writable } from 'node:stream';

// Where uploaded files' bytes live. Kept to what an object store (S3, GCS, Azure Blob) does as
// well as a disk: write a new object under a key the storage picks, make it visible only once it
// is complete, read it back as a stream, delete it. No listing, no renaming of named objects, no
// paths: keys are generated ids, so nothing a client sends (a file name) ever names a location,
// and several API processes can share one bucket with no coordination but the database rows
// that point at the keys.

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
  stream: Readable;
  size: number;
}

export interface FileStorage {
  /** Starts a new object under a fresh key (on a disk: a temporary file; in a bucket: a multipart upload). */
  create(): Promise<WriteTarget>;
  /** The object's bytes, or null when there is no object under `key`. */
  open(key: string): Promise<StoredObject | null>;
  /** Deletes the object; deleting one that does not exist is not an error. */
  remove(key: string): Promise<void>;
}

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
