import type { Money } from './types.ts';

const DAY = 86_400_000;

// Building an Intl formatter costs far more than using one (a list of 50 claims spent most of its
// first render making a NumberFormat per amount): each is made once per locale and options, on
// first use, and kept for the page's life. Pages use one or two locales, so the cache stays small.
// (File sizes are written by upload-check.ts, which only the elements that take files load.)
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

/** Time left until a deadline: whole days (calendar), or hours when under a day. */
export function timeLeft(iso: string, now = Date.now()): { overdue: boolean; days: number; hours: number } {
  const ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  return { overdue, days: Math.floor(Math.abs(ms) / DAY), hours: Math.ceil(Math.abs(ms) / 3_600_000) };
}

const NUMERIC_DAY: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };

/** A calendar day the API writes YYYY-MM-DD, as the locale writes it with two-digit day and month: "01/11/2026". */
export function day(isoDay: string, locale: string): string {
  return date(`${isoDay}T00:00:00Z`, locale, NUMERIC_DAY);
}

/** A decimal the API keeps as written ("1.1500"), in the locale and with the decimals it was written with: "1,1500". */
export function decimal(value: string, locale: string): string {
  const places = value.split('.')[1]?.length ?? 0;
  return cached(`decimal ${locale} ${places}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places })).format(Number(value));
}

/** A weight in kg, to the gram at most: "100", "12,5". */
export function kilograms(kg: number, locale: string): string {
  return cached(`kg ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })).format(kg);
}

/** A country by its ISO 3166-1 alpha-2 code, named in the locale: "FR" → "Francia" (anything else as it is: DisplayNames throws on it). */
export function countryName(code: string, locale: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return cached(`region ${locale}`, () => new Intl.DisplayNames(locale, { type: 'region' })).of(code) ?? code;
}
