// Prints what a page downloads for the one-script widget, as the server sends it (scripts/widget-size.ts
// measures it and holds the budgets), and fails when what loads at start, with the largest
// language's main strings, or an element given a budget of its own, is over budget, or when what
// loads at start holds any language's words: the start does not grow with the number of languages.
// What a customer can open in all is reported here and held to its budget by `npm run bench -- size`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, mainCatalogue, type WidgetLanguage } from '../widget/translations/languages.ts';
import { catalogueOf, CUSTOMER_BUDGET_BYTES, ENTRY, LAZY_BUDGETS, measureWidget, START_BUDGET_BYTES, WIDGET_DIR, type Sizes } from './widget-size.ts';

const DIR = path.relative(process.cwd(), WIDGET_DIR);

/**
 * Every string of a catalogue long enough to be its own (short ones, "Type", may be in any code),
 * in the pieces between no-break spaces, which the minifier writes as escapes.
 */
function stringsOf(words: unknown): string[] {
  if (typeof words === 'string') return words.split(/[\u00a0\u202f]/).filter((piece) => piece.length >= 16);
  if (words && typeof words === 'object') return Object.values(words).flatMap(stringsOf);
  return [];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const describe = (s: Sizes) => `${kb(s.plain)} min, ${kb(s.gzip)} min+gzip, ${kb(s.brotli)} min+brotli`;
const used = (bytes: number, budget: number) => `budget ${kb(budget)} min+gzip, ${Math.round((bytes / budget) * 100)}% used`;

let widget: ReturnType<typeof measureWidget>;
try {
  widget = measureWidget();
} catch (error) {
  console.error(`✗ report-size: ${(error as Error).message}`);
  process.exit(1);
}
const { atStart, start, mainWords, largest, problemWords, elements, customer, customerWithSettings } = widget;

// No language at start: no catalogue chunk, and none of the main strings of any language.
const startCode = [...atStart].map((file) => readFileSync(path.join(WIDGET_DIR, file), 'utf8')).join('\n');
const wordsAtStart = [...atStart].filter((file) => catalogueOf(file));
for (const language of Object.keys(LANGUAGES) as WidgetLanguage[]) {
  const found = stringsOf(await mainCatalogue.load(language)).filter((text) => startCode.includes(text));
  if (found.length) wordsAtStart.push(`${language}: «${found.slice(0, 3).join('», «')}»`);
}
if (wordsAtStart.length) {
  console.error(`✗ ${DIR}/${ENTRY} at start holds words that belong in a language's chunk: ${wordsAtStart.join('; ')}`);
  process.exit(1);
}
if (mainWords.length !== Object.keys(LANGUAGES).length) {
  console.error(`✗ ${DIR}/${ENTRY} does not load the main strings of each language (${Object.keys(LANGUAGES).join(', ')}) in a chunk of its own`);
  process.exit(1);
}

const failures: string[] = [];
const check = (line: string, bytes: number, budget: number) => {
  const said = `${line} (${used(bytes, budget)})`;
  if (bytes > budget) failures.push(`${said} — over budget by ${kb(bytes - budget)}`);
  else console.log(`✓ ${said}`);
};
check(
  `${DIR}/${ENTRY} at start (${atStart.size} files): ${describe(start)}, no language's words; with those of the largest language (${largest.language}) ${kb(largest.startGzip)} min+gzip`,
  largest.startGzip,
  START_BUDGET_BYTES,
);
console.log(`  the main strings, one language loaded before the first draw: ${mainWords.map((w) => `${w.language} +${kb(w.sizes.gzip)}`).join(', ')} min+gzip`);
console.log(`  the words for failures, one language loaded at a first failure or with an element loaded on use: ${problemWords.map((w) => `${w.language} +${kb(w.sizes.gzip)}`).join(', ')} min+gzip`);
for (const { name, sizes } of elements) {
  const budget = LAZY_BUDGETS[name];
  if (budget) check(`on first use, ${name}: +${describe(sizes)}`, sizes.gzip, budget);
  else console.log(`  on first use, ${name}: +${describe(sizes)}`);
}
// Reported, not checked: the bench's `size` part holds it to its budget, which the build would not meet yet.
console.log(
  `  everything a customer can open (the start, a claim's detail, timeline, documents and chat, the notifications and the help), each file once, in ${customer.language}: ${describe(customer.sizes)} (${customer.sizes.files} files; ${used(customer.sizes.gzip, CUSTOMER_BUDGET_BYTES)}; with the settings ${kb(customerWithSettings.sizes.gzip)})`,
);
for (const failure of failures) console.error(`✗ ${failure}`);
if (failures.length) process.exit(1);
