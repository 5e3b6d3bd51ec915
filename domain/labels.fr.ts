import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in French (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_FR: ClaimLabels = {
  status: {
    notified: 'Notifié',
    declined: 'Prise en charge refusée',
    documentation: 'Documentation',
    review: 'En cours d’examen',
    submitted: 'Transmis',
    resolved: 'Résolu',
    closed: 'Clôturé',
  },
  type: { breakage: 'Casse', robbery: 'Vol avec effraction', theft: 'Vol simple', loss: 'Perte' },
  outcome: { paid: 'Indemnisé', partially_paid: 'Indemnisé en partie', denied: 'Refusé' },
};
