// Prints what a page downloads for the one-script widget, as the server sends it (minified, and
// the .gz and .br files the build wrote beside each file), and fails when what loads at start is
// over budget. At start means /widget/claimdesk.js and every chunk it imports statically; the
// elements it loads on first use (import()) are reported apart, each with what it adds.
//
// The words are catalogues loaded on demand, one chunk per language and area (widget/translations/
// languages.ts): `fr-<hash>.js` holds the main strings, `documents.fr-<hash>.js` an element's. A page
// draws only once its language's main strings are in, so the budget counts what loads at start
// plus the largest language's; and no catalogue, nor any string of one, may be in what loads at
// start: the start does not grow with the number of languages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, mainCatalogue, type WidgetLanguage } from '../widget/translations/languages.ts';

const DIR = 'dist/widget';
const ENTRY = 'claimdesk.js';
// 36 KB min+gzip at start with one language's main strings, Lit included: 35 until the queue's
// over-limit flag, its at-risk filter and <claims-analytics>' registration took the start to 35.1,
// with Spanish and English in it (issue 26 brings it down to 30); 34.9 with each language in a
// chunk of its own (31.8 without any words, for seven languages as for one).
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

const LANGUAGE_CODES: readonly string[] = Object.keys(LANGUAGES);

/** A catalogue's chunk: its area ('' for the main strings) and language; null for any other chunk. */
function catalogueOf(file: string): { area: string; language: string } | null {
  const match = /^(?:([\w-]+)\.)?([a-z]{2})-[\w-]{8}\.js$/.exec(path.posix.basename(file));
  return match && LANGUAGE_CODES.includes(match[2]!) ? { area: match[1] ?? '', language: match[2]! } : null;
}

/**
 * Every string of a catalogue long enough to be its own (short ones, "Type", may be in any code),
 * in the pieces between no-break spaces, which the minifier writes as escapes.
 */
function stringsOf(words: unknown): string[] {
  if (typeof words === 'string') return words.split(/[\u00a0\u202f]/).filter((piece) => piece.length >= 16);
  if (words && typeof words === 'object') return Object.values(words).flatMap(stringsOf);
  return [];
}

/** The files of `files` in none of `others` (Set.prototype.difference is Node 22's). */
const minus = (files: Iterable<string>, ...others: ReadonlySet<string>[]) => [...files].filter((file) => !others.some((set) => set.has(file)));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const describe = (s: Sizes) => `${kb(s.plain)} min, ${kb(s.gzip)} min+gzip, ${kb(s.brotli)} min+brotli`;

if (!existsSync(path.join(DIR, ENTRY))) {
  console.error(`report-size: ${DIR}/${ENTRY} missing; run \`vite build\` first.`);
  process.exit(1);
}
const atStart = closure(ENTRY);
const start = sizesOf(atStart);
const lazy = [...atStart].flatMap((file) => importsOf(file).dynamics).filter((file, i, all) => all.indexOf(file) === i && !atStart.has(file));

// No language at start: no catalogue chunk, and none of the main strings of any language.
const startCode = [...atStart].map((file) => readFileSync(path.join(DIR, file), 'utf8')).join('\n');
const wordsAtStart = [...atStart].filter((file) => catalogueOf(file));
for (const language of LANGUAGE_CODES as WidgetLanguage[]) {
  const found = stringsOf(await mainCatalogue.load(language)).filter((text) => startCode.includes(text));
  if (found.length) wordsAtStart.push(`${language}: «${found.slice(0, 3).join('», «')}»`);
}
if (wordsAtStart.length) {
  console.error(`✗ ${DIR}/${ENTRY} at start holds words that belong in a language's chunk: ${wordsAtStart.join('; ')}`);
  process.exit(1);
}

// The main strings of each language, one of which every page loads before it draws.
const mainWords = lazy.filter((file) => catalogueOf(file)?.area === '').map((file) => ({ file, language: catalogueOf(file)!.language, sizes: sizesOf(minus(closure(file), atStart)) }));
// Loaded before anything draws: not counted again with the words of an element that imports them.
const loadedFirst = new Set(mainWords.flatMap(({ file }) => minus(closure(file), atStart)));
const largest = mainWords.reduce<(typeof mainWords)[number] | undefined>((top, words) => (!top || words.sizes.gzip > top.sizes.gzip ? words : top), undefined);
if (!largest || mainWords.length !== LANGUAGE_CODES.length) {
  console.error(`✗ ${DIR}/${ENTRY} does not load the main strings of each language (${LANGUAGE_CODES.join(', ')}) in a chunk of its own`);
  process.exit(1);
}
const withWords = start.gzip + largest.sizes.gzip;
const line = `${DIR}/${ENTRY} at start (${atStart.size} files): ${describe(start)}, no language's words; with those of the largest language (${largest.language}) ${kb(withWords)} min+gzip (budget ${kb(BUDGET_BYTES)} min+gzip, ${Math.round((withWords / BUDGET_BYTES) * 100)}% used)`;
if (withWords > BUDGET_BYTES) {
  console.error(`✗ ${line} — over budget by ${kb(withWords - BUDGET_BYTES)}`);
  process.exit(1);
}
console.log(`✓ ${line}`);
const perLanguage = (files: string[], loaded: ReadonlySet<string>) =>
  files.map((file) => `${catalogueOf(file)!.language} +${kb(sizesOf(minus(closure(file), atStart, loaded)).gzip)}`).join(', ');
console.log(`  the main strings, one language loaded before the first draw: ${perLanguage(mainWords.map(({ file }) => file), new Set())} min+gzip`);
// The words for failures (widget/translations/problems.ts): the others an element loads come with it, below.
const problemWords = lazy.filter((file) => catalogueOf(file)?.area);
if (problemWords.length) console.log(`  the words for failures, one language loaded at a first failure or with an element loaded on use: ${perLanguage(problemWords, loadedFirst)} min+gzip`);
let overBudget = false;
for (const file of lazy.filter((f) => !catalogueOf(f))) {
  const name = path.basename(file).replace(/-[\w-]{8}\.js$/, '');
  const code = new Set(minus(closure(file), atStart));
  // With its words in one language: for each area it loads itself, the largest language's.
  const areas = new Map<string, Sizes>();
  for (const words of [...code].flatMap((f) => importsOf(f).dynamics)) {
    const catalogue = catalogueOf(words);
    if (!catalogue) continue;
    const sizes = sizesOf(minus(closure(words), atStart, loadedFirst, code));
    if (sizes.gzip > (areas.get(catalogue.area)?.gzip ?? -1)) areas.set(catalogue.area, sizes);
  }
  const sizes = [sizesOf(code), ...areas.values()].reduce((a, b) => ({ plain: a.plain + b.plain, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
  const budget = LAZY_BUDGETS[name];
  const used = budget ? ` (budget ${kb(budget)} min+gzip, ${Math.round((sizes.gzip / budget) * 100)}% used)` : '';
  if (budget && sizes.gzip > budget) {
    overBudget = true;
    console.error(`✗ on first use, ${name}: +${describe(sizes)}${used} — over budget by ${kb(sizes.gzip - budget)}`);
  } else console.log(`  on first use, ${name}: +${describe(sizes)}${used}`);
}
if (overBudget) process.exit(1);
