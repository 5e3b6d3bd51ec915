import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in European Portuguese, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_PT: Record<ClaimChangeField, string> = {
  carrier: 'transportadora',
  trackingNumber: 'n.º de seguimento',
  description: 'descrição',
  incidentAt: 'data da ocorrência',
  declaredValue: 'valor declarado',
  claimedAmount: 'montante reclamado',
  origin: 'origem',
  destination: 'destino',
  originCountry: 'país de origem',
  destinationCountry: 'país de destino',
  packages: 'volumes',
  grossWeightKg: 'peso bruto',
  deadlineAt: 'prazo',
};
