import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in Spanish, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_ES: Record<ClaimChangeField, string> = {
  carrier: 'transportista',
  trackingNumber: 'nº de seguimiento',
  description: 'descripción',
  incidentAt: 'fecha de la incidencia',
  declaredValue: 'valor declarado',
  claimedAmount: 'importe reclamado',
  origin: 'origen',
  destination: 'destino',
  originCountry: 'país de origen',
  destinationCountry: 'país de destino',
  packages: 'bultos',
  grossWeightKg: 'peso bruto',
  deadlineAt: 'plazo',
};
