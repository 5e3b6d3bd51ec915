import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start.

export const liabilityEn: LiabilityTranslation = {
  grossWeight: 'Gross weight',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Carrier’s liability limit',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23: ${s.perKg} SDR/kg × ${s.weight} kg × €${s.rate}/SDR, rate of ${s.effectiveFrom})`,
    'ley-15-2009-57': (s) => `${s.amount} (Ley 15/2009 art. 57: ${s.perKg} of €${s.rate}/day of IPREM per kg × ${s.weight} kg, rate of ${s.effectiveFrom})`,
  },
  exceeded: (claimed) => (claimed ? 'The amount claimed exceeds the limit' : 'The declared value exceeds the limit (no amount claimed)'),
  unavailable: {
    'no-rule': ({ country }) => `Not computed: Claimdesk knows no rule limiting carriage within ${country}.`,
    'not-euros': ({ currency }) => `Not computed: the limit is counted in euros, and this claim is in ${currency}.`,
    'no-weight': ({ rule }) => `Not computed: the shipment’s gross weight is missing, and ${rule} counts per kilo. Ask the company for it and add it to the claim (PATCH /claims/{id} with grossWeightKg).`,
    'no-rate': ({ rate, day }) => `Not computed: no ${rate} is recorded in effect on ${day}. Record one in the rates (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'euro value of the SDR', 'iprem-daily-eur': 'daily IPREM' },
};
