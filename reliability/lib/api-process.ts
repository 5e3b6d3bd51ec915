import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, dropTestDatabase } from '../../api/testing/database.ts';
import { API_KEY, JWT_SECRET } from '../../api/testing/harness.ts';

// The API as its own process, settings from the environment, from source: `node --import tsx
// api/server.ts` (`npm run api` runs the same code compiled, api/compiled-start.test.ts), so the
// pid we hold is the server's own and a SIGKILL reaches it rather than a launcher that would
// leave it running.

const SERVER = fileURLToPath(new URL('../../api/server.ts', import.meta.url));

export type EngineName = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server (as .ci/run sets it). */
export function enginesToRun(): EngineName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh database for one suite: an SQLite file in a temp dir, or a schema of its own on PostgreSQL. */
export interface Database {
  engine: EngineName;
  databaseUrl: string;
  /** The SQLite file, for PRAGMA integrity_check; undefined on PostgreSQL. */
  sqliteFile?: string;
  /** A directory for DATA_DIR and anything else the suite writes. */
  dir: string;
  dispose(): Promise<void>;
}

export async function createDatabase(engine: EngineName, label: string): Promise<Database> {
  const dir = mkdtempSync(path.join(tmpdir(), `claimdesk-${label}-${engine}-`));
  if (engine === 'sqlite') {
    const sqliteFile = path.join(dir, 'claimdesk.sqlite');
    return { engine, databaseUrl: `sqlite:${sqliteFile}`, sqliteFile, dir, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const databaseUrl = await createTestDatabaseUrl();
  return {
    engine,
    databaseUrl,
    dir,
    async dispose() {
      await dropTestDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Limits high enough that no 429 hides the answer a request would otherwise get. The names are
 * those of api/env.ts; a 429 would still be a valid problem answer for the fuzzer.
 */
export const UNTHROTTLED = {
  AUTH_FAILURES_PER_MINUTE: '10000000',
  WRITES_PER_MINUTE_PER_USER: '10000000',
  WRITES_PER_MINUTE_PER_ADDRESS: '10000000',
} as const;

export interface ApiProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<string>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (drain), and wait until it is gone. */
  stop(): Promise<void>;
}

export async function startApi(db: Database, env: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      TEST_DATABASE_URL: '',
      PORT: '0',
      DATA_DIR: db.dir,
      DATABASE_URL: db.databaseUrl,
      CLAIMS_JWT_SECRET: JWT_SECRET,
      CLAIMS_API_KEY: API_KEY,
      SHUTDOWN_GRACE_MS: '1000',
      // As `npm run api` sets it (README, "Uploads"): freed image-decoder memory goes back to the
      // process's two malloc arenas instead of lingering in one per thread.
      MALLOC_ARENA_MAX: '2',
      ...UNTHROTTLED,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 60 s.\nstdout: ${out}\nstderr: ${err}`)), 60_000);
    const look = () => {
      const match = out.match(/on (http:\/\/\S+)\/api\/v1/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before listening.\nstdout: ${out}\nstderr: ${err}`));
    });
  });

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Whole-number knobs from the environment: FUZZ_RUNS=2000, KILL_ROUNDS=50, … */
export function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** 4812 → "4,812" */
export const thousands = (n: number) => n.toLocaleString('en-US');
