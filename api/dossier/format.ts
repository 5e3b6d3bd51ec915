import { calendarOf } from '../claims/country-calendar.ts';
import type { DossierWords } from './dossier.words.ts';

/** Dates, amounts and sizes in the dossier's language, on the clock of the country the claim's deadline runs in. */
export class Formats {
  readonly #dateTime: Intl.DateTimeFormat;
  readonly #date: Intl.DateTimeFormat;
  readonly #locale: string;

  constructor(locale: string, timeZone: string) {
    this.#locale = locale;
    this.#dateTime = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    this.#date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  }

  dateTime(iso: string | Date): string {
    return this.#dateTime.format(new Date(iso));
  }

  date(iso: string | Date): string {
    return this.#date.format(new Date(iso));
  }

  money(amountCents: number, currency: string): string {
    return new Intl.NumberFormat(this.#locale, { style: 'currency', currency }).format(amountCents / 100);
  }

  size(bytes: number): string {
    const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
    return new Intl.NumberFormat(this.#locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  }
}

/** The formats of `words`' language on the clock of the country where `claim`'s deadline runs. */
export function formatsFor(words: DossierWords, claim: { deadline_country: string }): Formats {
  return new Formats(words.locale, calendarOf(claim.deadline_country).timeZone);
}
