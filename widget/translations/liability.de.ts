import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start.

export const liabilityDe: LiabilityTranslation = {
  grossWeight: 'Bruttogewicht',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Haftungsgrenze des Frachtführers',
  computed: {
    'cmr-23': (s) => `${s.amount} (Art. 23 CMR: ${s.perKg} SZR/kg × ${s.weight} kg × ${s.rate} €/SZR, Kurs gültig ab ${s.effectiveFrom})`,
    'ley-15-2009-57': (s) =>
      `${s.amount} (Art. 57 Ley 15/2009: ${s.perKg} des IPREM-Tageswerts von ${s.rate} € je kg × ${s.weight} kg, Wert gültig ab ${s.effectiveFrom})`,
  },
  exceeded: (claimed) =>
    claimed ? 'Der geforderte Betrag übersteigt die Haftungsgrenze' : 'Der angegebene Warenwert übersteigt die Haftungsgrenze (kein Betrag gefordert)',
  unavailable: {
    'no-rule': ({ country }) =>
      `Nicht berechnet: Claimdesk kennt keine Vorschrift, die die Haftung für Beförderungen innerhalb dieses Landes begrenzt (${country}).`,
    'not-euros': ({ currency }) => `Nicht berechnet: Die Haftungsgrenze wird in Euro berechnet, dieser Schadensfall lautet aber auf ${currency}.`,
    'no-weight': ({ rule }) =>
      `Nicht berechnet: Das Bruttogewicht der Sendung fehlt, und ${rule} rechnet je Kilogramm. Erfragen Sie das Gewicht beim Unternehmen und ergänzen Sie es im Schadensfall (PATCH /claims/{id} mit grossWeightKg).`,
    'no-rate': ({ rate, day }) =>
      `Nicht berechnet: Es ist kein am ${day} gültiger ${rate} erfasst. Erfassen Sie ihn bei den Haftungssätzen (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'Art. 23 CMR', 'ley-15-2009-57': 'Art. 57 Ley 15/2009' },
  rates: { 'eur-per-sdr': 'Euro-Wert des SZR', 'iprem-daily-eur': 'IPREM-Tageswert' },
};
