import { StartupError } from '../db/connect.ts';
import { DEFAULTS } from '../defaults.ts';
import { S3_STORAGE_URL, S3_STORAGE_URL_FORMAT } from '../env.ts';
import { LocalDiskStorage } from './local-disk.ts';
import { S3Storage } from './s3.ts';
import type { KeyedStorage } from './storage.ts';

/** Where uploaded files live, as the settings (api/env.ts) say. */
export interface StorageSettings {
  /** STORAGE_URL: unset, on the local disk (DATA_DIR/files); `s3://bucket/prefix`, in that bucket. */
  storageUrl?: string | undefined;
  /** S3_ENDPOINT: an S3-compatible service's URL; unset, AWS S3. */
  s3Endpoint?: string | undefined;
  /** S3_REGION, or AWS_REGION. */
  s3Region?: string;
  /** S3_FORCE_PATH_STYLE. */
  s3ForcePathStyle?: boolean;
}

/**
 * The storage the settings name, once it answers: a bucket that cannot be used stops the start
 * with a StartupError saying which settings to check. `diskRoot` is where the local disk keeps
 * files when no bucket is named.
 */
export async function openStorage(settings: StorageSettings, diskRoot: string): Promise<KeyedStorage> {
  if (settings.storageUrl === undefined) {
    const disk = new LocalDiskStorage(diskRoot);
    // Temporary files of uploads a process before the storage ledger did not finish: nothing points at them.
    await disk.sweep().catch(() => 0);
    return disk;
  }
  const match = S3_STORAGE_URL.exec(settings.storageUrl);
  if (!match) throw new StartupError(`STORAGE_URL ${S3_STORAGE_URL_FORMAT}, not ${settings.storageUrl}.`);
  const storage = new S3Storage({
    bucket: match[1]!,
    prefix: match[2] ?? '',
    endpoint: settings.s3Endpoint,
    region: settings.s3Region ?? DEFAULTS.s3Region,
    forcePathStyle: settings.s3ForcePathStyle ?? false,
  });
  try {
    await storage.check();
  } catch (error) {
    const settingNames = settings.s3Endpoint === undefined ? 'STORAGE_URL and S3_REGION' : 'STORAGE_URL, S3_ENDPOINT and S3_REGION';
    throw new StartupError(`Uploaded files cannot be stored: ${(error as Error).message} Check ${settingNames}.`);
  }
  return storage;
}
