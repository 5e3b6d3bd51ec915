import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in Italian (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_IT: ClaimLabels = {
  status: {
    notified: 'Segnalato',
    declined: 'Gestione rifiutata',
    documentation: 'Documentazione',
    review: 'In revisione',
    submitted: 'Presentato',
    resolved: 'Risolto',
    closed: 'Chiuso',
  },
  type: { breakage: 'Rottura', robbery: 'Rapina', theft: 'Furto', loss: 'Smarrimento' },
  outcome: { paid: 'Indennizzato', partially_paid: 'Indennizzato in parte', denied: 'Respinto' },
};
