import type { ClaimStatus, ClaimType, Language, Outcome } from './constants.ts';

// The words for a claim's status, type and outcome in both languages: the widget shows them and the
// emails say them, so a customer reads the same words in both places. What a claim asks of its
// reader next is not a word per status: the API decides it from the claim (Claim.nextStep).
// Like constants.ts, it imports nothing the widget could not bundle.

export interface ClaimLabels {
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  outcome: Record<Outcome, string>;
}

export const CLAIM_LABELS: Record<Language, ClaimLabels> = {
  es: {
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
  },
  en: {
    status: {
      notified: 'Notified',
      declined: 'Declined',
      documentation: 'Documentation',
      review: 'In review',
      submitted: 'Submitted',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    type: { breakage: 'Breakage', robbery: 'Robbery', theft: 'Theft', loss: 'Loss' },
    outcome: { paid: 'Paid', partially_paid: 'Partially paid', denied: 'Denied' },
  },
};
