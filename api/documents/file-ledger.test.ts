import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { sweepFiles } from '../file-sweep.ts';
import { Problem } from '../http/problem.ts';
import { PendingKeyGoneError, LedgeredStorage } from '../storage/ledger.ts';
import { createTestApi } from '../testing/harness.ts';
import { keep, type ReceivedFile } from './upload.ts';

// Files: row and bytes agree. Every key an upload writes is in the storage ledger until the
// transaction that records its row takes it out, and back in it once a removal deleted the row;
// the sweep deletes what the ledger holds and no row names.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
let png: Uint8Array;
before(async () => {
  api = await createTestApi();
  png = new Uint8Array(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer());
});
after(() => api.close());

const pending = async () => (await api.db.selectFrom('storage_pending').select('key').execute()).map((row) => row.key);
const sweepNow = () => sweepFiles(api, { unsentTtlMs: 86_400_000, graceMs: 0 });

async function uploadedImage() {
  const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const [requirement] = (await api.call('admin', 'GET', `/claims/${claim.id}/documents`)).body.items;
  const res = await api.upload('admin', claim.id, requirement.id, [{ name: 'foto.png', bytes: png }]);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const file = res.body.files[0] as { id: string };
  const row = await api.db.selectFrom('files').select(['storage_key', 'thumbnail_key']).where('id', '=', file.id).executeTakeFirstOrThrow();
  return { file, storageKey: row.storage_key, thumbnailKey: row.thumbnail_key! };
}

describe('the storage ledger behind uploads and removals', () => {
  it('takes a recorded file’s keys, its thumbnail’s too, out of the ledger with its row', async () => {
    const { file, storageKey, thumbnailKey } = await uploadedImage();
    assert.ok(thumbnailKey, 'an image gets a thumbnail');
    assert.deepEqual(await pending(), []);
    await sweepNow();
    assert.equal((await api.call('admin', 'GET', `/files/${file.id}`)).status, 200);
    assert.notEqual(await api.storage.open(storageKey), null);
    assert.notEqual(await api.storage.open(thumbnailKey), null);
  });

  it('deletes a removed file’s bytes at the sweep when they could not be deleted at once', async () => {
    const { file, storageKey, thumbnailKey } = await uploadedImage();
    const remove = api.storage.remove;
    api.storage.remove = async () => {
      throw new Error('the disk is busy');
    };
    try {
      assert.equal((await api.call('admin', 'DELETE', `/files/${file.id}`)).status, 204);
    } finally {
      api.storage.remove = remove;
    }
    assert.equal((await api.call('admin', 'GET', `/files/${file.id}`)).status, 404, 'the row went first');
    assert.notEqual(await api.storage.open(storageKey), null, 'the bytes are still there');
    assert.deepEqual((await pending()).sort(), [storageKey, thumbnailKey].sort());
    assert.equal((await sweepNow()).removed, 2);
    assert.equal(await api.storage.open(storageKey), null);
    assert.equal(await api.storage.open(thumbnailKey), null);
    assert.deepEqual(await pending(), []);
  });

  it('never deletes bytes a row names, even when its key was left in the ledger', async () => {
    const { file, storageKey } = await uploadedImage();
    await api.db.insertInto('storage_pending').values({ key: storageKey, created_at: new Date(0).toISOString(), removing_at: null }).execute();
    assert.equal((await sweepNow()).removed, 0);
    assert.equal((await api.call('admin', 'GET', `/files/${file.id}`)).status, 200);
    assert.deepEqual(await pending(), [], 'the row owns it: the entry goes');
  });

  it('answers 503, keeping nothing, when an upload was so slow that the sweep took its keys', async () => {
    const storage = new LedgeredStorage(api.db, api.storage);
    const target = await storage.create();
    await new Promise<void>((resolve) => target.stream.end(Buffer.from('%PDF-1.4\n'), () => resolve()));
    const received: ReceivedFile[] = [{ target, name: 'lento.pdf', size: 9, type: 'application/pdf', sha256: '' }];
    await assert.rejects(
      keep(storage, received, async () => {
        throw new PendingKeyGoneError([target.key]);
      }),
      (error: unknown) => error instanceof Problem && error.status === 503 && /send it again/.test(error.detail),
    );
    assert.equal(await api.storage.open(target.key), null);
    assert.ok(!(await pending()).includes(target.key));
  });
});
