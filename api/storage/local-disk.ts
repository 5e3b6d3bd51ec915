import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { link, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { FileStorage, StoredObject, WriteTarget } from './storage.ts';

// Files on the local disk: `root/ab/<key>`, written first to `root/.tmp/<random>` on the same
// filesystem and linked into place when complete, so a reader never sees half an object and a
// crash mid-upload leaves only a temporary file (swept at the next start).

const KEY = /^[A-Za-z0-9_-]{16,64}$/;
const TEMP_DIR = '.tmp';
/** Temporary files older than this at start-up belong to uploads that died with a previous process. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class LocalDiskStorage implements FileStorage {
  readonly #root: string;
  readonly #temp: string;

  /** `root` is created when missing (DATA_DIR/files for the server). */
  constructor(root: string) {
    this.#root = path.resolve(root);
    this.#temp = path.join(this.#root, TEMP_DIR);
    mkdirSync(this.#temp, { recursive: true });
  }

  get root(): string {
    return this.#root;
  }

  async create(): Promise<WriteTarget> {
    const key = `f${randomBytes(18).toString('base64url')}`;
    const temp = path.join(this.#temp, `${key}.part`);
    const final = this.#pathOf(key);
    const stream = createWriteStream(temp, { flags: 'wx' });
    let settled = false;
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('close', resolve);
      stream.once('error', reject);
    });
    finished.catch(() => {});
    return {
      key,
      stream,
      async commit() {
        if (settled) throw new Error(`Object ${key} was already committed or aborted.`);
        await finished;
        await mkdir(path.dirname(final), { recursive: true });
        // link + unlink rather than rename: never replaces an object that exists (keys are random,
        // but still). A filesystem without hard links gets the rename.
        try {
          await link(temp, final);
          await unlink(temp).catch(() => {});
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
          await rename(temp, final);
        }
        settled = true;
      },
      async abort() {
        if (settled) return;
        settled = true;
        stream.destroy();
        await finished.catch(() => {});
        await rm(temp, { force: true });
      },
    };
  }

  async open(key: string): Promise<StoredObject | null> {
    if (!KEY.test(key)) return null;
    const file = this.#pathOf(key);
    try {
      const { size } = await stat(file);
      return { stream: createReadStream(file), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await rm(this.#pathOf(key), { force: true });
  }

  /** Deletes temporary files left by uploads a previous process did not finish. */
  async sweep(olderThanMs = STALE_TEMP_MS): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#temp)) {
      const file = path.join(this.#temp, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  #pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.#root, key.slice(-2), key);
  }
}
