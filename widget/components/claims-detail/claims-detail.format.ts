// A claim's facts as its detail writes them, through the Intl formatters of internal/format.ts:
// loaded with <claims-detail>, not at start.
import { cached, date } from '../../internal/format.ts';

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
