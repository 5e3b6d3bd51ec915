import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in Italian, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_IT: Record<ClaimChangeField, string> = {
  carrier: 'corriere',
  trackingNumber: 'codice di tracciamento',
  description: 'descrizione',
  incidentAt: 'data dell’anomalia',
  declaredValue: 'valore dichiarato',
  claimedAmount: 'importo richiesto',
  origin: 'origine',
  destination: 'destinazione',
  originCountry: 'paese di origine',
  destinationCountry: 'paese di destinazione',
  packages: 'colli',
  grossWeightKg: 'peso lordo',
  deadlineAt: 'termine',
};
