import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start. The rules keep their legal names (CMR, Ley 15/2009, IPREM); the
// SDR is the DSP, as the Italian text of the CMR calls it (diritti speciali di prelievo).

/** A day after its article or "del": "il 01/03/2026", "dell’08/03/2026" (otto and undici elide it). */
const ELIDED = { il: 'l’', del: 'dell’' } as const;
const on = (preposition: keyof typeof ELIDED, day: string) =>
  /^(0?8|11)(?!\d)/.test(day) ? `${ELIDED[preposition]}${day}` : `${preposition} ${day}`;

export const liabilityIt: LiabilityTranslation = {
  grossWeight: 'Peso lordo',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Limite di responsabilità del vettore',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23: ${s.perKg} DSP/kg × ${s.weight} kg × ${s.rate} €/DSP, valore ${on('del', s.effectiveFrom)})`,
    'ley-15-2009-57': (s) =>
      `${s.amount} (Ley 15/2009 art. 57: ${s.perKg} di ${s.rate} €/giorno di IPREM per kg × ${s.weight} kg, valore ${on('del', s.effectiveFrom)})`,
  },
  exceeded: (claimed) => (claimed ? 'L’importo richiesto supera il limite' : 'Il valore dichiarato supera il limite (non è richiesto alcun importo)'),
  unavailable: {
    'no-rule': ({ country }) => `Non calcolato: Claimdesk non conosce la norma che fissa il limite di responsabilità per i trasporti all’interno di questo paese (${country}).`,
    'not-euros': ({ currency }) => `Non calcolato: il limite si calcola in euro e questo sinistro è in ${currency}.`,
    'no-weight': ({ rule }) =>
      `Non calcolato: manca il peso lordo della spedizione e secondo ${rule} il limite si calcola al chilo. Chiedi il peso all’azienda e aggiungilo al sinistro (PATCH /claims/{id} con grossWeightKg).`,
    'no-rate': ({ rate, day }) =>
      `Non calcolato: non risulta registrato alcun ${rate} in vigore ${on('il', day)}. Registralo tra i valori di riferimento (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'valore del DSP in euro', 'iprem-daily-eur': 'IPREM giornaliero' },
};
