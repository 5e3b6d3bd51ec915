/**
 * `npm run bench`: every part; `npm run bench -- <name> [<name>…]`: only those.
 *
 * Benchmarks, never tests: figures are ratios against a baseline measured in the same run on
 * the same machine, printed beside the raw numbers, and compared with budgets that print PASS
 * or FAIL without asserting them. Each part is a file here exporting `run(): Promise<PartReport>`;
 * its results are merged into bench/results.json under its name, so running one part keeps the
 * others' last results. The run ends with every budget checked; it exits non-zero only when a
 * part failed to run or a gating budget failed (a list or search query planned as a full scan).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { budgetTable, formatTable, type Budget, type PartReport } from './report.ts';

/** `alone`: run only when named, because another part already does its work (api checks the plans too). */
const PARTS: Record<string, { what: string; alone?: boolean; load: () => Promise<{ run(): Promise<PartReport> }> }> = {
  size: { what: 'the widget bundle from dist/widget: at start, <claims-list> + <claims-detail>, and Lit, gzip and brotli', load: () => import('./size.ts') },
  boot: { what: 'main-thread blocking while <claims-app> boots with 50 claims in headless Chromium, against the bare host page', load: () => import('./boot.ts') },
  photo: { what: 'a 12 MP phone photo prepared for upload in headless Chromium (scaled, re-encoded, EXIF reduced), in the worker and on the page, 1× and 4× CPU', load: () => import('./photo.ts') },
  api: { what: 'req/s and latency of lists, search, detail, messages and intake at 100,000 claims, against a plain route (autocannon); on PostgreSQL too with BENCH_DATABASE_URL', load: () => import('./api.ts') },
  plans: { what: 'only the query-plan check the api part runs: no full scan in lists or search (fails the bench); on PostgreSQL too with BENCH_DATABASE_URL', alone: true, load: () => import('./plans.ts') },
  intake: { what: 'claims/s opened one a request (POST /claims, 16 clients) against batches of 500 (POST /claims/batch): 10,000 each way', load: () => import('./intake.ts') },
  email: { what: 'emails rendered from precompiled templates against mjml run per email', load: () => import('./email.ts') },
  upload: { what: "a 20 MiB upload's extra server memory (RSS of a server in a child process)", load: () => import('./upload.ts') },
  dossier: { what: "a claim's dossier of 10 files of 20 MiB, streamed as one ZIP: extra server memory (RSS of a server in a child process)", load: () => import('./dossier.ts') },
  paging: { what: 'keyset paging: a page 19,000 claims deep against page 2', load: () => import('./paging.ts') },
  live: { what: 'the live stream (SSE) of one server process: delivery latency, CPU per commit, RSS per idle stream', load: () => import('./live.ts') },
  analytics: { what: 'each analytics panel and the whole dashboard for a year at 100,000 claims with their histories, sequential requests, against a plain route; the rebuild from the log', load: () => import('./analytics.ts') },
};

/** A 1-minute load average above this, before a part starts, means something else is using the CPUs. */
const BUSY_LOAD = 0.5;

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

function usage(): string {
  return [
    'usage: npm run bench [-- <part>…]',
    'parts:',
    ...Object.entries(PARTS).map(([name, p]) => `  ${name.padEnd(8)} ${p.what}${p.alone ? ' (only when named)' : ''}`),
  ].join('\n');
}

function gitDescribe(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    // No optional locks: a bench run never takes the index lock from someone working in the tree.
    const dirty = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain', '--', 'api'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (api/ modified)` : head;
  } catch {
    return null;
  }
}

function saveResults(report: PartReport, run: { seconds: number; loadBefore: number }): void {
  let all: Record<string, unknown> = {};
  if (existsSync(RESULTS)) {
    try {
      all = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
    } catch {
      console.error(`bench/results.json was not valid JSON; starting it afresh`);
    }
  }
  all[report.name] = {
    at: new Date().toISOString(),
    // A free label for the run, e.g. BENCH_LABEL="before the feed rewrite".
    ...(process.env.BENCH_LABEL ? { label: process.env.BENCH_LABEL } : {}),
    commit: gitDescribe(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version, platform: `${os.platform()} ${os.release()}` },
    seconds: Math.round(run.seconds),
    // Other work on the machine skews timings: the 1-minute load average as the part began.
    loadBefore: Math.round(run.loadBefore * 100) / 100,
    ...report.results,
  };
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage());
  process.exit(0);
}
const unknown = args.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(`unknown bench part: ${unknown.join(', ')}\n${usage()}`);
  process.exit(2);
}
const chosen = args.length > 0 ? args : Object.keys(PARTS).filter((name) => !PARTS[name]!.alone);

let failed = false;
const budgets: { part: string; budget: Budget }[] = [];
for (const name of chosen) {
  console.error(`bench ${name}: ${PARTS[name]!.what}`);
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > BUSY_LOAD) console.error(`bench ${name}: the machine is busy (load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores); timings will be noisy`);
  const started = performance.now();
  try {
    const { run } = await PARTS[name]!.load();
    const report = await run();
    const seconds = (performance.now() - started) / 1000;
    console.log('');
    for (const table of report.tables) console.log(`${formatTable(table)}\n`);
    for (const note of report.notes) console.log(note);
    if (report.notes.length > 0) console.log('');
    saveResults(report, { seconds, loadBefore });
    for (const budget of report.budgets ?? []) budgets.push({ part: name, budget });
    console.error(`bench ${name}: done in ${seconds.toFixed(0)} s; results written to bench/results.json`);
  } catch (error) {
    failed = true;
    console.error(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
if (budgets.length > 0) {
  const summary = budgetTable(
    'budgets — every part run',
    budgets.map(({ part, budget }) => ({ ...budget, name: `${part}: ${budget.name}` })),
  );
  console.log(`${formatTable(summary)}\n`);
  const passed = budgets.filter(({ budget }) => budget.pass).length;
  console.log(`${passed} of ${budgets.length} budgets met`);
}
const gateFailed = budgets.some(({ budget }) => budget.gate && !budget.pass);
if (gateFailed) console.error('bench: a gating budget failed (see "fails the bench" above)');
// Parts close what they open; exit anyway so a leftover handle cannot keep the bench alive.
process.exit(failed || gateFailed ? 1 : 0);
