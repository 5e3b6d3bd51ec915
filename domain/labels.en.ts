import type { ClaimLabels } from './labels.ts';

/** A claim's status, type and outcome in English (CLAIM_LABELS in labels.ts). */
export const CLAIM_LABELS_EN: ClaimLabels = {
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
};
