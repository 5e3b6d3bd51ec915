import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, describe, it } from 'node:test';
import { LocalDiskStorage } from './local-disk.ts';
import { MemoryStorage } from './memory.ts';
import { newStorageKey, putBytes, type FileStorage } from './storage.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function diskStorage(): LocalDiskStorage {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-storage-'));
  dirs.push(dir);
  return new LocalDiskStorage(path.join(dir, 'files'));
}

const write = (stream: NodeJS.WritableStream, data: string) => new Promise<void>((resolve, reject) => {
  stream.once('error', reject);
  stream.end(data, () => resolve());
});

for (const [name, make] of [['LocalDiskStorage', diskStorage], ['MemoryStorage', () => new MemoryStorage()]] as const) {
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
