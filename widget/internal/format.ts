import type { Money } from './types.ts';

const DAY = 86_400_000;

// Building an Intl formatter costs far more than using one (a list of 50 claims spent most of its
// first render making a NumberFormat per amount): each is made once per locale and options, on
// first use, and kept for the page's life. Pages use one or two locales, so the cache stays small.
// (File sizes are written by upload-check.ts, which only the elements that take files load; a
// claim's days, decimals, weights and countries by claims-detail.format.ts, with the detail.)
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat | Intl.DisplayNames | Intl.PluralRules;
const formatters = new Map<string, Formatter>();

/** The formatter kept under `key`, made by `make` the first time it is asked for. */
export function cached<F extends Formatter>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

const MEDIUM_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A date or time: "12 mar 2026" by default, or as `options` say (one formatter per locale and options). */
export function date(iso: string, locale: string, options = MEDIUM_DATE): string {
  return cached(`${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options)).format(new Date(iso));
}

export function money(value: Money, locale: string): string {
  const format = cached(`money ${locale} ${value.currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }));
  return format.format(value.amountCents / 100);
}

/** A label and what follows it, as the language writes them: French puts a no-break space before the colon. */
export function labelled(label: string, value: string, locale: string): string {
  return `${label}${locale.startsWith('fr') ? '\u00a0:' : ':'} ${value}`;
}

/**
 * The form of a word or phrase for the count `n`, by the plural rules of `locale` (Intl): `one`
 * where the language says one (French: 0 and 1), `other` elsewhere, and the language's other
 * categories (`few`, `many`…) when given. For the catalogues: `plural(n, 'fr-FR', { one: 'jour', other: 'jours' })`.
 */
export function plural(n: number, locale: string, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  return forms[cached(`plural ${locale}`, () => new Intl.PluralRules(locale)).select(n)] ?? forms.other;
}

/** Whether `locale` says `n` in the singular (Intl's `one`): for a catalogue whose two forms differ beyond one word. */
export function isSingular(n: number, locale: string): boolean {
  return plural(n, locale, { one: 'one', other: '' }) === 'one';
}

/**
 * `plural` of one locale as most of a catalogue's counts need it: `(n, one, other)`, the singular
 * where the language says one (Catalan, Italian, Portuguese: 1 only; French: 0 and 1) and the
 * plural for every other category (a million's `many` included).
 */
export function pluralIn(locale: string): (n: number, one: string, other: string) => string {
  return (n, one, other) => plural(n, locale, { one, other });
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "hace 5 minutos" / "5 minutes ago". */
export function relative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = cached(`relative ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of RELATIVE_UNITS) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(0, 'second');
}

/**
 * Makes the formatters a list of claims draws with in `locale` (money, relative times, plurals),
 * each in a task of its own, so that the list's draw finds them made. A page's first number format
 * has Intl list the locales it has data for: 8–16 ms on this project's machine, 30–60 with the CPU
 * throttled 4× as a slow phone's, in one piece; the locale's likely subtags, 3 ms more (4–18),
 * go in a task before it rather than with it.
 */
export function prepareFormats(locale: string): void {
  const steps = [
    () => new Intl.Locale(locale).maximize(),
    () => money({ amountCents: 0, currency: 'EUR' }, locale),
    () => relative(new Date().toISOString(), locale),
    () => plural(1, locale, { other: '' }),
  ];
  const next = () => {
    steps.shift()!();
    if (steps.length) setTimeout(next);
  };
  setTimeout(next);
}

/** Time left until a deadline: whole days (calendar), or hours when under a day. */
export function timeLeft(iso: string, now = Date.now()): { overdue: boolean; days: number; hours: number } {
  const ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  return { overdue, days: Math.floor(Math.abs(ms) / DAY), hours: Math.ceil(Math.abs(ms) / 3_600_000) };
}
