/**
 * `npm run bench -- intake`: how fast a host's nightly import opens claims, in claims per second,
 * one claim a request (POST /claims from CLIENTS clients at once) against batches (POST
 * /claims/batch, BATCH claims a request, one request after another), in the same run, on the same
 * server: CLAIMS claims each way (BENCH_INTAKE_CLAIMS, default 10,000), each with its events,
 * checklist, and the notifications and emails of its company's users.
 *
 * The server runs in a child process (bench/api-server.ts: the outbox worker held, write limits
 * lifted) on a fresh SQLite file, or on a fresh schema of the PostgreSQL server
 * BENCH_INTAKE_DATABASE_URL names. COMPANIES companies are synced first, each with an admin and a
 * member with claims access (who get a notification, and the admin an email, per claim). Single
 * intake runs first, then the batches: both into a database already holding the claims before.
 * Budget, reported and not asserted: batches at least BUDGET_BATCH_VS_SINGLE times single's rate.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { MAX_BATCH_CLAIMS } from '../api/claims/claims.schema.ts';
import { API_KEY, claimInput, JWT_SECRET } from '../api/testing/harness.ts';
import { startChildServer, type ChildServer } from './child.ts';
import { budgetTable, num, percentile, progress, ratio, round, type Budget, type PartReport } from './report.ts';

const CLAIMS = Number(process.env.BENCH_INTAKE_CLAIMS ?? 10_000);
const CLIENTS = 16;
const BATCH = MAX_BATCH_CLAIMS;
const COMPANIES = 50;
const WARMUP_CLAIMS = 200;
/** Batches must open claims at least this many times as fast as single requests do, in the same run. */
const BUDGET_BATCH_VS_SINGLE = 2;

interface Way {
  label: string;
  claims: number;
  requests: number;
  seconds: number;
  cpuMs: number;
  latencies: number[];
}

const KEY_HEADERS = { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' };

async function send(server: ChildServer, method: string, route: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/api/v1${route}`, { method, headers: KEY_HEADERS, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** CLAIMS fresh claims over the companies, their externalRefs tagged with `tag`. */
function claimsFor(tag: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const company = `co_intake_${i % COMPANIES}`;
    return claimInput({ company: { id: company, name: `Cliente ${i % COMPANIES}` }, externalRef: `${tag}-${i}`, trackingNumber: `PW-${String(i).padStart(8, '0')}` });
  });
}

async function measure(server: ChildServer, label: string, claims: number, run: (latencies: number[]) => Promise<number>): Promise<Way> {
  const latencies: number[] = [];
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  const requests = await run(latencies);
  return { label, claims, requests, seconds: (performance.now() - started) / 1000, cpuMs: server.cpuMs() - cpuBefore, latencies };
}

/** One claim a request, CLIENTS requests in flight, as many single-claim clients would import. */
async function single(server: ChildServer, inputs: ReturnType<typeof claimsFor>, latencies: number[]): Promise<number> {
  let next = 0;
  const client = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      const sent = performance.now();
      const { status, json } = await send(server, 'POST', '/claims', input);
      latencies.push(performance.now() - sent);
      if (status !== 201) throw new Error(`POST /claims: ${status} ${JSON.stringify(json)}`);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return inputs.length;
}

/** BATCH claims a request, one request after another, as one import job would send them. */
async function batches(server: ChildServer, inputs: ReturnType<typeof claimsFor>, latencies: number[]): Promise<number> {
  let requests = 0;
  for (let start = 0; start < inputs.length; start += BATCH) {
    const sent = performance.now();
    const { status, json } = await send(server, 'POST', '/claims/batch', { claims: inputs.slice(start, start + BATCH) });
    latencies.push(performance.now() - sent);
    if (status !== 200 || json.counts.created !== Math.min(BATCH, inputs.length - start)) throw new Error(`POST /claims/batch: ${status} ${JSON.stringify(json).slice(0, 500)}`);
    requests++;
  }
  return requests;
}

/** Where the server keeps its data: a fresh SQLite file, or a fresh schema of BENCH_INTAKE_DATABASE_URL. */
async function database(dir: string): Promise<{ url: string; engine: string; drop(): Promise<void> }> {
  const base = process.env.BENCH_INTAKE_DATABASE_URL;
  if (!base) return { url: `sqlite:${path.join(dir, 'intake.sqlite')}`, engine: 'SQLite (WAL), a fresh file', drop: async () => {} };
  const schema = `bench_intake_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), engine: `PostgreSQL, a fresh schema of ${url.host}`, drop: () => admin(`drop schema ${schema} cascade`) };
}

export async function run(): Promise<PartReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-intake-'));
  const db = await database(dir);
  const unlimited = String(1_000_000_000);
  const server = await startChildServer('./api-server.ts', {
    DATABASE_URL: db.url,
    DATA_DIR: dir,
    CLAIMS_JWT_SECRET: JWT_SECRET,
    CLAIMS_API_KEY: API_KEY,
    PORT: '0',
    WRITES_PER_MINUTE_PER_USER: unlimited,
    WRITES_PER_MINUTE_PER_ADDRESS: unlimited,
    API_KEY_WRITES_PER_MINUTE: unlimited,
    DEADLINE_WARNING_HOURS: '',
  });
  try {
    progress(`syncing ${COMPANIES} companies, each with an admin and a member with claims access`);
    for (let c = 0; c < COMPANIES; c++) {
      for (const role of ['admin', 'member'] as const) {
        const { status } = await send(server, 'PUT', `/companies/co_intake_${c}/users/${role}-${c}`, {
          name: `${role} ${c}`,
          email: `${role}-${c}@cliente${c}.test`,
          role,
          claimsAccess: true,
          notifications: 'in_app_and_email',
        });
        if (status !== 201) throw new Error(`syncing ${role} of co_intake_${c}: ${status}`);
      }
    }
    progress(`warm-up: ${WARMUP_CLAIMS} claims each way`);
    await single(server, claimsFor('WARM-SINGLE', WARMUP_CLAIMS), []);
    await batches(server, claimsFor('WARM-BATCH', WARMUP_CLAIMS), []);

    const tag = Date.now().toString(36);
    progress(`single intake: ${CLAIMS.toLocaleString('en-US')} claims, POST /claims from ${CLIENTS} clients at once`);
    const one = await measure(server, `POST /claims, ${CLIENTS} clients at once`, CLAIMS, (latencies) => single(server, claimsFor(`SINGLE-${tag}`, CLAIMS), latencies));
    progress(`batch intake: ${CLAIMS.toLocaleString('en-US')} claims, POST /claims/batch of ${BATCH}, one after another`);
    const many = await measure(server, `POST /claims/batch of ${BATCH}, one at a time`, CLAIMS, (latencies) => batches(server, claimsFor(`BATCH-${tag}`, CLAIMS), latencies));

    const rate = (way: Way) => way.claims / way.seconds;
    const per10k = (way: Way) => (way.seconds * 10_000) / way.claims;
    const budgets: Budget[] = [
      {
        name: 'batch intake against single intake, claims/s',
        target: `≥ ×${BUDGET_BATCH_VS_SINGLE}`,
        value: `${ratio(rate(many), rate(one))}: 10,000 claims in ${num(per10k(many), 1)} s against ${num(per10k(one), 1)} s`,
        pass: rate(many) / rate(one) >= BUDGET_BATCH_VS_SINGLE,
      },
    ];
    return {
      name: 'intake',
      tables: [
        {
          title: `intake — ${CLAIMS.toLocaleString('en-US')} claims each way into ${COMPANIES} companies (2 users each), ${db.engine}; same run, same server`,
          head: ['how', 'claims/s', 'vs single', 'seconds', 'requests', 'p50 ms/request', 'p99 ms/request', 'server CPU ms/claim'],
          rows: [one, many].map((way) => [
            way.label,
            num(rate(way), 0),
            ratio(rate(way), rate(one)),
            num(way.seconds, 1),
            way.requests.toLocaleString('en-US'),
            num(percentile(way.latencies, 50), 0),
            num(percentile(way.latencies, 99), 0),
            num(way.cpuMs / way.claims, 2),
          ]),
        },
        budgetTable('intake — budget', budgets),
      ],
      notes: [
        `each claim: its row, search and list indexes, counts, claim.created event, checklist, and per company user a notification (and an email row for the admin); the server in a child process (${os.cpus().length} cores shared with the clients).`,
      ],
      results: {
        claims: CLAIMS,
        companies: COMPANIES,
        engine: db.engine,
        single: { clients: CLIENTS, claimsPerSecond: round(rate(one), 0), seconds: round(one.seconds, 2), serverCpuMsPerClaim: round(one.cpuMs / one.claims, 3) },
        batch: { claimsPerRequest: BATCH, claimsPerSecond: round(rate(many), 0), seconds: round(many.seconds, 2), serverCpuMsPerClaim: round(many.cpuMs / many.claims, 3) },
        batchVsSingle: round(rate(many) / rate(one), 2),
      },
      budgets,
    };
  } finally {
    await server.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
