import type { LiabilityRateKind, LiabilityRule } from '../../domain/constants.ts';
import { LEY_15_2009_COUNTRY, LIABILITY_TERMS } from '../../domain/liability.ts';
import type { Principal } from '../auth/principal.ts';
import type { ClaimTable, LiabilityRateRow } from '../db/database.ts';
import { calendarOf, HOME_COUNTRY } from '../claims/country-calendar.ts';
import type { LiabilityLimit } from './liability.schema.ts';

// A carrier's liability limit for one claim, counted from the claim's own facts and the rates the
// operator recorded: which rule covers the carriage, the rate of that rule's kind in effect on the
// incident's day, and per kg × weight × rate in exact decimal arithmetic, rounded once, at the end.

/**
 * Who sees a claim's liability limit: the operator's claims handlers and its backend
 * (CLAIMS_API_KEY), who settle with the carrier. A company's users and keys see the claim without it.
 */
export function seesLiabilityLimit(principal: Principal): boolean {
  return principal.kind === 'service' || (principal.kind === 'user' && principal.role === 'handler');
}

/** The claim's columns the limit is counted from. */
export const LIABILITY_COLUMNS = [
  'scope',
  'origin_country',
  'destination_country',
  'gross_weight_grams',
  'currency',
  'declared_value_cents',
  'claimed_amount_cents',
  'incident_at',
] as const;

export type LiabilityFacts = Pick<ClaimTable, (typeof LIABILITY_COLUMNS)[number]>;

/** The currency both rules' limits come out in. */
const LIMIT_CURRENCY = 'EUR';

/**
 * The rule that covers a claim's carriage, taken as road carriage (a claim does not say yet how
 * its goods travelled): CMR when it crosses a border, Ley 15/2009 when it stays within Spain, and
 * none Claimdesk knows for carriage within another country.
 */
export function liabilityRuleOf(claim: Pick<LiabilityFacts, 'scope' | 'origin_country' | 'destination_country'>): LiabilityRule | null {
  if (claim.scope === 'international') return 'cmr-23';
  // A national claim names its one country at both ends (ES when the host named none).
  const country = claim.origin_country ?? claim.destination_country ?? HOME_COUNTRY;
  return country === LEY_15_2009_COUNTRY ? 'ley-15-2009-57' : null;
}

/**
 * The day whose rate a claim counts with: its incident's, on Spain's clock. One day for every
 * rule, and one that never moves: the limit a handler quoted stays the limit, whatever rates are
 * recorded later for later days. (CMR art. 23.7 converts at the judgment's date or one the
 * parties agree: a handler settling on another day asks for the rate of that day.)
 */
export function rateDayOf(incidentAt: string): string {
  return calendarOf(HOME_COUNTRY).dayOf(new Date(incidentAt)).toISOString().slice(0, 10);
}

/** The rates as a claim looks them up: per kind, the one in effect first, newest day first and, for one day, the last recorded first. */
export type RateBook = ReadonlyMap<LiabilityRateKind, readonly LiabilityRateRow[]>;

export function rateBookOf(rows: readonly LiabilityRateRow[]): RateBook {
  const book = new Map<LiabilityRateKind, LiabilityRateRow[]>();
  for (const row of rows) {
    const kind = book.get(row.kind) ?? [];
    kind.push(row);
    book.set(row.kind, kind);
  }
  for (const kind of book.values()) kind.sort((a, b) => compareDesc(a.effective_from, b.effective_from) || compareDesc(a.recorded_at, b.recorded_at) || compareDesc(a.id, b.id));
  return book;
}

const compareDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/** The rate of `kind` in effect on `day` (YYYY-MM-DD): the latest that took effect on or before it. */
export function rateInEffect(book: RateBook, kind: LiabilityRateKind, day: string): LiabilityRateRow | undefined {
  return book.get(kind)?.find((rate) => rate.effective_from <= day);
}

/** The records of a day that a later record for the same kind and day corrected. */
export function supersededIds(book: RateBook): Set<string> {
  const superseded = new Set<string>();
  for (const rates of book.values()) {
    rates.forEach((rate, i) => {
      if (i > 0 && rates[i - 1]!.effective_from === rate.effective_from) superseded.add(rate.id);
    });
  }
  return superseded;
}

/** A decimal of at most 6 places ("1.1500") as an exact count of millionths. */
function millionths(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

/**
 * per kg (a fraction) × grams / 1000 × rate, in euro cents, rounded half up once: 8.33 × 100 kg ×
 * 1.15 is 957.95 euros exactly, and a third of 20 euros × 100 kg is 666.67, not 666.66 (a third
 * rounded first) nor 666.6666…
 */
export function limitCents(rule: LiabilityRule, grams: number, rateValue: string): number {
  const { numerator, denominator } = LIABILITY_TERMS[rule].perKg;
  // cents = n / d × grams / 10^3 × millionths / 10^6 × 10^2
  const dividend = BigInt(numerator) * BigInt(grams) * millionths(rateValue);
  const divisor = BigInt(denominator) * 10_000_000n;
  return Number((2n * dividend + divisor) / (2n * divisor));
}

/** A claim's limit as its resource shows it, or why there is none. */
export function liabilityLimitOf(claim: LiabilityFacts, book: RateBook): LiabilityLimit {
  const rule = liabilityRuleOf(claim);
  const grossWeightKg = claim.gross_weight_grams === null ? null : claim.gross_weight_grams / 1000;
  const rateDay = rateDayOf(claim.incident_at);
  const unavailable = (reason: Extract<LiabilityLimit, { status: 'unavailable' }>['reason']): LiabilityLimit => ({ status: 'unavailable', reason, rule, grossWeightKg, rateDay });
  if (rule === null) return unavailable('no-rule');
  if (claim.currency !== LIMIT_CURRENCY) return unavailable('not-euros');
  if (claim.gross_weight_grams === null || grossWeightKg === null) return unavailable('no-weight');
  const rate = rateInEffect(book, LIABILITY_TERMS[rule].rate, rateDay);
  if (!rate) return unavailable('no-rate');
  const amountCents = limitCents(rule, claim.gross_weight_grams, rate.value);
  return {
    status: 'computed',
    rule,
    grossWeightKg,
    rateDay,
    rate: { kind: rate.kind, value: rate.value, effectiveFrom: rate.effective_from },
    amount: { amountCents, currency: LIMIT_CURRENCY },
    exceeded: (claim.claimed_amount_cents ?? claim.declared_value_cents) > amountCents,
  };
}
