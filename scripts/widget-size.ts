// What a page downloads for the one-script widget, read from dist/widget as the server sends it
// (minified, and the .gz and .br files the build wrote beside each file), and the budgets it is
// held to: the build's check (scripts/report-size.ts) and the bench (bench/size.ts) both measure
// with this module, so each budget is written here once.
//
// At start means /widget/claimdesk.js and every chunk it imports statically; an element loaded on
// first use (import()) adds its chunk and what that imports statically. Words are catalogues, one
// chunk per language and area (widget/translations/languages.ts): `fr-<hash>.js` holds the main
// strings, `documents.fr-<hash>.js` an element's. A page draws only once its language's main
// strings are in, so what loads at start is counted with the largest language's: the start does
// not grow with the number of languages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../domain/constants.ts';

export const WIDGET_DIR = fileURLToPath(new URL('../dist/widget', import.meta.url));
export const ENTRY = 'claimdesk.js';

/** What loads at start, with the largest language's main strings (min+gzip), Lit included. */
export const START_BUDGET_BYTES = 30 * 1024;

/**
 * The claims views of a customer's area: what the list opens (a claim's detail, with its
 * timeline, checklist and conversation), the bell and the help. Settings, which every user of
 * `<claims-app>` can open too, is an account page rather than a claims view, and reported apart.
 */
export const CUSTOMER_ELEMENTS = ['claims-detail', 'claims-timeline', 'claims-documents', 'claims-chat', 'claims-notifications', 'claims-help'] as const;

/** Everything of CUSTOMER_ELEMENTS with what loads at start, each file once, with one language's words (min+gzip). */
export const CUSTOMER_BUDGET_BYTES = 60 * 1024;

/** What an element loaded on first use may add to what loaded at start (min+gzip), for those given one. */
export const LAZY_BUDGETS: Readonly<Record<string, number>> = { 'claims-analytics': 20 * 1024 };

export interface Sizes {
  files: number;
  plain: number;
  gzip: number;
  brotli: number;
}

/** Static imports (`import … from "./x.js"`, `import "./x.js"`) and dynamic ones (`import("./x.js")`) of a built module. */
export function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(path.join(WIDGET_DIR, file), 'utf8');
  const resolve = (spec: string) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const statics = [...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.[^"']+)["']/g)].map((m) => resolve(m[1]!));
  const dynamics = [...code.matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => resolve(m[1]!));
  return { statics, dynamics };
}

/** A module and everything it imports statically (and dynamically, when asked), each once. */
export function closure(file: string, dynamic = false, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  const { statics, dynamics } = importsOf(file);
  for (const next of dynamic ? [...statics, ...dynamics] : statics) closure(next, dynamic, into);
  return into;
}

export function sizesOf(files: Iterable<string>): Sizes {
  const total: Sizes = { files: 0, plain: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const at = path.join(WIDGET_DIR, file);
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

const sum = (a: Sizes, b: Sizes): Sizes => ({ files: a.files + b.files, plain: a.plain + b.plain, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** A catalogue's chunk: its area ('' for the main strings) and language; null for any other chunk. */
export function catalogueOf(file: string): { area: string; language: string } | null {
  const match = /^(?:([\w-]+)\.)?([a-z]{2})-[\w-]{8}\.js$/.exec(path.posix.basename(file));
  return match && (LANGUAGES as readonly string[]).includes(match[2]!) ? { area: match[1] ?? '', language: match[2]! } : null;
}

/** The files of `files` in none of `others` (Set.prototype.difference is Node 22's). */
export const minus = (files: Iterable<string>, ...others: ReadonlySet<string>[]) => [...files].filter((file) => !others.some((set) => set.has(file)));

/** An element's chunk's name: `claims-detail` for chunks/claims-detail-<hash>.js. */
const elementOf = (file: string) => path.posix.basename(file).replace(/-[\w-]{8}\.js$/, '');

export interface WidgetSizes {
  /** The files that load at start, and their sizes, no language's words. */
  atStart: ReadonlySet<string>;
  start: Sizes;
  /** Each language's main strings: what loading one adds to the start. */
  mainWords: { file: string; language: string; sizes: Sizes }[];
  /** The language whose main strings are the largest, and the start with them (gzip bytes). */
  largest: { language: string; startGzip: number };
  /** The words for failures, per language: what the first failure, or an element that lists them, adds. */
  problemWords: { language: string; sizes: Sizes }[];
  /** Each element loaded on first use: what it adds to the start and the main strings, with its own words in the largest language of each of its areas. */
  elements: { name: string; sizes: Sizes }[];
  /** Everything a customer can open (CUSTOMER_ELEMENTS) with the start, each file once, in the language whose words make it largest. */
  customer: { language: string; sizes: Sizes };
  /** The same with `<claims-settings>`. */
  customerWithSettings: { language: string; sizes: Sizes };
}

export function measureWidget(): WidgetSizes {
  if (!existsSync(path.join(WIDGET_DIR, ENTRY))) throw new Error(`${WIDGET_DIR}/${ENTRY} is missing: run \`vite build\` first`);
  const atStart = closure(ENTRY);
  const start = sizesOf(atStart);
  const lazy = [...new Set([...atStart].flatMap((file) => importsOf(file).dynamics))].filter((file) => !atStart.has(file));
  const mainWords = lazy
    .filter((file) => catalogueOf(file)?.area === '')
    .map((file) => ({ file, language: catalogueOf(file)!.language, sizes: sizesOf(minus(closure(file), atStart)) }));
  const top = mainWords.reduce<(typeof mainWords)[number] | undefined>((a, b) => (!a || b.sizes.gzip > a.sizes.gzip ? b : a), undefined);
  if (!top) throw new Error(`${ENTRY} loads no language's main strings in a chunk of its own`);
  // Loaded before anything draws: not counted again with the words of an element that imports them.
  const loadedFirst = new Set(mainWords.flatMap(({ file }) => minus(closure(file), atStart)));
  const problemWords = lazy
    .filter((file) => catalogueOf(file)?.area === 'problems')
    .map((file) => ({ language: catalogueOf(file)!.language, sizes: sizesOf(minus(closure(file), atStart, loadedFirst)) }));

  const elements = lazy
    .filter((file) => !catalogueOf(file))
    .map((file) => {
      const code = new Set(minus(closure(file), atStart));
      // With its words in one language: for each area it loads itself, the largest language's.
      const areas = new Map<string, Sizes>();
      for (const words of [...code].flatMap((f) => importsOf(f).dynamics)) {
        const catalogue = catalogueOf(words);
        if (!catalogue) continue;
        const sizes = sizesOf(minus(closure(words), atStart, loadedFirst, code));
        if (sizes.gzip > (areas.get(catalogue.area)?.gzip ?? -1)) areas.set(catalogue.area, sizes);
      }
      return { name: elementOf(file), sizes: [...areas.values()].reduce(sum, sizesOf(code)) };
    });

  /**
   * The start, the given elements and, in `language`, the main strings, the words for failures and
   * every catalogue the elements' own files load: each file once. (What loads at start loads the
   * other catalogues only for some elements, as the staff list's words.)
   */
  const together = (names: readonly string[], language: string): Sizes => {
    const files = new Set(atStart);
    for (const file of lazy.filter((f) => names.includes(elementOf(f)) || (catalogueOf(f)?.language === language && ['', 'problems'].includes(catalogueOf(f)!.area))))
      closure(file, false, files);
    for (const file of minus(files, atStart).flatMap((f) => importsOf(f).dynamics)) if (catalogueOf(file)?.language === language) closure(file, false, files);
    return sizesOf(files);
  };
  const largestOf = (names: readonly string[]) =>
    mainWords
      .map(({ language }) => ({ language, sizes: together(names, language) }))
      .reduce((a, b) => (b.sizes.gzip > a.sizes.gzip ? b : a));

  return {
    atStart,
    start,
    mainWords,
    largest: { language: top.language, startGzip: start.gzip + top.sizes.gzip },
    problemWords,
    elements,
    customer: largestOf(CUSTOMER_ELEMENTS),
    customerWithSettings: largestOf([...CUSTOMER_ELEMENTS, 'claims-settings']),
  };
}
