import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { testStores } from '../testing/storages.ts';
import { LocalDiskStorage } from './local-disk.ts';
import { MemoryStorage } from './memory.ts';
import { S3Storage } from './s3.ts';
import { newStorageKey, putBytes, type FileStorage, type WriteTarget } from './storage.ts';

const stores = testStores('storage');
const diskStorage = stores.disk;

const write = (stream: NodeJS.WritableStream, data: string) => new Promise<void>((resolve, reject) => {
  stream.once('error', reject);
  stream.end(data, () => resolve());
});

/** Whether an object of the test bucket has `key` (under whatever prefix). */
const inBucket = async (key: string) => (await stores.s3.keys()).some((name) => name.endsWith(key));

for (const [name, make] of [
  ['LocalDiskStorage', diskStorage],
  ['MemoryStorage', () => new MemoryStorage()],
  ['S3Storage', () => stores.s3.storage('contract')],
] as const) {
  describe(`the storage contract: ${name}`, () => {
    it('shows an object only once committed, reads it back, removes it', async () => {
      const storage: FileStorage = make();
      const target = await storage.create();
      await write(target.stream, 'hola, mundo');
      assert.equal(await storage.open(target.key), null, 'invisible before commit');
      await target.commit();
      const object = await storage.open(target.key);
      assert.equal(object?.size, 11);
      assert.equal(await text(object!.stream), 'hola, mundo');
      await storage.remove(target.key);
      assert.equal(await storage.open(target.key), null);
      await storage.remove(target.key); // not an error
    });

    it('leaves nothing behind an aborted object, and generates a fresh key each time', async () => {
      const storage = make();
      const target = await storage.create();
      target.stream.write('half');
      await target.abort();
      await target.abort();
      assert.equal(await storage.open(target.key), null);
      const key = await putBytes(storage, new Uint8Array([1, 2, 3]));
      assert.notEqual(key, target.key);
      assert.equal((await storage.open(key))?.size, 3);
      if (storage instanceof LocalDiskStorage) {
        const files = readdirSync(storage.root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
        assert.equal(files.length, 1, 'the committed object only: no temporary file');
      }
      if (storage instanceof S3Storage) {
        assert.equal(await inBucket(target.key), false);
        assert.deepEqual(stores.s3.openUploads(), [], 'no multipart upload left open');
      }
    });

    it('writes under the key it is given, and removing the key takes a write that never committed too', async () => {
      const storage = make();
      const key = newStorageKey();
      const target = await storage.create(key);
      assert.equal(target.key, key);
      await write(target.stream, 'cut short by a crash');
      await storage.remove(key);
      assert.equal(await storage.open(key), null);
      if (storage instanceof LocalDiskStorage) {
        const files = readdirSync(storage.root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
        assert.deepEqual(files, [], 'the temporary file went with its key');
      }
      if (storage instanceof S3Storage) {
        assert.equal(await inBucket(key), false);
        assert.deepEqual(stores.s3.openUploads(), []);
      }
    });

    it('names nothing outside itself: a key that is a path opens nothing and removes nothing', async () => {
      const storage = make();
      for (const key of ['../../etc/passwd', '/etc/passwd', '..', '']) {
        assert.equal(await storage.open(key), null, key);
        await storage.remove(key);
      }
    });
  });
}

it('sweeps temporary files a previous process left behind', async () => {
  const storage = diskStorage();
  const stale = path.join(storage.root, '.tmp', 'fstale.part');
  writeFileSync(stale, 'x');
  const old = new Date(Date.now() - 2 * 3600_000);
  utimesSync(stale, old, old);
  writeFileSync(path.join(storage.root, '.tmp', 'ffresh.part'), 'x');
  assert.equal(await storage.sweep(), 1);
  assert.deepEqual(readdirSync(path.join(storage.root, '.tmp')), ['ffresh.part']);
});

describe('S3Storage', () => {
  const MiB = 1024 * 1024;
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  /** Writes `bytes` to the target in 64 KiB chunks, each after the last was taken in, as an upload arrives. */
  const writeAll = (target: WriteTarget, bytes: Buffer) =>
    pipeline(
      Readable.from((function* () {
        for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
      })()),
      target.stream,
    );

  /** Writes `bytes` without ending the stream: the write is under way. */
  const writeSome = async (target: WriteTarget, bytes: Buffer) => {
    for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
      await new Promise<void>((resolve, reject) => target.stream.write(bytes.subarray(offset, offset + 64 * 1024), (error) => (error ? reject(error) : resolve())));
    }
  };

  it('streams a large object up in parts as it is written, and reads any range of it back', async () => {
    const storage = stores.s3.storage('large');
    const bytes = randomBytes(12 * MiB + 12_345);
    const target = await storage.create();
    // Two 5 MiB parts at most are on their way at once: a write past them goes on once one went up.
    await writeSome(target, bytes.subarray(0, 11 * MiB));
    assert.equal(stores.s3.openUploads().length, 1, 'parts went up while the file was still arriving');
    assert.equal(await storage.open(target.key), null, 'nothing to read before the commit');
    await writeAll(target, bytes.subarray(11 * MiB));
    await target.commit();
    assert.deepEqual(stores.s3.openUploads(), []);

    const whole = await storage.open(target.key);
    assert.equal(whole?.size, bytes.length);
    assert.equal(sha256(await buffer(whole!.stream)), sha256(bytes), 'the parts make the file, in order');
    for (const [start, end] of [[5 * MiB - 10, 5 * MiB + 9], [0, 99], [bytes.length - 100, bytes.length - 1]] as const) {
      const part = await storage.open(target.key, { start, end });
      assert.equal(part?.size, bytes.length, 'the whole size, even for a range');
      assert.deepEqual(await buffer(part!.stream), bytes.subarray(start, end + 1), `${start}-${end}`);
    }
    await storage.remove(target.key);
    assert.equal(await storage.open(target.key), null);
  });

  it('answers the readiness check, and says which bucket where when it cannot', async () => {
    await stores.s3.storage().check();
    const missing = new S3Storage({ ...stores.s3.options(), bucket: 'claimdesk-missing' });
    await assert.rejects(missing.check(), (error: Error) => error.message.includes(`bucket claimdesk-missing at ${stores.s3.endpoint} does not exist`));
    const stranger = new S3Storage({ ...stores.s3.options(), credentials: { accessKeyId: 'SOMEONE', secretAccessKey: 'ELSE' } });
    await assert.rejects(stranger.check(), (error: Error) => error.message.includes(`bucket ${stores.s3.bucket} at ${stores.s3.endpoint} refuses these credentials (403)`));
  });

  it('fails a write to a bucket that does not exist: a small one at commit, a large one as it streams; abort leaves nothing', async () => {
    const missing = new S3Storage({ ...stores.s3.options(), bucket: 'claimdesk-missing' });
    const small = await missing.create();
    await writeAll(small, randomBytes(1000));
    await assert.rejects(small.commit(), /bucket does not exist/);
    await small.abort();
    // The upload fails with its first part; the write hears of it at the latest with the next one.
    const large = await missing.create();
    await assert.rejects(writeAll(large, randomBytes(12 * MiB)), /bucket does not exist/);
    await assert.rejects(large.commit(), /bucket does not exist/);
    await large.abort();
    assert.deepEqual(stores.s3.openUploads(), []);
  });

  it('fails the commit of a write abandoned halfway, and its abort ends the multipart upload', async () => {
    const storage = stores.s3.storage('halfway');
    const target = await storage.create();
    await writeSome(target, randomBytes(11 * MiB));
    assert.equal(stores.s3.openUploads().length, 1);
    target.stream.destroy(new Error('the client went away'));
    await assert.rejects(target.commit(), /the client went away/);
    await target.abort();
    assert.deepEqual(stores.s3.openUploads(), [], 'no multipart upload left open');
    assert.equal(await inBucket(target.key), false);
  });

  it('fails the write and the commit when the store stops mid-upload; removing the key once it is back leaves nothing', async () => {
    const storage = stores.s3.storage('stopped');
    const target = await storage.create();
    // Enough that the parts after the stop fail before the write is over.
    const bytes = randomBytes(28 * MiB);
    await writeSome(target, bytes.subarray(0, 11 * MiB));
    assert.equal(stores.s3.openUploads().length, 1);
    await stores.s3.stop();
    try {
      await assert.rejects(writeAll(target, bytes.subarray(11 * MiB)));
      await assert.rejects(target.commit());
      await target.abort();
      await assert.rejects(storage.check(), (error: Error) => error.message.includes(`at ${stores.s3.endpoint} does not answer (ECONNREFUSED)`));
    } finally {
      await stores.s3.start();
    }
    assert.equal(stores.s3.openUploads().length, 1, 'the store was down: the abort could not reach it');
    // What the ledger's sweep does with the key once its grace is over.
    await storage.remove(target.key);
    assert.deepEqual(stores.s3.openUploads(), []);
    assert.equal(await inBucket(target.key), false);
  });
});
