/**
 * `npm run bench -- live`: the live stream (GET /api/v1/events, SSE) of ONE API server process.
 *
 * The server runs as a child process (bench/live-server.ts, on a temporary SQLite file) so its
 * CPU (/proc/<pid>/stat) and memory (/proc/<pid>/status) are its own; every client lives in
 * this process. Phases:
 *
 *  1. baseline: 1 stream of one company; 50 POST /claims one after another; for each, the time
 *     from the POST's response to the stream receiving that claim's `claim.created`.
 *  2. 1,000 streams of one company (100 users × 10 streams); 50 POSTs; time to the LAST stream.
 *     Run last, on 1,000 streams opened again: see 6.
 *  3. 5,000 streams over 500 companies (10 users each); 50 POSTs, each for a random one of
 *     them; time to the last of that company's 10 streams. Then one fresh company's own stream
 *     while the 5,000 stay open: 20 POSTs, to compare with the baseline.
 *  4. 5,000 streams more, over 500 more companies: 10,000 in the one process; 50 POSTs, each for
 *     a random one of the 1,000 companies.
 *  5. server CPU (utime + stime) per commit in each phase, against the baseline's.
 *  6. server RSS with 0, 1,000, 5,000 and 10,000 idle streams open: KB per idle stream, from
 *     the first time each count is open. RSS moves between processes with how malloc and V8
 *     happened to lay out their memory, so the figure at 5,000 is measured in two more fresh
 *     servers too, through the same steps, and the budget holds the median of the three.
 *
 * A benchmark, not a test: budgets are printed beside the figures, never asserted. Every wait
 * is bounded; a timed-out wait prints what is missing and the run goes on.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { signUserToken, type TokenClaims } from '../api/auth/tokens.ts';
import { claimInput } from '../api/testing/harness.ts';
import { startChildServer, type ChildServer } from './child.ts';
import { budgetTable, median, num, percentile, progress, ratio, round, type Budget, type PartReport } from './report.ts';

// ── what is measured ─────────────────────────────────────────────────────────────────────────
const POSTS = 50;
const OWN_POSTS = 20;
const ONE_COMPANY_USERS = 100;
const STREAMS_PER_USER = 10; // the server will cap open streams per user at 10
const MANY_COMPANIES = 500;
const MOST_COMPANIES = 1000;
const STREAMS_PER_COMPANY = 10; // one per user
const WARMUP_POSTS = 10;
/** Servers whose RSS per idle stream at 5,000 is measured: the budget holds their median. */
const MEMORY_RUNS = 3;

// ── bounds on every wait (generous: today's feed takes seconds per commit at 5,000 streams) ──
const EVENT_TIMEOUT_MS = 60_000;
const POST_TIMEOUT_MS = 60_000;
const OPEN_TIMEOUT_MS = 60_000;
const OPEN_CONCURRENCY = 100;
const QUIET_TIMEOUT_MS = 15_000;

const TARGETS = {
  oneCompanyP99Ms: 100,
  mostStreamsP99Ms: 50,
  rssPerIdleStreamKb: 12,
  /** "Roughly equal" to the baseline: p99 within ×1.5, or within 5 ms for tiny figures. */
  ownDeliveryP99Factor: 1.5,
  ownDeliveryP99SlackMs: 5,
};

// ── the server process ───────────────────────────────────────────────────────────────────────

interface ServerStats {
  liveStreams: number | null;
  memory: NodeJS.MemoryUsage;
  gcAvailable: boolean;
}

function fileLimit(): number | null {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
  } catch {
    return null;
  }
}

// ── the clients: light SSE readers over node:http ────────────────────────────────────────────

interface Stream {
  n: number;
  company: string;
  sub: string;
  req: http.ClientRequest | null;
  opened: boolean;
  ended: boolean;
  closing: boolean;
  error: string | null;
  buf: string;
  firstBlock: string | null;
  events: number;
  heartbeats: number;
  onOpen: (() => void) | null;
}

/** Arrival times of each claim's event, per stream; the one POST awaiting its deliveries. */
class Deliveries {
  private readonly arrivals = new Map<string, Map<number, number>>();
  private waiter: { claimId: string; company: string; need: number; have: number; done: () => void } | null = null;

  constructor(private readonly streams: Stream[]) {}

  record(claimId: string, n: number, at: number): void {
    let byStream = this.arrivals.get(claimId);
    if (!byStream) this.arrivals.set(claimId, (byStream = new Map()));
    if (byStream.has(n)) return;
    byStream.set(n, at);
    const w = this.waiter;
    if (w && w.claimId === claimId && this.streams[n]!.company === w.company && ++w.have >= w.need) w.done();
  }

  /** Resolves true once `need` streams of `company` have the claim's event, false on timeout. */
  wait(claimId: string, company: string, need: number, timeoutMs: number): Promise<boolean> {
    let have = 0;
    for (const n of this.arrivals.get(claimId)?.keys() ?? []) if (this.streams[n]!.company === company) have++;
    if (have >= need) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, timeoutMs);
      this.waiter = {
        claimId,
        company,
        need,
        have,
        done: () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve(true);
        },
      };
    });
  }

  of(claimId: string): Map<number, number> {
    return this.arrivals.get(claimId) ?? new Map();
  }
}

class Clients {
  readonly streams: Stream[] = [];
  readonly deliveries = new Deliveries(this.streams);
  private readonly agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly url: string,
    private readonly jwtSecret: string,
  ) {}

  add(company: string, sub: string): Stream {
    const s: Stream = { n: this.streams.length, company, sub, req: null, opened: false, ended: false, closing: false, error: null, buf: '', firstBlock: null, events: 0, heartbeats: 0, onOpen: null };
    this.streams.push(s);
    return s;
  }

  private token(s: Stream): Promise<string> {
    let token = this.tokens.get(s.sub);
    if (!token) {
      const claims: Omit<TokenClaims, 'exp'> = { sub: s.sub, company: s.company, companyName: `Bench ${s.company}`, role: 'admin', name: `Bench ${s.sub}`, email: `${s.sub}@bench.test` };
      token = signUserToken(this.jwtSecret, claims, 3 * 3600);
      this.tokens.set(s.sub, token);
    }
    return token;
  }

  private onChunk(s: Stream, chunk: string): void {
    const at = performance.now();
    s.buf += chunk;
    let boundary: number;
    while ((boundary = s.buf.indexOf('\n\n')) !== -1) {
      const block = s.buf.slice(0, boundary);
      s.buf = s.buf.slice(boundary + 2);
      if (!s.opened) {
        s.opened = true;
        s.firstBlock = block;
        s.onOpen?.();
      } else if (block.charCodeAt(0) === 58 /* ':' a comment: heartbeat */) {
        s.heartbeats++;
      } else {
        s.events++;
        // No JSON.parse per stream: the claim id is all the bench needs.
        const i = block.indexOf('"claimId":"');
        if (i !== -1) this.deliveries.record(block.slice(i + 11, block.indexOf('"', i + 11)), s.n, at);
      }
    }
  }

  async open(s: Stream): Promise<void> {
    const token = await this.token(s);
    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => {
        clearTimeout(timer);
        s.error ??= message;
        s.ended = true;
        req.destroy();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`no opening block within ${OPEN_TIMEOUT_MS / 1000} s`), OPEN_TIMEOUT_MS);
      const req = http.request(`${this.url}/api/v1/events`, { agent: this.agent, headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } });
      s.req = req;
      s.onOpen = () => {
        clearTimeout(timer);
        s.onOpen = null;
        if (!/^retry: \d+\nid: \d+$/.test(s.firstBlock ?? '')) s.error = `unexpected opening block ${JSON.stringify(s.firstBlock)}`;
        resolve();
      };
      req.on('response', (res) => {
        res.setEncoding('utf8');
        if (res.statusCode !== 200) {
          let body = '';
          res.on('data', (c: string) => (body += c));
          res.on('end', () => fail(`HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
          return;
        }
        res.on('data', (chunk: string) => this.onChunk(s, chunk));
        res.on('close', () => {
          s.ended = true;
          if (!s.opened) fail('the stream closed before its opening block');
        });
      });
      req.on('error', (error) => {
        s.ended = true;
        if (!s.closing) s.error ??= error.message;
        if (!s.opened) fail(error.message);
      });
      req.end();
    });
  }

  /** Opens streams, OPEN_CONCURRENCY at a time; returns the failures' messages. */
  async openAll(list: Stream[]): Promise<string[]> {
    const failures: string[] = [];
    let next = 0;
    let done = 0;
    const step = Math.max(1000, Math.ceil(list.length / 5));
    const worker = async () => {
      while (next < list.length) {
        const s = list[next++]!;
        await this.open(s).catch((error: Error) => failures.push(`#${s.n} ${s.sub}: ${error.message}`));
        if (++done % step === 0 && done < list.length) progress(`${done.toLocaleString('en-US')} / ${list.length.toLocaleString('en-US')} streams open`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, list.length) }, worker));
    return failures;
  }

  close(list: Stream[]): void {
    for (const s of list) {
      s.closing = true;
      s.req?.destroy();
      s.ended = true;
    }
  }

  destroy(): void {
    this.close(this.streams);
    this.agent.destroy();
  }
}

// ── measuring ────────────────────────────────────────────────────────────────────────────────

interface Round {
  label: string;
  posts: number;
  receivers: number;
  streamsOpen: number;
  latencies: number[];
  postRtts: number[];
  timeouts: number;
  leaks: number;
  early: number;
  serverCpuMs: number;
  clientCpuMs: number;
  wallMs: number;
  loopDelayP99Ms: number;
  serverIdleCpuMsPerS: number;
}

interface Memory {
  streams: number;
  rssKb: number;
  heapUsedKb: number;
  liveStreams: number | null;
}

interface Opening {
  label: string;
  streams: number;
  failed: number;
  wallMs: number;
  serverCpuMs: number;
  clientCpuMs: number;
}

function clientCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A small deterministic PRNG, so every run picks the same companies. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The live stream's server in a child process, on a SQLite file in `dir`, set up as `npm run api` runs it. */
function startLiveServer(dir: string, jwtSecret: string, apiKey: string): Promise<ChildServer> {
  return startChildServer(
    './live-server.ts',
    {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
      DATA_DIR: dir,
      BENCH_TMP_DIR: dir,
      CLAIMS_JWT_SECRET: jwtSecret,
      CLAIMS_API_KEY: apiKey,
      // The clients' tokens last the whole run (3 hours), so no stream ends at its token's expiry.
      CLAIMS_TOKEN_MAX_LIFETIME: String(3 * 3600),
      PORT: '0',
      CORS_ORIGINS: '',
      // What `npm run api` and `npm start` set: glibc's default, 8 arenas per core, keeps freed
      // memory in each arena a thread used, which RSS counts.
      MALLOC_ARENA_MAX: '2',
    },
    ['--expose-gc'],
  );
}

/** What the phases do to one server and its clients. */
function phasesOn(srv: ChildServer, c: Clients, apiKey: string, runTag: string) {
  /** Waits until the server's CPU stays under 5 % for one window; returns its rate then (ms/s). */
  async function quiet(windowMs = 500): Promise<number> {
    const deadline = Date.now() + QUIET_TIMEOUT_MS;
    let rate = Number.NaN;
    do {
      const before = srv.cpuMs();
      await sleep(windowMs);
      rate = ((srv.cpuMs() - before) * 1000) / windowMs;
      if (rate < 50) return rate;
    } while (Date.now() < deadline);
    progress(`the server was still busy (${rate.toFixed(0)} ms CPU/s) after ${QUIET_TIMEOUT_MS / 1000} s; going on`);
    return rate;
  }

  async function waitForServerStreams(expected: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { liveStreams } = await srv.ask<ServerStats>('stats');
      if (liveStreams === null) return void (await sleep(1000));
      if (liveStreams === expected) return;
      if (Date.now() > deadline) return progress(`the server still counts ${liveStreams} open streams, expected ${expected}; going on`);
      await sleep(100);
    }
  }

  async function memory(streams: number): Promise<Memory> {
    await quiet();
    const rss: number[] = [];
    const heap: number[] = [];
    let liveStreams: number | null = null;
    for (let i = 0; i < 5; i++) {
      const stats = await srv.ask<ServerStats>('gc');
      liveStreams = stats.liveStreams;
      await sleep(200);
      rss.push(srv.rssKb());
      heap.push(stats.memory.heapUsed / 1024);
    }
    return { streams, rssKb: Math.min(...rss), heapUsedKb: Math.min(...heap), liveStreams };
  }

  async function openStreams(label: string, list: Stream[]): Promise<Opening> {
    progress(`opening ${list.length.toLocaleString('en-US')} streams (${label})`);
    const cpu0 = srv.cpuMs();
    const client0 = clientCpuMs();
    const t0 = performance.now();
    const failures = await c.openAll(list);
    const wallMs = performance.now() - t0;
    const opening = { label, streams: list.length, failed: failures.length, wallMs, serverCpuMs: srv.cpuMs() - cpu0, clientCpuMs: clientCpuMs() - client0 };
    if (failures.length > 0) {
      progress(`${failures.length} of ${list.length} streams failed to open; the first: ${failures.slice(0, 5).join(' | ')}`);
    }
    const odd = list.filter((s) => s.opened && s.error);
    if (odd.length > 0) progress(`${odd.length} streams opened oddly; the first: #${odd[0]!.n} ${odd[0]!.error}`);
    progress(`${(list.length - failures.length).toLocaleString('en-US')} streams open in ${(wallMs / 1000).toFixed(1)} s`);
    return opening;
  }

  async function commits(label: string, posts: number, pick: (i: number) => string): Promise<Round> {
    const idle = await quiet(1000);
    const open = c.streams.filter((s) => s.opened && !s.ended);
    const byCompany = new Map<string, Stream[]>();
    for (const s of open) {
      let list = byCompany.get(s.company);
      if (!list) byCompany.set(s.company, (list = []));
      list.push(s);
    }
    const latencies: number[] = [];
    const postRtts: number[] = [];
    const claimIds: { id: string; company: string }[] = [];
    let timeouts = 0;
    let early = 0;
    let receivers = 0;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    progress(`${label}: ${posts} POSTs, ${open.length.toLocaleString('en-US')} streams open`);

    loop.enable();
    const cpu0 = srv.cpuMs();
    const client0 = clientCpuMs();
    const t0 = performance.now();
    for (let i = 0; i < posts; i++) {
      const company = pick(i);
      const expected = byCompany.get(company) ?? [];
      receivers = Math.max(receivers, expected.length);
      const started = performance.now();
      const res = await fetch(`${srv.url}/api/v1/claims`, {
        method: 'POST',
        // A connection per POST: on a loaded machine fetch reused a kept-alive one just as the
        // server's 5 s keep-alive timeout closed it (ECONNRESET). A loopback connect adds to the
        // POST's round trip, not to the delivery measured from its response.
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': apiKey, Connection: 'close' },
        body: JSON.stringify(claimInput({ company: { id: company, name: `Bench ${company}` }, externalRef: `BENCH-${runTag}-${label}-${i}` })),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      }).catch((error: Error) => {
        // fetch says only "fetch failed"; what failed is its cause.
        const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw new Error(`${label} POST ${i + 1}/${posts} (company ${company}) failed: ${error.message}${cause} (timeout ${POST_TIMEOUT_MS / 1000} s)`);
      });
      const responded = performance.now();
      const text = await res.text();
      if (res.status !== 201) throw new Error(`POST /claims answered ${res.status}: ${text.slice(0, 300)}`);
      const { id } = JSON.parse(text) as { id: string };
      claimIds.push({ id, company });
      postRtts.push(responded - started);

      const delivered = await c.deliveries.wait(id, company, expected.length, EVENT_TIMEOUT_MS);
      const arrivals = c.deliveries.of(id);
      if (!delivered) {
        timeouts++;
        const missing = expected.filter((s) => !arrivals.has(s.n));
        const sample = missing
          .slice(0, 5)
          .map((s) => `#${s.n} ${s.sub} (${s.ended ? `ended${s.error ? `: ${s.error}` : ''}` : 'open'}, ${s.events} events, ${s.heartbeats} heartbeats)`);
        progress(
          `${label} POST ${i + 1}/${posts}: claim ${id} of ${company} reached ${expected.length - missing.length} of ${expected.length} streams within ${EVENT_TIMEOUT_MS / 1000} s; ` +
            `missing ${missing.length}: ${sample.join(', ')}${missing.length > 5 ? ', …' : ''}`,
        );
        continue;
      }
      let last = Number.NEGATIVE_INFINITY;
      for (const s of expected) last = Math.max(last, arrivals.get(s.n)!);
      if (last < responded) early++;
      latencies.push(last - responded);
    }
    const wallMs = performance.now() - t0;
    const clientCpu = clientCpuMs() - client0;
    loop.disable();
    // Let the commits' trailing work finish, so it counts (a quiet window adds ≤ one tick).
    await quiet(250);
    const serverCpuMs = srv.cpuMs() - cpu0;

    let leaks = 0;
    for (const { id, company } of claimIds) for (const n of c.deliveries.of(id).keys()) if (c.streams[n]!.company !== company) leaks++;
    if (leaks > 0) progress(`${label}: ${leaks} deliveries reached streams of another company`);
    progress(`${label}: p50 ${num(percentile(latencies, 50))} ms, p99 ${num(percentile(latencies, 99))} ms`);

    return {
      label,
      posts,
      receivers,
      streamsOpen: open.length,
      latencies,
      postRtts,
      timeouts,
      leaks,
      early,
      serverCpuMs,
      clientCpuMs: clientCpu,
      wallMs,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      serverIdleCpuMsPerS: idle,
    };
  }

  /** JIT, SQLite pages, the first users and companies: 10 POSTs to one stream; then memory with none open. */
  async function warmUp(): Promise<Memory> {
    progress('warming up');
    const warm = c.add('bench-warmup', 'warmup-u0');
    await c.open(warm);
    await commits('warm-up', WARMUP_POSTS, () => 'bench-warmup');
    c.close([warm]);
    await waitForServerStreams(0);
    return memory(0);
  }

  /** Ends the streams and waits until the server has let them go. */
  async function close(list: Stream[]): Promise<void> {
    c.close(list);
    await waitForServerStreams(c.streams.filter((s) => s.opened && !s.ended).length);
  }

  return { memory, openStreams, commits, warmUp, close };
}

/** 100 users × 10 streams, all of one company. */
function oneCompanyStreams(c: Clients): Stream[] {
  const list: Stream[] = [];
  for (let u = 0; u < ONE_COMPANY_USERS; u++) {
    for (let k = 0; k < STREAMS_PER_USER; k++) list.push(c.add('bench-one', `one-u${String(u).padStart(3, '0')}`));
  }
  return list;
}

/** Companies `from` to `to` (excluded), `bench-c000` …, the same in every run and server. */
function companyIds(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `bench-c${String(from + i).padStart(3, '0')}`);
}

/** One stream for each of 10 users of each company. */
function companyStreams(c: Clients, companies: string[]): Stream[] {
  return companies.flatMap((company) => Array.from({ length: STREAMS_PER_COMPANY }, (_, u) => c.add(company, `${company}-u${u}`)));
}

const openCount = (list: Stream[]) => list.filter((s) => s.opened && !s.ended).length;

export async function run(): Promise<PartReport> {
  const maxStreams = MOST_COMPANIES * STREAMS_PER_COMPANY + 1;
  const limit = fileLimit();
  if (limit !== null && limit < maxStreams + 500) {
    throw new Error(
      `ulimit -n is ${limit}, but this part holds ${maxStreams.toLocaleString('en-US')} open streams in this process and as many sockets in the server. ` +
        `Raise it (e.g. \`ulimit -n 16384\`) and run again; npm run bench raises the soft limit to the hard limit when it can.`,
    );
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-live-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const apiKey = randomBytes(24).toString('hex');
  const runTag = Date.now().toString(36);
  const servers: { srv: ChildServer; c: Clients }[] = [];

  const cleanUp = () => {
    for (const { srv, c } of servers) {
      c.destroy();
      srv.kill();
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench live: ${signal}; stopping the server\n`);
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', cleanUp);

  /** A fresh server on a SQLite file of its own, and clients for it. */
  async function start(name: string) {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    progress(`starting a server (node --expose-gc --import tsx bench/live-server.ts, MALLOC_ARENA_MAX=2, SQLite under ${dir})`);
    const srv = await startLiveServer(dir, jwtSecret, apiKey);
    const c = new Clients(srv.url, jwtSecret);
    servers.push({ srv, c });
    progress(`server pid ${srv.pid} on ${srv.url}`);
    return { srv, c, ...phasesOn(srv, c, apiKey, runTag) };
  }
  async function stop({ srv, c }: { srv: ChildServer; c: Clients }): Promise<void> {
    c.destroy();
    await srv.stop();
  }

  /**
   * What every server measured for memory goes through, up to 5,000 idle streams: warm-up, the
   * baseline (one stream), 1,000 streams of one company opened and closed, 5,000 over 500
   * companies opened. The same steps in each, so that their figures are three samples of one
   * thing: a commit to 1,000 streams (the one-company phase) grows the process by more than its
   * streams, and comes after.
   */
  async function toFiveThousand(s: Awaited<ReturnType<typeof start>>) {
    const mem0 = await s.warmUp();
    const solo = s.c.add('bench-solo', 'solo-u0');
    await s.c.open(solo);
    const baseline = await s.commits('baseline', POSTS, () => 'bench-solo');
    await s.close([solo]);
    const oneCompany = oneCompanyStreams(s.c);
    const openOne = await s.openStreams('one company', oneCompany);
    const mem1000 = await s.memory(openCount(oneCompany));
    await s.close(oneCompany);
    const many = companyStreams(s.c, companyIds(0, MANY_COMPANIES));
    const openMany = await s.openStreams('500 companies', many);
    const mem5000 = await s.memory(openCount(many));
    return { mem0, baseline, openOne, mem1000, many, openMany, mem5000 };
  }

  try {
    const main = await start('main');

    // ── 1. baseline, and the idle memory up to 5,000 streams ──
    const { mem0, baseline, openOne, mem1000, many, openMany, mem5000 } = await toFiveThousand(main);

    // ── 3. 5,000 streams over 500 companies ──
    const companies = companyIds(0, MANY_COMPANIES);
    const random = mulberry32(42);
    const picks = Array.from({ length: POSTS }, () => companies[Math.floor(random() * companies.length)]!);
    const spread = await main.commits('many-companies', POSTS, (i) => picks[i]!);

    const own = main.c.add('bench-own', 'own-u0');
    await main.c.open(own);
    const ownRound = await main.commits('own-company', OWN_POSTS, () => 'bench-own');
    await main.close([own]);

    // ── 4. 10,000 streams over 1,000 companies ──
    const allCompanies = [...companies, ...companyIds(MANY_COMPANIES, MOST_COMPANIES)];
    const more = companyStreams(main.c, allCompanies.slice(MANY_COMPANIES));
    const openMore = await main.openStreams('500 more companies', more);
    const mem10000 = await main.memory(openCount(many) + openCount(more));
    const mostPicks = Array.from({ length: POSTS }, () => allCompanies[Math.floor(random() * allCompanies.length)]!);
    const most = await main.commits('most-companies', POSTS, (i) => mostPicks[i]!);
    await main.close([...many, ...more]);

    // ── 2. 1,000 streams of one company, opened again ──
    const oneCompany = oneCompanyStreams(main.c);
    await main.openStreams('one company, again', oneCompany);
    const one = await main.commits('one-company', POSTS, () => 'bench-one');
    await stop(main);

    // ── 6. RSS per idle stream at 5,000 in fresh servers ──
    const memoryRuns = [{ mem0, mem5000 }];
    while (memoryRuns.length < MEMORY_RUNS) {
      const again = await start(`memory-${memoryRuns.length + 1}`);
      const measured = await toFiveThousand(again);
      memoryRuns.push({ mem0: measured.mem0, mem5000: measured.mem5000 });
      await stop(again);
    }

    return buildReport({ server: main.srv, limit, baseline, one, spread, own: ownRound, most, mem0, mem1000, mem5000, mem10000, memoryRuns, openings: [openOne, openMany, openMore] });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', cleanUp);
    for (const server of servers) await stop(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ── the report ───────────────────────────────────────────────────────────────────────────────

function buildReport(r: {
  server: ChildServer;
  limit: number | null;
  baseline: Round;
  one: Round;
  spread: Round;
  own: Round;
  most: Round;
  mem0: Memory;
  mem1000: Memory;
  mem5000: Memory;
  mem10000: Memory;
  /** Idle memory with none and 5,000 streams open, in each server measured (the first is `mem0`, `mem5000`). */
  memoryRuns: { mem0: Memory; mem5000: Memory }[];
  openings: Opening[];
}): PartReport {
  const p50 = (x: Round) => percentile(x.latencies, 50);
  const p99 = (x: Round) => percentile(x.latencies, 99);
  const perCommit = (x: Round) => x.serverCpuMs / x.posts;
  const base = r.baseline;

  const ownTarget = Math.max(p99(base) * TARGETS.ownDeliveryP99Factor, p99(base) + TARGETS.ownDeliveryP99SlackMs);
  const marginalKb = (from: Memory, to: Memory, key: 'rssKb' | 'heapUsedKb') => (to[key] - from[key]) / (to.streams - from.streams);
  const perStreamKb = (m: Memory, from = r.mem0) => (m.streams > 0 ? (m.rssKb - from.rssKb) / m.streams : Number.NaN);
  const heapPerStreamKb = (m: Memory) => (m.streams > 0 ? (m.heapUsedKb - r.mem0.heapUsedKb) / m.streams : Number.NaN);
  const rssRuns = r.memoryRuns.map(({ mem0, mem5000 }) => perStreamKb(mem5000, mem0));
  const rssMedian = median(rssRuns);

  const phases: [string, Round][] = [
    ['1 baseline: 1 stream, 1 company', base],
    [`2 one company: ${ONE_COMPANY_USERS} users × ${STREAMS_PER_USER}`, r.one],
    [`3 ${MANY_COMPANIES} companies × ${STREAMS_PER_COMPANY} streams`, r.spread],
    [`3b own company, ${(r.own.streamsOpen - 1).toLocaleString('en-US')} others open`, r.own],
    [`4 ${MOST_COMPANIES.toLocaleString('en-US')} companies × ${STREAMS_PER_COMPANY} streams`, r.most],
  ];

  const delivery = {
    title: 'live — delivery: POST /claims response → the LAST receiving stream has the claim.created event (ms)',
    head: ['phase', 'streams', 'receivers', 'POSTs', 'p50', 'p99', 'p50 vs base', 'p99 vs base', 'POST rtt p50', 'timeouts'],
    rows: phases.map(([name, x]) => [
      name,
      x.streamsOpen.toLocaleString('en-US'),
      x.receivers.toLocaleString('en-US'),
      String(x.posts),
      num(p50(x)),
      num(p99(x)),
      x === base ? '×1.00' : ratio(p50(x), p50(base)),
      x === base ? '×1.00' : ratio(p99(x), p99(base)),
      num(median(x.postRtts)),
      String(x.timeouts),
    ]),
  };

  const cost = {
    title: 'live — cost: server CPU (utime+stime from /proc) per commit, and the client (this process) beside it',
    head: ['phase', 'server CPU ms/commit', 'vs base', 'server idle CPU ms/s', 'client CPU ms/commit', 'client busy %', 'client loop delay p99 ms'],
    rows: phases.map(([name, x]) => [
      name,
      num(perCommit(x)),
      x === base ? '×1.00' : ratio(perCommit(x), perCommit(base)),
      num(x.serverIdleCpuMsPerS, 0),
      num(x.clientCpuMs / x.posts),
      num((x.clientCpuMs / x.wallMs) * 100, 0),
      num(x.loopDelayP99Ms),
    ]),
  };

  const memRows: [string, Memory][] = [
    ['0 streams (after warm-up)', r.mem0],
    [`${r.mem1000.streams.toLocaleString('en-US')} idle streams, one company`, r.mem1000],
    [`${r.mem5000.streams.toLocaleString('en-US')} idle streams, ${MANY_COMPANIES} companies`, r.mem5000],
    [`${r.mem10000.streams.toLocaleString('en-US')} idle streams, ${MOST_COMPANIES.toLocaleString('en-US')} companies`, r.mem10000],
  ];
  const memoryTable = {
    title: 'live — server memory with idle streams open (after a forced GC, min of 5 samples)',
    head: ['state', 'RSS MB', 'heap used MB', 'RSS KB/stream', 'heap KB/stream'],
    rows: memRows
      .map(([name, m]) => [name, num(m.rssKb / 1024), num(m.heapUsedKb / 1024), num(perStreamKb(m)), num(heapPerStreamKb(m))])
      .concat([
        // What one more idle stream costs once the process holds many: the slope between the two
        // counts, free of the fixed growth (heap reservations) that the first thousand pay for.
        [
          `each stream from ${r.mem1000.streams.toLocaleString('en-US')} to ${r.mem5000.streams.toLocaleString('en-US')}`,
          '',
          '',
          num(marginalKb(r.mem1000, r.mem5000, 'rssKb')),
          num(marginalKb(r.mem1000, r.mem5000, 'heapUsedKb')),
        ],
        [`${r.mem5000.streams.toLocaleString('en-US')} idle streams, ${MEMORY_RUNS} servers: ${rssRuns.map((kb) => num(kb)).join(', ')}`, '', '', `${num(rssMedian)} median`, ''],
      ]),
  };

  const openingTable = {
    title: 'live — opening the streams (100 at a time)',
    head: ['streams', 'count', 'failed', 'wall s', 'server CPU ms/open', 'client CPU ms/open'],
    rows: r.openings.map((o) => [o.label, o.streams.toLocaleString('en-US'), String(o.failed), num(o.wallMs / 1000), num(o.serverCpuMs / o.streams, 2), num(o.clientCpuMs / o.streams, 2)]),
  };

  const deliveryBudget = (name: string, x: Round, limitMs: number): Budget => ({
    name,
    target: `p99 ≤ ${num(limitMs)} ms`,
    value: `p99 ${num(p99(x))} ms (p50 ${num(p50(x))})${x.timeouts > 0 ? `, ${x.timeouts} timed out` : ''}${x.leaks > 0 ? `, ${x.leaks} to another company` : ''}`,
    pass: x.posts > 0 && p99(x) <= limitMs && x.timeouts === 0 && x.leaks === 0,
  });
  const budgets: Budget[] = [
    deliveryBudget(`delivery to ${r.one.receivers.toLocaleString('en-US')} streams of one company`, r.one, TARGETS.oneCompanyP99Ms),
    deliveryBudget(`delivery to one company's stream, ${(r.own.streamsOpen - 1).toLocaleString('en-US')} others open (≈ baseline: ×1.5 or +5 ms)`, r.own, ownTarget),
    deliveryBudget(`delivery with ${r.most.streamsOpen.toLocaleString('en-US')} streams open in the process`, r.most, TARGETS.mostStreamsP99Ms),
    {
      name: `RSS per idle stream at ${r.mem5000.streams.toLocaleString('en-US')}, median of ${MEMORY_RUNS} servers`,
      target: `≤ ${TARGETS.rssPerIdleStreamKb} KB`,
      value: `${num(rssMedian)} KB (${rssRuns.map((kb) => num(kb)).join(', ')})`,
      pass: rssRuns.length === MEMORY_RUNS && rssMedian <= TARGETS.rssPerIdleStreamKb,
    },
  ];

  const rounds = [base, r.one, r.spread, r.own, r.most];
  const early = rounds.reduce((sum, x) => sum + x.early, 0);
  const leaks = rounds.reduce((sum, x) => sum + x.leaks, 0);
  const notes = [
    `One server process (pid ${r.server.pid}, SQLite WAL in a temporary file, default 15 s heartbeat, MALLOC_ARENA_MAX=2 as \`npm run api\` sets); clients in this process over node:http, one connection per stream. ${os.cpus().length} CPUs, Node ${process.version}, ulimit -n ${r.limit ?? 'unknown'}.`,
    `p50/p99 are nearest-rank over each phase's POSTs: with 50 (or 20) POSTs, p99 is the slowest one. POSTs run one after another; each waits for its deliveries before the next.`,
    `"client busy %" near 100 would mean the client, not the server, limits delivery; "server idle CPU" is measured just before the POSTs with the same streams open.`,
    ...(early > 0 ? [`${early} deliveries reached every stream before the POST's response did (negative latency, kept as measured).`] : []),
    ...(leaks > 0 ? [`WARNING: ${leaks} deliveries reached a stream of another company.`] : []),
  ];

  const phaseResult = (x: Round) => ({
    streamsOpen: x.streamsOpen,
    receiversPerPost: x.receivers,
    posts: x.posts,
    delivered: x.latencies.length,
    timeouts: x.timeouts,
    p50Ms: round(p50(x)),
    p99Ms: round(p99(x)),
    p50VsBaseline: round(p50(x) / p50(base), 3),
    p99VsBaseline: round(p99(x) / p99(base), 3),
    postRttP50Ms: round(median(x.postRtts)),
    serverCpuMsPerCommit: round(perCommit(x)),
    serverCpuVsBaseline: round(perCommit(x) / perCommit(base), 3),
    serverIdleCpuMsPerS: round(x.serverIdleCpuMsPerS, 0),
    clientCpuMsPerCommit: round(x.clientCpuMs / x.posts),
    clientBusyPercent: round((x.clientCpuMs / x.wallMs) * 100, 1),
    clientLoopDelayP99Ms: round(x.loopDelayP99Ms),
    crossCompanyDeliveries: x.leaks,
    latenciesMs: x.latencies.map((v) => round(v)),
  });
  const memResult = (m: Memory) => ({
    streams: m.streams,
    rssKb: m.rssKb,
    heapUsedKb: round(m.heapUsedKb, 0),
    rssKbPerStream: round(perStreamKb(m)),
    heapKbPerStream: round(heapPerStreamKb(m)),
    serverCountedStreams: m.liveStreams,
  });

  return {
    name: 'live',
    tables: [delivery, cost, memoryTable, openingTable, budgetTable('live — budgets', budgets)],
    notes,
    results: {
      phases: {
        baseline: phaseResult(base),
        oneCompany1000: phaseResult(r.one),
        companies500x10: phaseResult(r.spread),
        ownCompanyWith5000Others: phaseResult(r.own),
        companies1000x10: phaseResult(r.most),
      },
      memory: {
        mallocArenaMax: 2,
        idle0: memResult(r.mem0),
        idle1000: memResult(r.mem1000),
        idle5000: memResult(r.mem5000),
        idle10000: memResult(r.mem10000),
        rssKbPerStreamFrom1000To5000: round(marginalKb(r.mem1000, r.mem5000, 'rssKb')),
        rssKbPerStreamAt5000Runs: rssRuns.map((kb) => round(kb)),
        rssKbPerStreamAt5000Median: round(rssMedian),
      },
      openings: r.openings.map((o) => ({ ...o, wallMs: round(o.wallMs, 0), serverCpuMs: round(o.serverCpuMs, 0), clientCpuMs: round(o.clientCpuMs, 0) })),
      targets: {
        oneCompanyP99Ms: TARGETS.oneCompanyP99Ms,
        ownDeliveryP99Ms: round(ownTarget),
        mostStreamsP99Ms: TARGETS.mostStreamsP99Ms,
        rssPerIdleStreamKb: TARGETS.rssPerIdleStreamKb,
      },
    },
    budgets,
  };
}
