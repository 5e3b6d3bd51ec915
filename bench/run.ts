/**
 * `npm run bench`: every part; `npm run bench -- <name> [<name>…]`: only those.
 *
 * Benchmarks, never tests: figures are ratios against a baseline measured in the same run on
 * the same machine, printed beside the raw numbers, and compared with targets without
 * asserting them. Each part is a file here exporting `run(): Promise<PartReport>`; its
 * results are merged into bench/results.json under its name, so running one part keeps the
 * others' last results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, type PartReport } from './report.ts';

const PARTS: Record<string, { what: string; load: () => Promise<{ run(): Promise<PartReport> }> }> = {
  paging: { what: 'keyset paging: a page 19,000 claims deep against page 2', load: () => import('./paging.ts') },
  live: { what: 'the live stream (SSE) of one server process: delivery latency, CPU per commit, RSS per idle stream', load: () => import('./live.ts') },
};

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

function usage(): string {
  return ['usage: npm run bench [-- <part>…]', 'parts:', ...Object.entries(PARTS).map(([name, p]) => `  ${name.padEnd(8)} ${p.what}`)].join('\n');
}

function gitDescribe(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'api'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (api/ modified)` : head;
  } catch {
    return null;
  }
}

function saveResults(report: PartReport): void {
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
const chosen = args.length > 0 ? args : Object.keys(PARTS);

let failed = false;
for (const name of chosen) {
  console.error(`bench ${name}: ${PARTS[name]!.what}`);
  try {
    const { run } = await PARTS[name]!.load();
    const report = await run();
    console.log('');
    for (const table of report.tables) console.log(`${formatTable(table)}\n`);
    for (const note of report.notes) console.log(note);
    if (report.notes.length > 0) console.log('');
    saveResults(report);
    console.error(`bench ${name}: results written to bench/results.json`);
  } catch (error) {
    failed = true;
    console.error(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
// Parts close what they open; exit anyway so a leftover handle cannot keep the bench alive.
process.exit(failed ? 1 : 0);
