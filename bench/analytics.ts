/**
 * `npm run bench -- analytics`: the staff's analytics at 100,000 claims with their histories (the
 * api part's data set, bench/api-dataset.ts), each panel and the whole dashboard for a year of
 * them, asked by a handler one request after another, against the plain Hono route of the same
 * server. Budgets: each panel's p99 ≤ 100 ms, the dashboard's ≤ 300 ms (the dashboard also
 * narrowed to one company, one carrier, one type and scope). Reported, not asserted.
 *
 * Also measured: how long rebuilding the read models from the log takes (rebuildAnalytics on the
 * run's copy, as a deployment's first start after the migration does); and the plan of every
 * statement one dashboard request runs, which must read each table through an index (a bare
 * SCAN of any table fails the bench: a panel that reads a table whole grows with the history,
 * not with the period).
 */
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { rebuildAnalytics } from '../api/analytics/read-models.ts';
import { signUserToken } from '../api/auth/tokens.ts';
import { openDatabase } from '../api/db/connect.ts';
import { API_KEY, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { ANALYTICS_PANELS } from '../domain/analytics.ts';
import { discardRunCopy, prepareDataset, RUN_DATA_DIR } from './api-dataset.ts';
import { startChildServer, type ChildServer } from './child.ts';
import { budgetTable, median, num, percentile, progress, ratio, round, type Budget, type PartReport } from './report.ts';

/** Sequential requests measured per route, after WARMUP unmeasured ones. */
const REQUESTS = Number(process.env.BENCH_ANALYTICS_REQUESTS ?? 100);
const WARMUP = 5;
const BUDGET = { panelP99Ms: 100, dashboardP99Ms: 300 };
/** A year of the data set's claims (it spans 2024 and 2025): 50,000 opened in it, the most the console asks for routinely. */
const PERIOD = 'from=2025-01-01&to=2025-12-31';

interface Route {
  key: string;
  label: string;
  path: string;
  kind: 'baseline' | 'panel' | 'dashboard';
}

interface Timed extends Route {
  p50: number;
  p99: number;
  bytes: number;
}

async function timeRoute(server: ChildServer, headers: Record<string, string>, route: Route): Promise<Timed> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(`${server.url}${route.path}`, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`${route.label}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 500)}`);
    return { ms, bytes: body.byteLength };
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const { ms, bytes: size } = await once();
    times.push(ms);
    bytes = size;
  }
  return { ...route, p50: median(times), p99: percentile(times, 99), bytes };
}

/** Every table of the database: a bare `SCAN <table>` of one is a full scan (a `SCAN` of a subquery's rows is not). */
function fullScans(db: SQLite.Database, plan: string[]): string[] {
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]));
  return plan.filter((line) => {
    const match = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(line.trim());
    return !!match && tables.has(match[1]!) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(match[2]!);
  });
}

async function checkPlans(server: ChildServer, file: string, headers: Record<string, string>, paths: string[]) {
  const db = new SQLite(file, { readonly: true });
  try {
    const checked: Array<{ path: string; statements: number; scans: Array<{ sql: string; plan: string[] }> }> = [];
    for (const path of paths) {
      await server.ask('record');
      const res = await fetch(`${server.url}${path}`, { headers });
      await res.arrayBuffer();
      const { statements } = await server.ask<{ statements: Array<{ sql: string; params: unknown[] }> }>('recorded');
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      const reads = statements.filter((statement) => /^\s*(select|with)\b/i.test(statement.sql));
      const scans = reads
        .map((statement) => ({
          sql: statement.sql.replace(/\s+/g, ' '),
          plan: (db.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as Array<{ detail: string }>).map((row) => row.detail),
        }))
        .filter((statement) => fullScans(db, statement.plan).length > 0);
      checked.push({ path, statements: reads.length, scans });
    }
    return checked;
  } finally {
    db.close();
  }
}

export async function run(): Promise<PartReport> {
  const dataset = await prepareDataset();
  let server: ChildServer | undefined;
  try {
    progress('rebuilding the analytics read models from the log (as a first start after the migration does)');
    const db = openDatabase(`sqlite:${dataset.file}`);
    const rebuildStarted = performance.now();
    const built = (await rebuildAnalytics(db))!;
    const rebuildMs = performance.now() - rebuildStarted;
    const rows = {
      claims: Number((await db.selectFrom('analytics_claims').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      stays: Number((await db.selectFrom('analytics_phase_stays').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      reviews: Number((await db.selectFrom('analytics_reviews').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    };
    await db.destroy();
    progress(`rebuilt in ${(rebuildMs / 1000).toFixed(1)} s: ${JSON.stringify(rows)}`);

    progress('starting the API server (child process) on the copy');
    server = await startChildServer('./api-server.ts', {
      DATABASE_URL: `sqlite:${dataset.file}`,
      DATA_DIR: RUN_DATA_DIR,
      CLAIMS_JWT_SECRET: JWT_SECRET,
      CLAIMS_API_KEY: API_KEY,
      // The bench's token outlives its run: signed once, for 2 hours.
      CLAIMS_TOKEN_MAX_LIFETIME: '7200',
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    const headers = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.handler, 7200)}` };

    const routes: Route[] = [
      { key: 'plain', label: 'plain Hono route (baseline)', path: '/bench/plain', kind: 'baseline' },
      ...ANALYTICS_PANELS.map((panel): Route => ({ key: panel, label: `panel ${panel}`, path: `/api/v1/analytics/${panel}?${PERIOD}`, kind: 'panel' })),
      { key: 'dashboard', label: 'dashboard (every panel)', path: `/api/v1/analytics?${PERIOD}`, kind: 'dashboard' },
      { key: 'dashboardCompany', label: `dashboard, one company (${USERS.admin.company}: 10% of claims)`, path: `/api/v1/analytics?${PERIOD}&companyId=${USERS.admin.company}`, kind: 'dashboard' },
      { key: 'dashboardCarrier', label: 'dashboard, one carrier (SEUR: 1 in 8)', path: `/api/v1/analytics?${PERIOD}&carrier=SEUR`, kind: 'dashboard' },
      { key: 'dashboardTypeScope', label: 'dashboard, one type and scope', path: `/api/v1/analytics?${PERIOD}&type=breakage&scope=international`, kind: 'dashboard' },
    ];
    const timed: Timed[] = [];
    for (const route of routes) {
      progress(`${route.label}: ${REQUESTS} requests one after another`);
      timed.push(await timeRoute(server, headers, route));
    }
    const plain = timed.find((route) => route.kind === 'baseline')!;

    progress('checking the plans of every statement a dashboard request runs');
    const plans = await checkPlans(server, dataset.file, headers, routes.filter((route) => route.kind === 'dashboard').map((route) => route.path));
    const scanned = plans.filter((check) => check.scans.length > 0);

    const budgets: Budget[] = [
      ...timed
        .filter((route) => route.kind !== 'baseline')
        .map((route) => {
          const limit = route.kind === 'panel' ? BUDGET.panelP99Ms : BUDGET.dashboardP99Ms;
          return { name: route.label, target: `p99 ≤ ${limit} ms`, value: `p99 ${num(route.p99, 1)} ms (median ${num(route.p50, 1)})`, pass: route.p99 <= limit };
        }),
      {
        name: 'analytics queries: no full scan',
        target: 'no bare SCAN of any table',
        value: scanned.length === 0 ? `none in ${plans.reduce((n, check) => n + check.statements, 0)} statements` : scanned.map((check) => check.path).join(', '),
        pass: scanned.length === 0,
        gate: true,
      },
    ];

    return {
      name: 'analytics',
      tables: [
        {
          title: `analytics — ${dataset.claims.toLocaleString('en-US')} claims, ${dataset.events.toLocaleString('en-US')} events; period ${PERIOD.replace('&', ' ')}; ${REQUESTS} sequential requests each (after ${WARMUP})`,
          head: ['request', 'median ms', 'p99 ms', 'median vs plain', 'body KB'],
          rows: timed.map((route) => [route.label, num(route.p50, 2), num(route.p99, 2), route.kind === 'baseline' ? '×1.00' : ratio(route.p50, plain.p50), num(route.bytes / 1024, 1)]),
        },
        budgetTable('analytics — budgets', budgets),
      ],
      notes: [
        `rebuild from the log: ${built.claims.toLocaleString('en-US')} claims and ${built.events.toLocaleString('en-US')} of their events in ${(rebuildMs / 1000).toFixed(1)} s, ` +
          `into ${rows.claims.toLocaleString('en-US')} claim rows, ${rows.stays.toLocaleString('en-US')} phase stays and ${rows.reviews.toLocaleString('en-US')} review rounds.`,
        ...scanned.flatMap((check) => [`full scan in ${check.path}:`, ...check.scans.flatMap((scan) => [`  ${scan.sql.slice(0, 600)}`, ...scan.plan.map((line) => `    ${line}`)])]),
      ],
      results: {
        claims: dataset.claims,
        events: dataset.events,
        period: PERIOD,
        requests: REQUESTS,
        rebuild: { seconds: round(rebuildMs / 1000, 1), ...rows },
        routes: Object.fromEntries(timed.map((route) => [route.key, { medianMs: round(route.p50, 2), p99Ms: round(route.p99, 2), vsPlain: round(route.p50 / plain.p50, 1), bytes: route.bytes }])),
        plans: plans.map((check) => ({ path: check.path, statements: check.statements, fullScans: check.scans.length })),
      },
      budgets,
    };
  } finally {
    await server?.stop();
    discardRunCopy();
  }
}
