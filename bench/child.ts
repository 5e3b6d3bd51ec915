/**
 * A bench server in a child process (bench/api-server.ts, bench/live-server.ts): started with
 * an environment, ready once it prints `{"url": …}`, asked things over IPC, its CPU and memory
 * read from /proc/<pid>, always stopped.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const ASK_TIMEOUT_MS = 30_000;

export interface ChildServer {
  pid: number;
  url: string;
  /** utime + stime of the server process so far, in ms, from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Resident memory of the server process now, from /proc/<pid>/status. */
  rssKb(): number;
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
  /** At once, for a bench interrupted mid-way. */
  kill(): void;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

export async function startChildServer(entry: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(entry, import.meta.url))], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));

  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} printed no URL within ${START_TIMEOUT_MS / 1000} s; stdout so far: ${out}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      // Keep draining stdout so the server never blocks on a full pipe.
      child.stdout!.on('data', (more: Buffer) => process.stderr.write(`  server: ${more.toString('utf8')}`));
      resolve(JSON.parse(line) as { url: string });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited before listening (code ${code}, signal ${signal}); stdout: ${out}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, (answer: unknown) => void>();
  child.on('message', (message: { id: number }) => {
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const pid = child.pid!;
  const ticks = clockTicks();
  return {
    pid,
    url,
    cpuMs() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state is
      // field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    rssKb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    },
    ask<T>(type: string) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${entry} did not answer "${type}" within ${ASK_TIMEOUT_MS / 1000} s`));
        }, ASK_TIMEOUT_MS);
        pending.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer as T);
        });
        child.send({ id, type });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/**
 * The child's side: stops `server` (and runs `cleanup`) on SIGTERM, SIGINT or when the bench
 * process goes away — finished, crashed or killed — so no server outlives it. Thousands of open
 * streams can make a graceful close slow; the bench does not wait more than 5 s for it.
 */
export function exitWithBench(server: { close(): Promise<void> }, cleanup: () => void = () => {}): void {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 5000).unref();
    await server.close().catch(() => {});
    cleanup();
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(130));
  process.once('disconnect', () => void stop(0));
}
