import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start. The SDR is the DTS (droits de tirage spéciaux); the Spanish
// statute keeps its name, as a citation.

export const liabilityFr: LiabilityTranslation = {
  grossWeight: 'Poids brut',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Limite de responsabilité du transporteur',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23 : ${s.perKg} DTS/kg × ${s.weight} kg × ${s.rate} €/DTS, taux du ${s.effectiveFrom})`,
    'ley-15-2009-57': (s) => `${s.amount} (Ley 15/2009 art. 57 : ${s.perKg} de ${s.rate} €/jour d’IPREM par kg × ${s.weight} kg, taux du ${s.effectiveFrom})`,
  },
  exceeded: (claimed) => (claimed ? 'Le montant réclamé dépasse la limite' : 'La valeur déclarée dépasse la limite (aucun montant réclamé)'),
  unavailable: {
    'no-rule': ({ country }) => `Non calculée : Claimdesk ne connaît pas la règle qui limite la responsabilité pour un transport intérieur (${country}).`,
    'not-euros': ({ currency }) => `Non calculée : la limite se calcule en euros et ce sinistre est en ${currency}.`,
    'no-weight': ({ rule }) =>
      `Non calculée : le poids brut de l’expédition manque, alors que le calcul selon ${rule} se fait au kilo. Demandez le poids à l’entreprise et ajoutez-le au sinistre (PATCH /claims/{id} avec grossWeightKg).`,
    'no-rate': ({ rate, day }) => `Non calculée : aucune donnée n’est enregistrée pour ${rate} en vigueur le ${day}. Enregistrez-la dans les taux (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'la valeur du DTS en euros', 'iprem-daily-eur': 'l’IPREM journalier' },
};
