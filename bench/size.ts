/**
 * `npm run bench -- size`: what a page downloads for the widget, from dist/widget as the server
 * sends it (minified, with the .gz and .br files the build wrote beside each file, as
 * scripts/report-size.ts counts): what loads at start (the entry and its static imports), what
 * `<claims-list>` and `<claims-detail>` take alone (their chunks and what those import), and Lit
 * by itself for reference (lit's modules bundled and minified by esbuild in memory, compressed
 * here at the build's settings), and each language's main strings, loaded on demand beside the
 * start (widget/translations/languages.ts): the start holds none, so it does not grow with the
 * number of languages. Budget: ≤ 36 KB gzip at start with the largest language's main strings
 * (as scripts/report-size.ts). A dist older than the widget's
 * sources is rebuilt first (`vite build`), so the figures are of the code in the tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { budgetTable, num, progress, ratio, type Budget, type PartReport } from './report.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DIR = path.join(REPO, 'dist/widget');
const ENTRY = 'claimdesk.js';
const BUDGET_GZIP = 36 * 1024;
/** What the built widget is made from: newer than the entry means dist is stale. */
const SOURCES = ['widget', 'domain', 'vite.config.ts', 'package-lock.json'];

interface Sizes {
  files: number;
  plain: number;
  gzip: number;
  brotli: number;
}

function newestSource(at: string): number {
  const full = path.join(REPO, at);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs));
}

/** Rebuilds dist/widget when it is missing or older than its sources; says so when it did (the boot part uses it too). */
export function ensureBuilt(): string | null {
  const entry = path.join(DIR, ENTRY);
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

/** Static (`import … from "./x.js"`, `import "./x.js"`) and dynamic (`import("./x.js")`) imports of a built module. */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(path.join(DIR, file), 'utf8');
  const resolve = (spec: string) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const statics = [...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.[^"']+)["']/g)].map((m) => resolve(m[1]!));
  const dynamics = [...code.matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => resolve(m[1]!));
  return { statics, dynamics };
}

/** A module and everything it imports statically (and dynamically, when asked), each once. */
function closure(file: string, dynamic = false, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  const { statics, dynamics } = importsOf(file);
  for (const next of dynamic ? [...statics, ...dynamics] : statics) closure(next, dynamic, into);
  return into;
}

function compressed(bytes: Uint8Array): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }).byteLength,
  };
}

function sizesOf(files: Iterable<string>): Sizes {
  const total: Sizes = { files: 0, plain: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const at = path.join(DIR, file);
    const plain = statSync(at).size;
    // The build writes a compressed twin only where it is smaller; without one, the file is served as is.
    const twin = (suffix: string) => statSync(`${at}${suffix}`, { throwIfNoEntry: false })?.size ?? plain;
    total.files++;
    total.plain += plain;
    total.gzip += twin('.gz');
    total.brotli += twin('.br');
  }
  return total;
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
  const atStart = closure(ENTRY);
  const start = sizesOf(atStart);
  // The elements' own chunks, wherever the entry reaches them (statically or on first use).
  const reachable = closure(ENTRY, true);
  const own = [...reachable].filter((file) => /(^|\/)claims-(list|detail)[-.]/.test(path.posix.basename(file)));
  const pair = new Set(own.flatMap((file) => [...closure(file)]));
  const pairSizes = sizesOf(pair);
  const lit = await litSizes();
  // Each language's main strings: `<language>-<hash>.js`, imported on demand from what loads at start.
  const languages = [...new Set([...atStart].flatMap((file) => importsOf(file).dynamics))]
    .filter((file) => /^[a-z]{2}-[\w-]{8}\.js$/.test(path.posix.basename(file)))
    .map((file) => ({ language: path.posix.basename(file).slice(0, 2), sizes: sizesOf([...closure(file)].filter((f) => !atStart.has(f))) }));
  const largest = languages.reduce((top, l) => (l.sizes.gzip > top.sizes.gzip ? l : top), languages[0] ?? { language: '—', sizes: { files: 0, plain: 0, gzip: 0, brotli: 0 } });
  const withWords = start.gzip + largest.sizes.gzip;

  const row = (what: string, s: Sizes) => [what, String(s.files), kb(s.plain), kb(s.gzip), kb(s.brotli), ratio(s.gzip, lit.gzip)];
  const budgets: Budget[] = [
    {
      name: 'widget at start, with one language’s main strings',
      target: `≤ ${kb(BUDGET_GZIP)} KB gzip`,
      value: `${num(withWords / 1024, 2)} KB gzip (${withWords.toLocaleString('en-US')} B; ${largest.language}, the largest)`,
      pass: withWords <= BUDGET_GZIP,
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
          row(`one language's main strings, the largest (${largest.language})`, largest.sizes),
          row('<claims-list> + <claims-detail> alone', pairSizes),
          row('Lit alone (esbuild, reference)', lit),
        ],
      },
      budgetTable('size — budget', budgets),
    ],
    notes: [
      `${languages.length} languages, each loaded on demand, none at start: ${languages.map((l) => `${l.language} ${kb(l.sizes.gzip)}`).join(', ')} KB gzip.`,
      `<claims-list> + <claims-detail>: ${own.map((f) => path.posix.basename(f)).join(', ') || 'no claims-list/claims-detail chunk found'} and their static imports (${pair.size} files, shared core included).`,
      ...(rebuilt ? [rebuilt] : []),
    ],
    results: {
      atStart: start,
      languages: Object.fromEntries(languages.map((l) => [l.language, l.sizes])),
      atStartWithLargestLanguage: withWords,
      listAndDetail: { ...pairSizes, chunks: own },
      lit,
      budgetGzip: BUDGET_GZIP,
    },
    budgets,
  };
}
