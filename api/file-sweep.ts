import { expireUnsentAttachments } from './chat/unsent.ts';
import { forgetUploadKeys } from './documents/upload-idempotency.ts';
import type { WriteDeps } from './events/record.ts';
import { sweepPendingKeys } from './storage/ledger.ts';
import type { FileStorage } from './storage/storage.ts';
import { silentLogger, type Logger } from './observability/logger.ts';
import { DEFAULTS } from './defaults.ts';
import { sweepUploads } from './uploads/uploads.commands.ts';

// The bytes no row owns, cleared away in every process: the attachments left unsent too long
// lose their rows (and their keys go to the storage ledger), the resumable uploads left idle too
// long expire with their chunks, then the ledger's keys older than the longest request lose their
// bytes; and upload Idempotency-Keys past their day are forgotten.
// Every step is idempotent and safe in several processes on one database; what a crash cut
// short, the next run finishes.

export interface FileSweepOptions {
  /** FILE_SWEEP_MS: how often it runs. */
  everyMs: number;
  /** FILE_SWEEP_GRACE_MS: how long a key stays pending before its bytes go; longer than any request. */
  graceMs: number;
  /** UNSENT_ATTACHMENT_TTL_MS: how long an attachment may wait to be sent. */
  unsentTtlMs: number;
  /** UPLOAD_SESSION_TTL_MS: how long an expired resumable upload is remembered (its expiry was set when its last chunk came). */
  uploadSessionTtlMs?: number | undefined;
  /** Where a failed run is reported (default: nowhere). */
  logger?: Logger | undefined;
}

export interface FileSweepDeps extends WriteDeps {
  /** The storage the bytes live in (not the ledgered one the routes write through). */
  storage: FileStorage;
}

/**
 * One run: resolves to the attachments expired, the resumable uploads expired, the keys whose
 * bytes were deleted and the upload keys forgotten.
 */
export async function sweepFiles(
  deps: FileSweepDeps,
  options: Omit<FileSweepOptions, 'everyMs' | 'logger'>,
  now = new Date(),
): Promise<{ expired: number; uploadsExpired: number; removed: number; forgotten: number }> {
  const expired = await expireUnsentAttachments(deps, options.unsentTtlMs, now);
  const uploadsExpired = await sweepUploads(deps, options.uploadSessionTtlMs ?? DEFAULTS.uploadSessionTtlMs, now);
  const removed = await sweepPendingKeys(deps.db, deps.storage, options.graceMs, now);
  const forgotten = await forgetUploadKeys(deps.db, now.getTime());
  return { expired, uploadsExpired, removed, forgotten };
}

/**
 * Runs sweepFiles now, resolving once that first run is over (so a process that restarts after a
 * crash has cleared what the crash left before it serves), then every `everyMs`. A failed run is
 * logged and the next one tries again.
 */
export async function startFileSweep(deps: FileSweepDeps, options: FileSweepOptions): Promise<{ stop(): Promise<void> }> {
  const log = (options.logger ?? silentLogger).child({ component: 'file-sweep' });
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => sweepFiles(deps, options))
      .catch((error: unknown) => log.error({ err: error }, 'file sweep: a run failed; the next one retries'));
    return running;
  };
  await run();
  const timer = setInterval(run, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
