import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start. The legal names (CMR, Ley 15/2009, IPREM) stay as they are
// cited; the IMF's SDR (DEG in Spanish) is DSE, direito de saque especial, in Portuguese.

export const liabilityPt: LiabilityTranslation = {
  grossWeight: 'Peso bruto',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Limite de responsabilidade da transportadora',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23: ${s.perKg} DSE/kg × ${s.weight} kg × ${s.rate} €/DSE, taxa de ${s.effectiveFrom})`,
    'ley-15-2009-57': (s) => `${s.amount} (Ley 15/2009 art. 57: ${s.perKg} de ${s.rate} €/dia de IPREM por kg × ${s.weight} kg, taxa de ${s.effectiveFrom})`,
  },
  exceeded: (claimed) => (claimed ? 'O montante reclamado excede o limite' : 'O valor declarado excede o limite (não é reclamado nenhum montante)'),
  unavailable: {
    'no-rule': ({ country }) => `Não calculado: o Claimdesk não conhece a norma que limita o transporte interno deste país (${country}).`,
    'not-euros': ({ currency }) => `Não calculado: o limite é calculado em euros e este sinistro está em ${currency}.`,
    'no-weight': ({ rule }) =>
      `Não calculado: falta o peso bruto do envio, e o limite (${rule}) é calculado por quilo. Peça o peso à empresa e acrescente-o ao sinistro (PATCH /claims/{id} com grossWeightKg).`,
    'no-rate': ({ rate, day }) => `Não calculado: não há ${rate} registado em vigor no dia ${day}. Registe-o nas taxas (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'valor do DSE em euros', 'iprem-daily-eur': 'IPREM diário' },
};
