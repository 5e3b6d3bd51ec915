import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { signUserToken } from './auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from './testing/harness.ts';
import { testEngine } from './testing/database.ts';
import { checkedFetch } from './testing/openapi-check.ts';
import { readSse } from './testing/sse.ts';

// `npm run api` as an operator runs it: a process of its own, started with settings from the
// environment and stopped with a signal.

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const BASE_ENV = { CLAIMS_JWT_SECRET: JWT_SECRET, CLAIMS_API_KEY: API_KEY, PORT: '0' };

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, TEST_DATABASE_URL: '', ...BASE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** The promise's value, or 'still running' if it has not settled within `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | 'still running'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function listening(process: ReturnType<typeof run>): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const url = process.output().stdout.match(/on (http:\/\/\S+)\/api\/v1/)?.[1];
    if (url) return url.replace('localhost', '127.0.0.1');
    if (process.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the API did not start: ${JSON.stringify(process.output())}`);
}

describe('start-up with a configuration it cannot use', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  let dir: string;
  let busyPort: ReturnType<typeof createServer>;
  let silentPostgres: ReturnType<typeof createServer>;
  let closedPort: string;
  const port = (server: ReturnType<typeof createServer>) => String((server.address() as { port: number }).port);
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-start-'));
    busyPort = createServer().listen(0, '127.0.0.1');
    // Accepts connections and never answers, like a PostgreSQL behind a dead network path.
    // Reading (and dropping) what arrives lets each socket see its peer go away.
    silentPostgres = createServer((socket) => socket.resume()).listen(0, '127.0.0.1');
    const released = createServer().listen(0, '127.0.0.1');
    await Promise.all([busyPort, silentPostgres, released].map((s) => new Promise((resolve) => s.once('listening', resolve))));
    closedPort = port(released);
    await new Promise((resolve) => released.close(resolve));
  });
  after(() => {
    busyPort.close();
    silentPostgres.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const CASES: Array<[what: string, env: () => Record<string, string>, says: RegExp]> = [
    ['an empty sqlite: (an unset variable)', () => ({ DATABASE_URL: 'sqlite:' }), /sqlite: names no file.*sqlite::memory:/],
    ['a DATA_DIR it cannot create', () => ({ DATA_DIR: '/proc/nope' }), /DATA_DIR=\/proc\/nope cannot be used/],
    ['a directory as the SQLite file', () => ({ DATABASE_URL: `sqlite:${dir}` }), /is a directory; name a file in it/],
    ['a PostgreSQL that refuses connections', () => ({ DATABASE_URL: `postgres://x:y@127.0.0.1:${closedPort}/db` }), /cannot reach PostgreSQL.*ECONNREFUSED/],
    ['a PostgreSQL that never answers', () => ({ DATABASE_URL: `postgres://x:y@127.0.0.1:${port(silentPostgres)}/db` }), /cannot reach PostgreSQL.*timeout/],
    ['a port already in use', () => ({ DATABASE_URL: 'sqlite::memory:', PORT: port(busyPort) }), /Port \d+ is already in use/],
  ];
  for (const [what, env, says] of CASES) {
    it(`stops with one line naming the problem: ${what}`, async () => {
      const server = run(env());
      const code = await within(15_000, server.exited);
      server.child.kill('SIGKILL');
      assert.equal(code, 1);
      const { stderr } = server.output();
      assert.match(stderr, says);
      assert.equal(stderr.trim().split('\n').length, 1, `one line, no stack trace: ${stderr}`);
      assert.match(stderr, /^Claimdesk could not start: /);
    });
  }
});

describe('shutdown on SIGTERM', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-stop-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers what is in flight, 503s what arrives while draining, ends live streams and exits after the grace period', async (t) => {
    // Long enough for a saturated machine to accept and answer the burst below before the
    // grace ends (at 1.5 s one of 30 was still unread when the process exited, under CI load).
    const server = run({ DATA_DIR: dir, SHUTDOWN_GRACE_MS: '4000' });
    const url = await listening(server);
    const token = await signUserToken(JWT_SECRET, USERS.handler);
    const stream = readSse(await checkedFetch(`${url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } }));
    await stream.until(() => stream.messages.length > 0);

    // A client uploading so slowly that it would hold the process forever (until the test ends).
    const testOver = new AbortController();
    t.after(() => testOver.abort());
    const trickle = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (testOver.signal.aborted) controller.close();
        else controller.enqueue(new TextEncoder().encode(' '));
      },
    });
    const slow = checkedFetch(`${url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
      body: trickle,
      duplex: 'half',
    } as RequestInit).then(
      (res) => res.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const stoppedAt = Date.now();
    const burst = Array.from({ length: 30 }, (_, i) =>
      checkedFetch(`${url}/api/v1/claims${i % 2 ? '' : '?limit=5'}`, { headers: { 'X-Api-Key': API_KEY } }).then(
        async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() }),
        (error: Error) => ({ status: 0, retryAfter: null, body: String((error.cause as Error)?.message ?? error.message) }),
      ),
    );
    server.child.kill('SIGTERM');
    const answers = await Promise.all(burst);
    const code = await server.exited;
    const tookMs = Date.now() - stoppedAt;

    for (const answer of answers) {
      assert.ok([200, 503].includes(answer.status), `an answer, not a reset: ${JSON.stringify(answer)}`);
      if (answer.status === 503) {
        assert.equal(answer.retryAfter, '2');
        assert.match(JSON.parse(answer.body).detail, /shutting down/);
      }
    }
    assert.ok(answers.some((a) => a.status === 503), 'requests arriving while draining are told to retry');
    await stream.until(() => stream.ended);
    assert.equal(await slow, 'cut', 'the endless upload was cut at the end of the grace period');
    assert.equal(code, 0);
    assert.ok(tookMs < 10_000, `stopped after the grace period, not never (${tookMs} ms)`);
  });

  it('exits at once when nothing is in flight', async () => {
    const server = run({ DATA_DIR: dir, SHUTDOWN_GRACE_MS: '60000' });
    const url = await listening(server);
    const res = await checkedFetch(`${url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
      body: JSON.stringify(claimInput()),
    });
    assert.equal(res.status, 201);
    server.child.kill('SIGTERM');
    const code = await within(15_000, server.exited);
    assert.equal(code, 0, 'a 60 s grace period is not waited out when nothing needs it');
  });
});
