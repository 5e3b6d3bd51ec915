import type { ClaimChangeField, Language } from './constants.ts';

// A claim's fields as a sentence names them, lower case, in both languages: what a correction
// changed (claim.amended), on the widget's timeline and wherever else a claim's history is told.
// Apart from labels.ts, which the widget loads at start: only what tells the history needs these.

export const CLAIM_FIELD_LABELS: Record<Language, Record<ClaimChangeField, string>> = {
  es: {
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
  },
  en: {
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
  },
};
