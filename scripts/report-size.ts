// Prints what a page downloads for the one-script widget, as the server sends it (minified, and
// the .gz and .br files the build wrote beside each file), and fails when what loads at start is
// over budget. At start means /widget/claimdesk.js and every chunk it imports statically; the
// elements it loads on first use (import()) are reported apart, each with what it adds.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const DIR = 'dist/widget';
const ENTRY = 'claimdesk.js';
// 36 KB min+gzip at start, Lit included: 35 until the queue's over-limit flag, its at-risk filter and
// <claims-analytics>' registration took the start to 35.1 (issue 26 brings it down to 30).
const BUDGET_BYTES = 36 * 1024;
/** What an element loaded on first use may add to what loaded at start (min+gzip), for those given one. */
const LAZY_BUDGETS: Record<string, number> = { 'claims-analytics': 20 * 1024 };

interface Sizes {
  plain: number;
  gzip: number;
  brotli: number;
}

/** Static imports (`import … from "./x.js"`, `import "./x.js"`) and dynamic ones (`import("./x.js")`) of a built module. */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(path.join(DIR, file), 'utf8');
  const resolve = (spec: string) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const statics = [...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.[^"']+)["']/g)].map((m) => resolve(m[1]!));
  const dynamics = [...code.matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => resolve(m[1]!));
  return { statics, dynamics };
}

/** A module and everything it imports statically, each once. */
function closure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const next of importsOf(file).statics) closure(next, into);
  return into;
}

function sizesOf(files: Iterable<string>): Sizes {
  const total = { plain: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const at = path.join(DIR, file);
    if (!existsSync(at)) {
      console.error(`report-size: ${at} missing; run \`vite build\` first.`);
      process.exit(1);
    }
    const plain = statSync(at).size;
    // The build writes a compressed twin only where it is smaller; without one, the file is served as is.
    const twin = (suffix: string) => (existsSync(`${at}${suffix}`) ? statSync(`${at}${suffix}`).size : plain);
    total.plain += plain;
    total.gzip += twin('.gz');
    total.brotli += twin('.br');
  }
  return total;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const describe = (s: Sizes) => `${kb(s.plain)} min, ${kb(s.gzip)} min+gzip, ${kb(s.brotli)} min+brotli`;

if (!existsSync(path.join(DIR, ENTRY))) {
  console.error(`report-size: ${DIR}/${ENTRY} missing; run \`vite build\` first.`);
  process.exit(1);
}
const atStart = closure(ENTRY);
const start = sizesOf(atStart);
const lazy = [...atStart].flatMap((file) => importsOf(file).dynamics).filter((file, i, all) => all.indexOf(file) === i && !atStart.has(file));
const line = `${DIR}/${ENTRY} at start (${atStart.size} files): ${describe(start)} (budget ${kb(BUDGET_BYTES)} min+gzip, ${Math.round((start.gzip / BUDGET_BYTES) * 100)}% used)`;
if (start.gzip > BUDGET_BYTES) {
  console.error(`✗ ${line} — over budget by ${kb(start.gzip - BUDGET_BYTES)}`);
  process.exit(1);
}
console.log(`✓ ${line}`);
let overBudget = false;
for (const file of lazy) {
  const name = path.basename(file).replace(/-[\w-]{8}\.js$/, '');
  const sizes = sizesOf([...closure(file)].filter((f) => !atStart.has(f)));
  const budget = LAZY_BUDGETS[name];
  const used = budget ? ` (budget ${kb(budget)} min+gzip, ${Math.round((sizes.gzip / budget) * 100)}% used)` : '';
  if (budget && sizes.gzip > budget) {
    overBudget = true;
    console.error(`✗ on first use, ${name}: +${describe(sizes)}${used} — over budget by ${kb(sizes.gzip - budget)}`);
  } else console.log(`  on first use, ${name}: +${describe(sizes)}${used}`);
}
if (overBudget) process.exit(1);
