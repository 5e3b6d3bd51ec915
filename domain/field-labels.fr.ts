import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in French, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). */
export const CLAIM_FIELD_LABELS_FR: Record<ClaimChangeField, string> = {
  carrier: 'transporteur',
  trackingNumber: 'n° de suivi',
  description: 'description',
  incidentAt: 'date de l’incident',
  declaredValue: 'valeur déclarée',
  claimedAmount: 'montant réclamé',
  origin: 'origine',
  destination: 'destination',
  originCountry: 'pays d’origine',
  destinationCountry: 'pays de destination',
  packages: 'nombre de colis',
  grossWeightKg: 'poids brut',
  deadlineAt: 'délai',
};
