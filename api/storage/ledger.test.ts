import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine } from '../testing/database.ts';
import { startTestS3, type TestS3 } from '../testing/s3.ts';
import { adoptKeys, LedgeredStorage, PendingKeyGoneError, releaseKeys, sweepPendingKeys } from './ledger.ts';
import { LocalDiskStorage } from './local-disk.ts';
import type { KeyedStorage, WriteTarget } from './storage.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let s3: TestS3;
const dirs: string[] = [];
before(async () => {
  database = await openTestDatabase();
  s3 = await startTestS3();
});
after(async () => {
  await database.close();
  await s3.close();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const HOUR_MS = 3_600_000;
/** A sweep run as if `hours` had passed, so that nothing here waits for the clock. */
const later = (hours: number) => new Date(Date.now() + hours * HOUR_MS);

/** An empty store of a test's own. */
interface TestStore {
  store: KeyedStorage;
  /** The same store as a process started after a crash sees it: nothing of the first one's memory. */
  reopened(): KeyedStorage;
  /** The keys the store holds bytes of, writes never finished included. */
  held(): Promise<string[]>;
}

function disk(): TestStore {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'claimdesk-ledger-')), 'files');
  dirs.push(path.dirname(root));
  return {
    store: new LocalDiskStorage(root),
    reopened: () => new LocalDiskStorage(root),
    // Every file under the root, temporary ones (`key.part`) included.
    held: async () =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name.replace(/\.part$/, ''))
        .sort(),
  };
}

let buckets = 0;
function bucket(): TestStore {
  const prefix = `ledger-${++buckets}`;
  const under = (keys: string[]) => keys.filter((key) => key.startsWith(`${prefix}/`)).map((key) => key.slice(prefix.length + 1));
  return {
    store: s3.storage(prefix),
    reopened: () => s3.storage(prefix),
    // The objects, and the multipart uploads never completed.
    held: async () => under([...(await s3.keys()), ...s3.openUploads()]).sort(),
  };
}

const pendingKeys = async () => (await database.db.selectFrom('storage_pending').select('key').orderBy('key').execute()).map((row) => row.key);

async function written(storage: LedgeredStorage, text: string): Promise<WriteTarget> {
  const target = await storage.create();
  await new Promise<void>((resolve, reject) => {
    target.stream.once('error', reject);
    target.stream.end(text, () => resolve());
  });
  return target;
}

/** 11 MiB, each chunk written once the last was taken in: more than two parts of a bucket's, so one of them has gone up. */
async function writeMoreThanTwoParts(target: WriteTarget): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  for (let i = 0; i < 176; i++) await new Promise((resolve) => target.stream.write(chunk, resolve));
}

for (const [name, make] of [['the local disk', disk], ['an S3 bucket', bucket]] as const) {
  describe(`the storage ledger on ${testEngine}, over ${name}`, () => {
    it('names a key before its bytes are written, so that what a crash mid-write left goes at the sweep, once the grace is over', async () => {
      const { store, reopened, held } = make();
      const storage = new LedgeredStorage(database.db, store);
      const target = await storage.create();
      assert.deepEqual(await pendingKeys(), [target.key], 'in the ledger before a byte is written');
      await writeMoreThanTwoParts(target);
      // The process dies here: neither commit nor abort runs, and what it knew of the write is gone.
      assert.deepEqual(await held(), [target.key], 'a temporary file, or a multipart upload');
      const restarted = reopened();

      assert.equal(await sweepPendingKeys(database.db, restarted, HOUR_MS), 0, 'an upload younger than the grace may still be under way');
      assert.deepEqual(await held(), [target.key]);
      assert.equal(await sweepPendingKeys(database.db, restarted, HOUR_MS, later(2)), 1);
      assert.deepEqual(await held(), [], 'nothing left');
      assert.deepEqual(await pendingKeys(), []);
      target.stream.destroy();
    });

    it('keeps the bytes of adopted keys, sweeps those of released and never adopted ones, and is idempotent', async () => {
      const { store, held } = make();
      const storage = new LedgeredStorage(database.db, store);
      const kept = await written(storage, 'a document');
      const dropped = await written(storage, 'an upload whose row never committed');
      await kept.commit();
      await dropped.commit();
      await database.db.transaction().execute((trx) => adoptKeys(trx, [kept.key]));
      assert.deepEqual(await pendingKeys(), [dropped.key]);

      assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS, later(2)), 1);
      assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS, later(2)), 0, 'a second sweep finds nothing to do');
      assert.equal(await store.open(dropped.key), null);
      assert.notEqual(await store.open(kept.key), null, 'a row owns it');

      await storage.remove(kept.key);
      assert.notEqual(await store.open(kept.key), null, 'remove leaves the bytes a row owns alone');

      // Its row deleted, the key goes back to the ledger, and the bytes after it.
      await database.db.transaction().execute((trx) => releaseKeys(trx, [kept.key]));
      assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS, later(2)), 1);
      assert.equal(await store.open(kept.key), null);
      assert.deepEqual(await held(), []);
      assert.deepEqual(await pendingKeys(), []);
    });

    it('refuses to adopt a key whose bytes a sweep started deleting: the upload fails instead of recording a row without bytes', async () => {
      const { store, held } = make();
      const storage = new LedgeredStorage(database.db, store);
      const slow = await written(storage, 'an upload slower than the grace');
      await slow.commit();
      // The sweep marks the key, then cannot delete the bytes (the store is down): the mark stays.
      const remove = store.remove;
      store.remove = async () => {
        throw new Error('the store is unreachable');
      };
      await assert.rejects(sweepPendingKeys(database.db, store, HOUR_MS, later(2)), /unreachable/);
      store.remove = remove;

      await assert.rejects(
        database.db.transaction().execute((trx) => adoptKeys(trx, [slow.key])),
        (error: unknown) => error instanceof PendingKeyGoneError && error.keys.includes(slow.key),
      );
      assert.deepEqual(await pendingKeys(), [slow.key], 'the failed adoption rolled back; the key is still the sweep’s');
      assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS, later(2)), 1, 'the next sweep finishes the job');
      assert.deepEqual(await held(), []);
      assert.deepEqual(await pendingKeys(), []);
    });
  });
}
