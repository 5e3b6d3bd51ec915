import type { ClaimType, DayKind, Goods, Scope } from '../../domain/constants.ts';
import type { DeadlineRuleRow } from '../db/database.ts';

/**
 * The most specific rule for a claim: each of type, goods and scope that a rule names must
 * match, and the rule naming more of them wins. Rules are rows in deadline_rules.
 */
export function pickDeadlineRule(
  rules: readonly DeadlineRuleRow[],
  claim: { type: ClaimType; goods: Goods; scope: Scope },
): DeadlineRuleRow | undefined {
  let best: DeadlineRuleRow | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.claim_type !== null && rule.claim_type !== claim.type) continue;
    if (rule.goods !== null && rule.goods !== claim.goods) continue;
    if (rule.scope !== null && rule.scope !== claim.scope) continue;
    const score = (rule.claim_type ? 4 : 0) + (rule.scope ? 2 : 0) + (rule.goods ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** When no rule matches: the CMR art. 32 one-year limitation is the outer bound of any claim. */
export const FALLBACK_RULE = {
  days: 365,
  day_kind: 'calendar' as DayKind,
  basis: 'CMR art. 32 — one-year limitation period',
  basis_es: 'CMR art. 32 — prescripción de un año',
};

/**
 * The end (23:59:59.999 UTC) of the day that falls `days` days after the incident. Business
 * days skip Sundays and Spanish national holidays, as CMR art. 30 and Ley 15/2009 art. 60 count.
 */
export function computeDeadline(incidentAt: Date, days: number, dayKind: DayKind): Date {
  const day = new Date(Date.UTC(incidentAt.getUTCFullYear(), incidentAt.getUTCMonth(), incidentAt.getUTCDate()));
  let remaining = days;
  while (remaining > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (dayKind === 'calendar' || isBusinessDay(day)) remaining--;
  }
  day.setUTCHours(23, 59, 59, 999);
  return day;
}

export function isBusinessDay(day: Date): boolean {
  return day.getUTCDay() !== 0 && !isSpanishNationalHoliday(day);
}

const FIXED_HOLIDAYS = new Set(['01-01', '01-06', '05-01', '08-15', '10-12', '11-01', '12-06', '12-08', '12-25']);

export function isSpanishNationalHoliday(day: Date): boolean {
  const monthDay = day.toISOString().slice(5, 10);
  if (FIXED_HOLIDAYS.has(monthDay)) return true;
  const goodFriday = easterSunday(day.getUTCFullYear());
  goodFriday.setUTCDate(goodFriday.getUTCDate() - 2);
  return goodFriday.toISOString().slice(5, 10) === monthDay;
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, dayOfMonth));
}
