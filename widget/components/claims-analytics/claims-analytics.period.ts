import { ANALYTICS_MAX_DAYS } from '../../../domain/analytics.ts';
import type { AnalyticsPeriodName } from '../../translations/translation.ts';

// The periods the dashboard asks for, as days (YYYY-MM-DD) of the reader's own calendar: "this
// month" is this month where they are. The API counts UTC days; the few hours between the two at
// either end of a period do not change what a person reads in it.

export const PERIOD_NAMES: readonly AnalyticsPeriodName[] = ['month', '30d', '90d', 'year', 'custom'];

/** A period: its first and last days, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/** What is wrong with a custom period, field by field (keys of the translation). */
export interface RangeProblems {
  from?: 'fromRequired' | undefined;
  to?: 'toRequired' | 'order' | 'tooLong' | undefined;
}

const DAY_MS = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');

/** The day a local date falls on, as YYYY-MM-DD. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** A named period up to and including today. */
export function presetRange(name: Exclude<AnalyticsPeriodName, 'custom'>, today = new Date()): DayRange {
  const [y, m, d] = [today.getFullYear(), today.getMonth(), today.getDate()];
  const first = { month: new Date(y, m, 1), '30d': new Date(y, m, d - 29), '90d': new Date(y, m, d - 89), year: new Date(y, 0, 1) }[name];
  return { from: dayOf(first), to: dayOf(today) };
}

/** Whether `text` is a day that exists, written YYYY-MM-DD (what a date field holds; '' while it is incomplete). */
function isDay(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to 2026-03-02: a day that exists reads back as written.
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(at) && new Date(at).toISOString().startsWith(text);
}

/** How many days a period spans, both ends counted. */
export function daysIn({ from, to }: DayRange): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/** What the API would refuse in a custom period, said before asking; empty when it may be asked for. */
export function rangeProblems(range: DayRange): RangeProblems {
  const problems: RangeProblems = {};
  if (!isDay(range.from)) problems.from = 'fromRequired';
  if (!isDay(range.to)) problems.to = 'toRequired';
  else if (!problems.from && range.to < range.from) problems.to = 'order';
  else if (!problems.from && daysIn(range) > ANALYTICS_MAX_DAYS) problems.to = 'tooLong';
  return problems;
}
