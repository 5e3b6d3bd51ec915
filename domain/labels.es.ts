import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in Spanish (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_ES: ClaimLabels = {
  status: {
    notified: 'Notificado',
    declined: 'Gestión rechazada',
    documentation: 'Documentación',
    review: 'En revisión',
    submitted: 'Presentado',
    resolved: 'Resuelto',
    closed: 'Cerrado',
  },
  type: { breakage: 'Rotura', robbery: 'Robo', theft: 'Hurto', loss: 'Pérdida' },
  outcome: { paid: 'Indemnizado', partially_paid: 'Indemnizado en parte', denied: 'Denegado' },
};
