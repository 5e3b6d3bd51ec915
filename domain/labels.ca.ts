import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in Catalan (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_CA: ClaimLabels = {
  status: {
    notified: 'Notificat',
    declined: 'Gestió rebutjada',
    documentation: 'Documentació',
    review: 'En revisió',
    submitted: 'Presentat',
    resolved: 'Resolt',
    closed: 'Tancat',
  },
  type: { breakage: 'Trencament', robbery: 'Robatori', theft: 'Furt', loss: 'Pèrdua' },
  outcome: { paid: 'Indemnitzat', partially_paid: 'Indemnitzat en part', denied: 'Denegat' },
};
