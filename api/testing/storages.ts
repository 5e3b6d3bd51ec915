import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { LocalDiskStorage } from '../storage/local-disk.ts';
import { startTestS3, type TestS3 } from './s3.ts';

/**
 * The stores a storage suite runs its cases on, for the test file that calls it (at its top
 * level): disks, each in an empty temporary directory of its own, and an s3rver bucket started
 * before the file's tests and, like the directories, removed after them.
 */
export function testStores(label: string) {
  const dirs: string[] = [];
  let s3: TestS3 | undefined;
  before(async () => {
    s3 = await startTestS3();
  });
  after(async () => {
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await s3?.close();
  });
  return {
    /** A disk store of its own, empty. */
    disk(): LocalDiskStorage {
      const dir = mkdtempSync(path.join(tmpdir(), `claimdesk-${label}-`));
      dirs.push(dir);
      return new LocalDiskStorage(path.join(dir, 'files'));
    },
    /** The bucket's server, once the file's tests run. */
    get s3(): TestS3 {
      if (s3 === undefined) throw new Error('testStores: the bucket is started before the tests, not at import');
      return s3;
    },
  };
}
