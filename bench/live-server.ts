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
import { exitWithBench } from './child.ts';

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

// The bench's temporary database: removed here too, in case the bench itself was killed.
exitWithBench(server, () => {
  if (process.env.BENCH_TMP_DIR) rmSync(process.env.BENCH_TMP_DIR, { recursive: true, force: true });
});
