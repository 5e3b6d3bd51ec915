import { Readable, Writable } from 'node:stream';
import { newStorageKey, type ByteRange, type KeyedStorage, type StoredObject, type WriteTarget } from './storage.ts';

/**
 * Objects in memory: for an app built without a data directory (tests that never upload). It
 * also shows how little the interface asks of a storage.
 */
export class MemoryStorage implements KeyedStorage {
  readonly objects = new Map<string, Buffer>();

  async create(key = newStorageKey()): Promise<WriteTarget> {
    const chunks: Buffer[] = [];
    let settled = false;
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const objects = this.objects;
    return {
      key,
      stream,
      async commit() {
        if (settled) throw new Error(`Object ${key} was already committed or aborted.`);
        settled = true;
        objects.set(key, Buffer.concat(chunks));
      },
      async abort() {
        settled = true;
        chunks.length = 0;
      },
    };
  }

  async open(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const bytes = this.objects.get(key);
    if (!bytes) return null;
    return { stream: Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]), size: bytes.length };
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async check(): Promise<void> {}
}
