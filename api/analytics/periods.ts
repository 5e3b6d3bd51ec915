import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/constants.ts';
import { isFinal } from '../claims/lifecycle.ts';

// The calendar the panels count in: UTC days, and ISO weeks (Monday to Sunday) of them. A day is
// its YYYY-MM-DD; a day number counts days since 1970-01-01, as the queries compute it in SQL.

const DAY_MS = 86_400_000;

/** The statuses a claim is counted in the backlog and timed in: all but the final ones (declined, closed). */
export const BACKLOG_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter((status) => !isFinal(status));

/** A period asked for: its first and last days, both included. */
export interface Period {
  from: string;
  to: string;
}

export const dayNumberOf = (day: string) => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
export const dayOf = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
/** Where a day begins, as the tables' ISO texts compare. */
export const startOf = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString();

/** The instants a period covers: from the start of its first day to the start of the day after its last. */
export function windowOf(period: Period): { start: string; end: string } {
  return { start: startOf(dayNumberOf(period.from)), end: startOf(dayNumberOf(period.to) + 1) };
}

/** The Monday of the week a day is in (1970-01-01, day 0, was a Thursday). */
export const mondayOf = (dayNumber: number) => dayNumber - ((dayNumber + 3) % 7);

/** The day number of the Monday of each ISO week the period touches, oldest first. */
export function weeksOf(period: Period): number[] {
  const weeks: number[] = [];
  for (let monday = mondayOf(dayNumberOf(period.from)); monday <= dayNumberOf(period.to); monday += 7) weeks.push(monday);
  return weeks;
}

/**
 * When the backlog is counted: at the end of each week the period touches that has begun — its
 * Sunday, or the period's last day if earlier, or now if that is today or later. The instants are
 * 7 days apart but for the last, which may be closer (the queries rely on it).
 */
export function backlogPoints(period: Period, now: Date): Array<{ day: number; at: string }> {
  const today = Math.floor(now.getTime() / DAY_MS);
  const last = Math.min(dayNumberOf(period.to), today);
  return weeksOf(period)
    .filter((monday) => monday <= today)
    .map((monday) => {
      const day = Math.min(monday + 6, last);
      return { day, at: day === today ? now.toISOString() : startOf(day + 1) };
    });
}
