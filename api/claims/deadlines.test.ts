import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeadlineRuleRow } from '../db/database.ts';
import { calendarOf } from './country-calendar.ts';
import { computeDeadline, DEADLINE_RULES_TTL_MS, deadlineCountry, deadlineRules, pickDeadlineRule } from './deadlines.ts';
import type { DB } from '../db/connect.ts';
import { openTestDatabase } from '../testing/database.ts';

const rule = (r: Partial<DeadlineRuleRow>): DeadlineRuleRow => ({
  id: 0, claim_type: null, goods: null, scope: null, days: 1, day_kind: 'calendar', runs_in: 'destination', basis: '', basis_es: null, ...r,
});

const deadline = (incidentAt: string, days: number, dayKind: 'business' | 'calendar', country: string) =>
  computeDeadline(new Date(incidentAt), days, dayKind, country).toISOString();

const isHoliday = (country: string, day: string) => calendarOf(country).isPublicHoliday(new Date(`${day}T00:00:00Z`));

describe('filing deadlines', () => {
  it('counts business days skipping Sundays and Spain’s national holidays, to midnight in Madrid', () => {
    // Delivered Thursday 3 Dec 2026: Sun 6 Dec (Constitución, also Sunday), Tue 8 Dec (Inmaculada) skipped.
    // Fri 4, Sat 5, Mon 7, Wed 9, Thu 10, Fri 11, Sat 12 → 12 Dec, ending at 24:00 CET.
    assert.equal(deadline('2026-12-03T16:00:00Z', 7, 'business', 'ES'), '2026-12-12T22:59:59.999Z');
    // 1 Nov 2027 is a Monday: Sat 30, (Sun 31, Mon 1 Nov skipped), Tue 2 … Sat 6, (Sun 7), Mon 8.
    assert.equal(deadline('2027-10-29T10:00:00Z', 7, 'business', 'ES'), '2027-11-08T22:59:59.999Z');
  });

  it('counts CMR days in France with French holidays: Armistice Day (11 Nov) is skipped there, not in Spain', () => {
    // Delivered Monday 9 Nov 2026, 10:00 in Paris. In France: Tue 10, (Wed 11 Armistice), Thu 12, Fri 13,
    // Sat 14, (Sun 15), Mon 16, Tue 17, Wed 18.
    assert.equal(deadline('2026-11-09T09:00:00Z', 7, 'business', 'FR'), '2026-11-18T22:59:59.999Z');
    // In Spain 11 Nov is a working day: Tue 10 … Sat 14, (Sun 15), Mon 16, Tue 17.
    assert.equal(deadline('2026-11-09T09:00:00Z', 7, 'business', 'ES'), '2026-11-17T22:59:59.999Z');
  });

  it('counts in Portugal with Portuguese holidays and Lisbon’s clock', () => {
    // Delivered in Porto Monday 8 Jun 2026: Tue 9, (Wed 10 Dia de Portugal), Thu 11 … Sat 13, (Sun 14), Mon 15,
    // Tue 16, Wed 17; the day ends at 24:00 WEST (UTC+1).
    assert.equal(deadline('2026-06-08T09:00:00Z', 7, 'business', 'PT'), '2026-06-17T22:59:59.999Z');
    // The same delivery in Spain: 10 June is a working day, and the day ends at 24:00 CEST (UTC+2).
    assert.equal(deadline('2026-06-08T09:00:00Z', 7, 'business', 'ES'), '2026-06-16T21:59:59.999Z');
    // Fri 28 Nov 2025: Sat 29, (Sun 30, Mon 1 Dec Restauração), Tue 2 … Sat 6, (Sun 7, Mon 8 Imaculada), Tue 9.
    assert.equal(deadline('2025-11-28T12:00:00Z', 7, 'business', 'PT'), '2025-12-09T23:59:59.999Z');
  });

  it('starts counting the day after the incident as that country’s clocks show it', () => {
    // 23:30 UTC on 9 Nov is already 10 Nov in Paris: counting starts on (holiday) Wed 11, then Thu 12 … Thu 19.
    assert.equal(deadline('2026-11-09T23:30:00Z', 7, 'business', 'FR'), '2026-11-19T22:59:59.999Z');
    // In Lisbon it is still 9 Nov: Tue 10 … Sat 14, (Sun 15), Mon 16, Tue 17.
    assert.equal(deadline('2026-11-09T23:30:00Z', 7, 'business', 'PT'), '2026-11-17T23:59:59.999Z');
  });

  it('counts calendar days straight through and ends the day on the clock in force that day', () => {
    assert.equal(deadline('2026-01-31T08:00:00Z', 30, 'calendar', 'ES'), '2026-03-02T22:59:59.999Z');
    // Summer time ends on Sunday 25 Oct 2026 and begins on Sunday 29 Mar 2026 in Madrid.
    assert.equal(deadline('2026-10-24T10:00:00Z', 1, 'calendar', 'ES'), '2026-10-25T22:59:59.999Z');
    assert.equal(deadline('2026-03-28T10:00:00Z', 1, 'calendar', 'ES'), '2026-03-29T21:59:59.999Z');
  });

  it('takes each country’s public holidays from date-holidays, movable feasts included', () => {
    assert.ok(isHoliday('ES', '2026-04-03'), 'Good Friday 2026');
    assert.ok(isHoliday('ES', '2027-03-26'), 'Good Friday 2027');
    assert.ok(!isHoliday('ES', '2026-04-10'));
    assert.ok(isHoliday('FR', '2026-04-06'), 'Easter Monday is a public holiday in France');
    assert.ok(!isHoliday('ES', '2026-04-06'), 'but only a regional one in Spain');
    assert.ok(isHoliday('FR', '2026-11-11') && !isHoliday('ES', '2026-11-11'));
    assert.ok(isHoliday('PT', '2026-06-10') && !isHoliday('ES', '2026-06-10'));
    assert.ok(!isHoliday('ES', '2026-05-03'), 'observances (Mother’s Day) do not stop a deadline');
  });

  it('keeps each country on its capital’s clock', () => {
    assert.equal(calendarOf('ES').timeZone, 'Europe/Madrid');
    assert.equal(calendarOf('PT').timeZone, 'Europe/Lisbon');
    assert.equal(calendarOf('FR').timeZone, 'Europe/Paris');
    assert.equal(calendarOf('CD').timeZone, 'Africa/Kinshasa');
  });

  it('runs where the rule says, in Spain when the claim does not name that country', () => {
    assert.equal(deadlineCountry('destination', { origin: 'ES', destination: 'FR' }), 'FR');
    assert.equal(deadlineCountry('origin', { origin: 'PT', destination: 'FR' }), 'PT');
    assert.equal(deadlineCountry('destination', { origin: 'PT', destination: null }), 'ES');
  });

  it('picks the most specific matching rule', () => {
    const rules = [
      rule({ id: 1, claim_type: 'breakage', days: 7 }),
      rule({ id: 2, claim_type: 'breakage', scope: 'international', days: 8 }),
      rule({ id: 3, claim_type: 'breakage', scope: 'international', goods: 'pallet', days: 9 }),
      rule({ id: 4, claim_type: 'loss', days: 30 }),
    ];
    const pick = (type: 'breakage' | 'loss', goods: 'parcel' | 'pallet', scope: 'national' | 'international') =>
      pickDeadlineRule(rules, { type, goods, scope })?.id;
    assert.equal(pick('breakage', 'pallet', 'international'), 3);
    assert.equal(pick('breakage', 'parcel', 'international'), 2);
    assert.equal(pick('breakage', 'parcel', 'national'), 1);
    assert.equal(pick('loss', 'pallet', 'national'), 4);
    assert.equal(pickDeadlineRule([], { type: 'theft', goods: 'parcel', scope: 'national' }), undefined);
  });
});

describe('deadline rules as intake reads them', () => {
  let db: DB;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await openTestDatabase());
  });
  after(() => close());

  it('are read once and kept for the TTL, then read again with any edit made to the table', async () => {
    const start = Date.now();
    const rules = await deadlineRules(db, start);
    await db.updateTable('deadline_rules').set({ days: 9 }).where('claim_type', '=', 'robbery').execute();
    assert.equal(await deadlineRules(db, start + DEADLINE_RULES_TTL_MS - 1), rules, 'within the TTL: the rules already read');
    const reread = await deadlineRules(db, start + DEADLINE_RULES_TTL_MS);
    assert.equal(reread.find((rule) => rule.claim_type === 'robbery')?.days, 9, 'past it: the edit is seen');
  });
});
