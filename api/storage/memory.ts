import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type { FileStorage, StoredObject, WriteTarget } from './storage.ts';

/**
 * Objects in memory: for an app built without a data directory (tests that never upload). It
 * also shows how little the interface asks of a storage.
 */
export class MemoryStorage implements FileStorage {
  readonly objects = new Map<string, Buffer>();

  async create(): Promise<WriteTarget> {
    const key = `m${randomBytes(18).toString('base64url')}`;
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

  async open(key: string): Promise<StoredObject | null> {
    const bytes = this.objects.get(key);
    return bytes ? { stream: Readable.from([bytes]), size: bytes.length } : null;
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
  }
}
