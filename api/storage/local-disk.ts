import { constants, createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { access, link, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isStorageKey, newStorageKey, type ByteRange, type KeyedStorage, type StoredObject, type WriteTarget } from './storage.ts';

// Files on the local disk: `root/ab/<key>`, written first to `root/.tmp/<key>.part` on the same
// filesystem and linked into place when complete, so a reader never sees half an object. A crash
// mid-upload leaves the temporary file, which goes when its key is removed (the ledger's sweep
// removes every key no row owns) or, at start, when no ledger named it and it is an hour old.

const TEMP_DIR = '.tmp';
/** Temporary files older than this at start-up belong to uploads that died with a previous process. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class LocalDiskStorage implements KeyedStorage {
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

  async create(key = newStorageKey()): Promise<WriteTarget> {
    const temp = this.#tempOf(key);
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

  async open(key: string, range?: ByteRange): Promise<StoredObject | null> {
    if (!isStorageKey(key)) return null;
    const file = this.#pathOf(key);
    try {
      const { size } = await stat(file);
      return { stream: createReadStream(file, range && { start: range.start, end: range.end }), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Deletes the object, and what an upload to `key` that never committed wrote. */
  async remove(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await Promise.all([rm(this.#pathOf(key), { force: true }), rm(this.#tempOf(key), { force: true })]);
  }

  /** The directory is there and writable (a volume unmounted or read-only is not). */
  async check(): Promise<void> {
    await access(this.#temp, constants.W_OK);
  }

  /**
   * Deletes temporary files left by uploads a previous process did not finish and whose keys no
   * ledger names (written by a version without one): the ledger's sweep removes the others.
   */
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

  #tempOf(key: string): string {
    if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.#temp, `${key}.part`);
  }

  #pathOf(key: string): string {
    if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.#root, key.slice(-2), key);
  }
}
