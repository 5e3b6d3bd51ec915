import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in Catalan, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_CA: Record<ClaimChangeField, string> = {
  carrier: 'transportista',
  trackingNumber: 'núm. de seguiment',
  description: 'descripció',
  incidentAt: 'data de la incidència',
  declaredValue: 'valor declarat',
  claimedAmount: 'import reclamat',
  origin: 'origen',
  destination: 'destinació',
  originCountry: 'país d’origen',
  destinationCountry: 'país de destinació',
  packages: 'embalums',
  grossWeightKg: 'pes brut',
  deadlineAt: 'termini',
};
