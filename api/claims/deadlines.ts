import type { ClaimType, DayKind, DeadlinePlace, Goods, Scope } from '../../domain/constants.ts';
import type { DB } from '../db/connect.ts';
import type { DeadlineRuleRow } from '../db/database.ts';
import { calendarOf, HOME_COUNTRY, type CivilDay, type CountryCalendar } from './country-calendar.ts';
import { DEFAULTS } from '../defaults.ts';

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

/**
 * How long intake uses the deadline rules it read before reading them again. The rules are data
 * edited in the table, by hand or by another process, with no event to say so: an edit takes
 * effect for claims opened up to this long after it.
 */
export const DEADLINE_RULES_TTL_MS = 60_000;

const cachedRules = new WeakMap<DB, { rules: Promise<DeadlineRuleRow[]>; readAt: number }>();

/** The deadline rules, read once per database and TTL rather than once per claim opened. */
export function deadlineRules(db: DB, now = Date.now()): Promise<DeadlineRuleRow[]> {
  const cached = cachedRules.get(db);
  if (cached && now - cached.readAt < DEADLINE_RULES_TTL_MS) return cached.rules;
  const rules = db.selectFrom('deadline_rules').selectAll().execute();
  cachedRules.set(db, { rules, readAt: now });
  // A failed read is not kept: the next claim tries again.
  rules.catch(() => {
    if (cachedRules.get(db)?.rules === rules) cachedRules.delete(db);
  });
  return rules;
}

/**
 * How many hours ahead a running deadline is at risk: within the largest warning threshold
 * (DEADLINE_WARNING_HOURS), or the default ones' when the warnings are turned off — the claims at
 * risk are still worth seeing when nobody is emailed about them.
 */
export function atRiskHoursOf(warningHours: readonly number[] | undefined): number {
  return Math.max(...(warningHours?.length ? warningHours : DEFAULTS.deadlineWarningHours));
}

/**
 * When no rule matches: the CMR art. 32 one-year limitation is the outer bound of any claim.
 * A limitation period runs against the claimant, the shipper, where the goods left.
 */
export const FALLBACK_RULE = {
  days: 365,
  day_kind: 'calendar' as DayKind,
  runs_in: 'origin' as DeadlinePlace,
  basis: 'CMR art. 32 — one-year limitation period',
  basis_es: 'CMR art. 32 — prescripción de un año',
};

/** The country a rule's deadline runs in: the claim's country at that end, Spain when the claim does not name it. */
export function deadlineCountry(runsIn: DeadlinePlace, countries: Record<DeadlinePlace, string | null>): string {
  return countries[runsIn] ?? HOME_COUNTRY;
}

/**
 * The end (23:59:59.999 on the country's clock) of the day that falls `days` days after the
 * incident, counting from the day after the one the country's clocks showed at the incident.
 * Business days skip Sundays and the country's public holidays, as CMR art. 30 and
 * Ley 15/2009 art. 60 count them.
 */
export function computeDeadline(incidentAt: Date, days: number, dayKind: DayKind, country: string): Date {
  const calendar = calendarOf(country);
  const day = calendar.dayOf(incidentAt);
  let remaining = days;
  while (remaining > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (dayKind === 'calendar' || isBusinessDay(calendar, day)) remaining--;
  }
  return calendar.endOf(day);
}

function isBusinessDay(calendar: CountryCalendar, day: CivilDay): boolean {
  return day.getUTCDay() !== 0 && !calendar.isPublicHoliday(day);
}
