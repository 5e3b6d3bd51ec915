import type { LiabilityTranslation } from './translation.ts';

// A claim's gross weight and, for claims handlers, the carrier's liability limit: loaded with
// <claims-detail>, not at start.

export const liabilityEs: LiabilityTranslation = {
  grossWeight: 'Peso bruto',
  kilograms: (weight) => `${weight} kg`,
  limit: 'Límite de responsabilidad del transportista',
  computed: {
    'cmr-23': (s) => `${s.amount} (CMR art. 23: ${s.perKg} DEG/kg × ${s.weight} kg × ${s.rate} €/DEG, tipo del ${s.effectiveFrom})`,
    'ley-15-2009-57': (s) => `${s.amount} (Ley 15/2009 art. 57: ${s.perKg} de ${s.rate} €/día de IPREM por kg × ${s.weight} kg, tipo del ${s.effectiveFrom})`,
  },
  exceeded: (claimed) => (claimed ? 'El importe reclamado supera el límite' : 'El valor declarado supera el límite (no se reclama importe)'),
  unavailable: {
    'no-rule': ({ country }) => `Sin calcular: Claimdesk no conoce la norma que limita el transporte dentro de ${country}.`,
    'not-euros': ({ currency }) => `Sin calcular: el límite se cuenta en euros y este siniestro está en ${currency}.`,
    'no-weight': ({ rule }) => `Sin calcular: falta el peso bruto del envío, y ${rule} cuenta por kilo. Pide el peso a la empresa y añádelo al siniestro (PATCH /claims/{id} con grossWeightKg).`,
    'no-rate': ({ rate, day }) => `Sin calcular: no hay ${rate} registrado en vigor el ${day}. Regístralo en las tarifas (POST /liability-rates).`,
  },
  rules: { 'cmr-23': 'CMR art. 23', 'ley-15-2009-57': 'Ley 15/2009 art. 57' },
  rates: { 'eur-per-sdr': 'valor del DEG en euros', 'iprem-daily-eur': 'IPREM diario' },
};
