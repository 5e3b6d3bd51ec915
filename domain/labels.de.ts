import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in German (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_DE: ClaimLabels = {
  status: {
    notified: 'Gemeldet',
    declined: 'Bearbeitung abgelehnt',
    documentation: 'Unterlagen',
    review: 'In Prüfung',
    submitted: 'Eingereicht',
    resolved: 'Entschieden',
    closed: 'Abgeschlossen',
  },
  type: { breakage: 'Bruchschaden', robbery: 'Raub', theft: 'Diebstahl', loss: 'Verlust' },
  outcome: { paid: 'Entschädigt', partially_paid: 'Teilweise entschädigt', denied: 'Abgelehnt' },
};
