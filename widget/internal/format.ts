import type { Money } from './types.ts';

const DAY = 86_400_000;

export function money(value: Money, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }).format(value.amountCents / 100);
}

export function date(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function dateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "hace 5 minutos" / "5 minutes ago". */
export function relative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(0, 'second');
}

/** Time left until a deadline: whole days (calendar), or hours when under a day. */
export function timeLeft(iso: string, now = Date.now()): { overdue: boolean; days: number; hours: number } {
  const ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  return { overdue, days: Math.floor(Math.abs(ms) / DAY), hours: Math.ceil(Math.abs(ms) / 3_600_000) };
}

/** "2,4 MB" / "850 kB": sizes in binary multiples, as file managers show them. */
export function bytes(n: number, locale: string): string {
  const [unit, size] = n >= 1 << 20 ? ['megabyte', 1 << 20] : n >= 1024 ? ['kilobyte', 1024] : ['byte', 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, maximumFractionDigits: 1 }).format(n / (size as number));
}
