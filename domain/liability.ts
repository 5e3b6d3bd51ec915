import type { LiabilityRateKind, LiabilityRule } from './constants.ts';

// The terms of each liability rule, written once: the API counts a claim's limit with them
// (api/liability/limits.ts) and the widget words the same sum (<claims-detail>). The rates
// themselves are data the operator keeps (GET/POST /liability-rates), never figures here.

export interface LiabilityTerms {
  /** The published value the rule counts in: the euros one SDR is worth, or the daily IPREM. */
  rate: LiabilityRateKind;
  /** How many of that rate's units one kilogram of gross weight is worth, as an exact fraction. */
  perKg: { numerator: number; denominator: number };
}

export const LIABILITY_TERMS: Record<LiabilityRule, LiabilityTerms> = {
  // CMR art. 23.3: "8.33 units of account per kilogram of gross weight short"; the unit of
  // account is the IMF's Special Drawing Right (art. 23.7).
  'cmr-23': { rate: 'eur-per-sdr', perKg: { numerator: 833, denominator: 100 } },
  // Ley 15/2009 art. 57.1: "un tercio del IPREM/día por cada kilogramo de peso bruto".
  'ley-15-2009-57': { rate: 'iprem-daily-eur', perKg: { numerator: 1, denominator: 3 } },
};

/** The country whose road carriage Ley 15/2009 governs. */
export const LEY_15_2009_COUNTRY = 'ES';
