import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in European Portuguese (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_PT: ClaimLabels = {
  status: {
    notified: 'Notificado',
    declined: 'Gestão recusada',
    documentation: 'Documentação',
    review: 'Em revisão',
    submitted: 'Apresentado',
    resolved: 'Resolvido',
    closed: 'Encerrado',
  },
  type: { breakage: 'Quebra', robbery: 'Roubo', theft: 'Furto', loss: 'Extravio' },
  outcome: { paid: 'Indemnizado', partially_paid: 'Indemnizado parcialmente', denied: 'Indeferido' },
};
