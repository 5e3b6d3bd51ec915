import type { ClaimChangeField } from './constants.ts';

/** A claim's fields in German, as a sentence names them (CLAIM_FIELD_LABELS in field-labels.ts). Nouns capitalised, adjectives not, as they stand inside a German sentence. */
export const CLAIM_FIELD_LABELS_DE: Record<ClaimChangeField, string> = {
  carrier: 'Frachtführer',
  trackingNumber: 'Sendungsnummer',
  description: 'Beschreibung',
  incidentAt: 'Datum des Vorfalls',
  declaredValue: 'angegebener Warenwert',
  claimedAmount: 'geforderter Betrag',
  origin: 'Abgangsort',
  destination: 'Bestimmungsort',
  originCountry: 'Abgangsland',
  destinationCountry: 'Bestimmungsland',
  packages: 'Packstücke',
  grossWeightKg: 'Bruttogewicht',
  deadlineAt: 'Frist',
};
