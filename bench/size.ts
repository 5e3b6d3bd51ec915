/**
 * `npm run bench -- size`: what a page downloads for the widget, from dist/widget as the server
 * sends it, measured as the build's check does (scripts/widget-size.ts, which holds the budgets):
 * what loads at start (the entry and its static imports), each language's main strings, loaded on
 * demand beside the start (widget/translations/languages.ts: the start holds none, so it does not
 * grow with the number of languages), everything a customer can open, what `<claims-list>` and
 * `<claims-detail>` take alone (their chunks and what those import), and Lit by itself for
 * reference (lit's modules bundled and minified by esbuild in memory, compressed here at the
 * build's settings). Budgets: at start with the largest language's main strings, and everything a
 * customer can open with one language's words. A dist older than the widget's sources is rebuilt
 * first (`vite build`), so the figures are of the code in the tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { budgetTable, num, progress, ratio, type Budget, type PartReport } from './report.ts';
import { closure, CUSTOMER_BUDGET_BYTES, CUSTOMER_ELEMENTS, ENTRY, measureWidget, sizesOf, START_BUDGET_BYTES, WIDGET_DIR, type Sizes } from '../scripts/widget-size.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/** What the built widget is made from: newer than the entry means dist is stale. */
const SOURCES = ['widget', 'domain', 'vite.config.ts', 'package-lock.json'];

function newestSource(at: string): number {
  const full = path.join(REPO, at);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs));
}

/** Rebuilds dist/widget when it is missing or older than its sources; says so when it did (the boot part uses it too). */
export function ensureBuilt(): string | null {
  const entry = path.join(WIDGET_DIR, ENTRY);
  const built = statSync(entry, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...SOURCES.map(newestSource));
  if (built >= newest) return null;
  progress(existsSync(entry) ? 'dist/widget is older than the widget sources: rebuilding (vite build)' : 'dist/widget is missing: building (vite build)');
  try {
    // vite's report goes to stderr: stdout carries the tables.
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: REPO, stdio: ['ignore', 2, 'inherit'] });
    return 'dist/widget was rebuilt from the sources in the tree before measuring.';
  } catch (error) {
    if (!existsSync(entry)) throw new Error(`vite build failed and there is no dist/widget/${ENTRY} to measure; run \`npm run build\` and look at its errors`, { cause: error });
    return `vite build failed (${(error as Error).message.split('\n')[0]}); measured the older dist/widget, which may not match the sources.`;
  }
}

function compressed(bytes: Uint8Array): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }).byteLength,
  };
}

async function litSizes(): Promise<Sizes> {
  const result = await build({
    stdin: { contents: "export * from 'lit';", resolveDir: REPO, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]!.contents;
  return { files: 1, plain: bytes.byteLength, ...compressed(bytes) };
}

const kb = (bytes: number) => num(bytes / 1024, 1);

export async function run(): Promise<PartReport> {
  const rebuilt = ensureBuilt();
  const { start, mainWords, largest, customer, customerWithSettings } = measureWidget();
  // The elements' own chunks, wherever the entry reaches them (statically or on first use).
  const reachable = closure(ENTRY, true);
  const own = [...reachable].filter((file) => /(^|\/)claims-(list|detail)[-.]/.test(path.posix.basename(file)));
  const pair = new Set(own.flatMap((file) => [...closure(file)]));
  const pairSizes = sizesOf(pair);
  const lit = await litSizes();
  const largestWords = mainWords.find((w) => w.language === largest.language)!.sizes;

  const row = (what: string, s: Sizes) => [what, String(s.files), kb(s.plain), kb(s.gzip), kb(s.brotli), ratio(s.gzip, lit.gzip)];
  const budgets: Budget[] = [
    {
      name: 'widget at start, with one language’s main strings',
      target: `≤ ${kb(START_BUDGET_BYTES)} KB gzip`,
      value: `${num(largest.startGzip / 1024, 2)} KB gzip (${largest.startGzip.toLocaleString('en-US')} B; ${largest.language}, the largest)`,
      pass: largest.startGzip <= START_BUDGET_BYTES,
    },
    {
      name: 'everything a customer can open, with one language’s words',
      target: `≤ ${kb(CUSTOMER_BUDGET_BYTES)} KB gzip`,
      value: `${num(customer.sizes.gzip / 1024, 2)} KB gzip (${customer.sizes.gzip.toLocaleString('en-US')} B; ${customer.language}, the largest)`,
      pass: customer.sizes.gzip <= CUSTOMER_BUDGET_BYTES,
    },
  ];
  return {
    name: 'size',
    tables: [
      {
        title: 'size — dist/widget as served (minified; the build’s .gz/.br), KB',
        head: ['what', 'files', 'min', 'gzip', 'brotli', 'gzip vs Lit'],
        rows: [
          row(`at start (${ENTRY} + static imports), no language's words`, start),
          row(`one language's main strings, the largest (${largest.language})`, largestWords),
          row(`everything a customer can open, each file once (${customer.language})`, customer.sizes),
          row(`the same with <claims-settings> (${customerWithSettings.language})`, customerWithSettings.sizes),
          row('<claims-list> + <claims-detail> alone', pairSizes),
          row('Lit alone (esbuild, reference)', lit),
        ],
      },
      budgetTable('size — budget', budgets),
    ],
    notes: [
      `${mainWords.length} languages, each loaded on demand, none at start: ${mainWords.map((l) => `${l.language} ${kb(l.sizes.gzip)}`).join(', ')} KB gzip.`,
      `What a customer can open: what loads at start, ${CUSTOMER_ELEMENTS.map((tag) => `<${tag}>`).join(', ')} and every chunk of words they load, in the language whose words make it largest; not the modules loaded when a file or photo goes up.`,
      `<claims-list> + <claims-detail>: ${own.map((f) => path.posix.basename(f)).join(', ') || 'no claims-list/claims-detail chunk found'} and their static imports (${pair.size} files, shared core included).`,
      ...(rebuilt ? [rebuilt] : []),
    ],
    results: {
      atStart: start,
      languages: Object.fromEntries(mainWords.map((l) => [l.language, l.sizes])),
      atStartWithLargestLanguage: largest.startGzip,
      customer: { ...customer.sizes, language: customer.language },
      customerWithSettings: { ...customerWithSettings.sizes, language: customerWithSettings.language },
      listAndDetail: { ...pairSizes, chunks: own },
      lit,
      budgetGzip: START_BUDGET_BYTES,
      customerBudgetGzip: CUSTOMER_BUDGET_BYTES,
    },
    budgets,
  };
}
