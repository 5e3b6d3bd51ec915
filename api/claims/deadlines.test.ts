import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadlineRuleRow } from '../db/database.ts';
import { computeDeadline, isSpanishNationalHoliday, pickDeadlineRule } from './deadlines.ts';

const rule = (r: Partial<DeadlineRuleRow>): DeadlineRuleRow => ({
  id: 0, claim_type: null, goods: null, scope: null, days: 1, day_kind: 'calendar', basis: '', basis_es: null, ...r,
});

describe('filing deadlines', () => {
  it('counts CMR business days skipping Sundays and national holidays', () => {
    // Delivered Thursday 3 Dec 2026: Sun 6 Dec (Constitución, also Sunday), Tue 8 Dec (Inmaculada) skipped.
    const deadline = computeDeadline(new Date('2026-12-03T16:00:00Z'), 7, 'business');
    // Fri 4, Sat 5, Mon 7, Wed 9, Thu 10, Fri 11, Sat 12 → 12 Dec.
    assert.equal(deadline.toISOString(), '2026-12-12T23:59:59.999Z');
  });

  it('counts calendar days straight through', () => {
    assert.equal(computeDeadline(new Date('2026-01-31T08:00:00Z'), 30, 'calendar').toISOString(), '2026-03-02T23:59:59.999Z');
  });

  it('knows Good Friday moves with Easter', () => {
    assert.ok(isSpanishNationalHoliday(new Date('2026-04-03T00:00:00Z')));
    assert.ok(isSpanishNationalHoliday(new Date('2027-03-26T00:00:00Z')));
    assert.ok(!isSpanishNationalHoliday(new Date('2026-04-10T00:00:00Z')));
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
