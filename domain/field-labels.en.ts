import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in English, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_EN: Record<ClaimChangeField, string> = {
  carrier: 'carrier',
  trackingNumber: 'tracking number',
  description: 'description',
  incidentAt: 'date of the incident',
  declaredValue: 'declared value',
  claimedAmount: 'amount claimed',
  origin: 'origin',
  destination: 'destination',
  originCountry: 'country of origin',
  destinationCountry: 'country of destination',
  packages: 'packages',
  grossWeightKg: 'gross weight',
  deadlineAt: 'deadline',
};
