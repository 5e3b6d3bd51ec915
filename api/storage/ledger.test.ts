import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine } from '../testing/database.ts';
import { adoptKeys, LedgeredStorage, PendingKeyGoneError, releaseKeys, sweepPendingKeys } from './ledger.ts';
import { LocalDiskStorage } from './local-disk.ts';
import type { WriteTarget } from './storage.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const dirs: string[] = [];
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const HOUR_MS = 3_600_000;
/** A sweep run as if `hours` had passed, so that nothing here waits for the clock. */
const later = (hours: number) => new Date(Date.now() + hours * HOUR_MS);

function disk(): LocalDiskStorage {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-ledger-'));
  dirs.push(dir);
  return new LocalDiskStorage(path.join(dir, 'files'));
}

/** Every file under the storage's root, temporary files included. */
const filesOf = (store: LocalDiskStorage) =>
  readdirSync(store.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);

const pendingKeys = async () => (await database.db.selectFrom('storage_pending').select('key').orderBy('key').execute()).map((row) => row.key);

async function written(storage: LedgeredStorage, text: string): Promise<WriteTarget> {
  const target = await storage.create();
  await new Promise<void>((resolve, reject) => {
    target.stream.once('error', reject);
    target.stream.end(text, () => resolve());
  });
  return target;
}

describe(`the storage ledger on ${testEngine}`, () => {
  it('names a key before its bytes are written, so that what a crash mid-write left goes at the sweep, once the grace is over', async () => {
    const store = disk();
    const storage = new LedgeredStorage(database.db, store);
    const target = await storage.create();
    assert.deepEqual(await pendingKeys(), [target.key], 'in the ledger before a byte is written');
    // Written to the file once its callback runs: the file is open, whatever the timing of 'ready'.
    await new Promise((resolve) => target.stream.write('half of an upload', resolve));
    // The process dies here: neither commit nor abort runs.
    assert.deepEqual(filesOf(store), [`${target.key}.part`]);

    assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS), 0, 'an upload younger than the grace may still be under way');
    assert.deepEqual(filesOf(store), [`${target.key}.part`]);
    assert.equal(await sweepPendingKeys(database.db, store, HOUR_MS, later(2)), 1);
    assert.deepEqual(filesOf(store), [], 'nothing left on disk');
    assert.deepEqual(await pendingKeys(), []);
    target.stream.destroy();
  });

  it('keeps the bytes of adopted keys, sweeps those of released and never adopted ones, and is idempotent', async () => {
    const store = disk();
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
    assert.deepEqual(filesOf(store), []);
    assert.deepEqual(await pendingKeys(), []);
  });

  it('refuses to adopt a key whose bytes a sweep started deleting: the upload fails instead of recording a row without bytes', async () => {
    const store = disk();
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
    assert.deepEqual(filesOf(store), []);
    assert.deepEqual(await pendingKeys(), []);
  });
});
