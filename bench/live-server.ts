/**
 * The API server the `live` and `upload` benches measure, in a process of its own so its CPU and
 * memory can be read from /proc/<pid>. Bench-only: started by bench/live.ts (and bench/upload.ts) as
 * `node --expose-gc --import tsx bench/live-server.ts` with DATABASE_URL, CLAIMS_JWT_SECRET,
 * CLAIMS_API_KEY and PORT=0 in its environment (BENCH_TMP_DIR: a directory to remove on exit).
 * Prints `{"url": …}` on stdout once listening.
 *
 * Over the IPC channel it answers `stats` (open live streams, memory) and `gc` (a full GC,
 * then memory), so idle memory can be read without a bench route in the API.
 */
import { rmSync } from 'node:fs';
import { parseSettings } from '../api/env.ts';
import { startServer } from '../api/server.ts';

const settings = parseSettings(process.env);
const server = await startServer({ ...settings, hostname: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

type Request = { id: number; type: 'stats' | 'gc' };

function stats() {
  return { liveStreams: server.deps.feed.size, memory: process.memoryUsage() };
}

process.on('message', (message: Request) => {
  if (message.type === 'gc') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
  }
  process.send?.({ id: message.id, ...stats(), gcAvailable: typeof (globalThis as { gc?: unknown }).gc === 'function' });
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Thousands of open streams can make a graceful close slow; the bench does not wait for it.
  const timer = setTimeout(() => process.exit(code), 5000);
  timer.unref();
  await server.close().catch(() => {});
  // The bench's temporary database: removed here too, in case the bench itself was killed.
  if (process.env.BENCH_TMP_DIR) rmSync(process.env.BENCH_TMP_DIR, { recursive: true, force: true });
  process.exit(code);
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(130));
// The bench process went away (finished, crashed or killed): never outlive it.
process.once('disconnect', () => void stop(0));
