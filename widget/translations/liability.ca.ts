import type { LiabilityTranslation } from './translation.ts';
import { de, del, el } from './ca.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start. The rules keep their legal names (CMR, Ley 15/2009, IPREM, DEG).

export const liabilityCa: LiabilityTranslation = {
  grossWeight: 'Pes brut',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Límit de responsabilitat del transportista',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23: ${s.perKg} DEG/kg × ${s.weight} kg × ${s.rate} €/DEG, tipus ${del(s.effectiveFrom)})`,
    'ley-15-2009-57': (s) =>
      `${s.amount} (Ley 15/2009 art. 57: ${s.perKg} ${de(`${s.rate} €/dia`)} d’IPREM per kg × ${s.weight} kg, tipus ${del(s.effectiveFrom)})`,
  },
  exceeded: (claimed) => (claimed ? 'L’import reclamat supera el límit' : 'El valor declarat supera el límit (no es reclama cap import)'),
  unavailable: {
    // The country by its name alone: some take an article in Catalan (el Regne Unit, els Països Baixos), most do not.
    'no-rule': ({ country }) => `Sense calcular: Claimdesk no coneix la norma que limita el transport dins del país (${country}).`,
    'not-euros': ({ currency }) => `Sense calcular: el límit es calcula en euros i aquest sinistre està expressat en ${currency}.`,
    'no-weight': ({ rule }) =>
      `Sense calcular: falta el pes brut de l’enviament, i ${rule} compta per quilo. Demana el pes a l’empresa i afegeix-lo al sinistre (PATCH /claims/{id} amb grossWeightKg).`,
    'no-rate': ({ rate, day }) => `Sense calcular: no hi ha cap ${rate} registrat en vigor ${el(day)}. Registra’l a les tarifes (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'valor del DEG en euros', 'iprem-daily-eur': 'IPREM diari' },
};
