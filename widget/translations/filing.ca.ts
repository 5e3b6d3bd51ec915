import type { FilingTranslation } from './translation.ts';
import { plural } from './ca.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

export const filingCa: FilingTranslation = {
  title: 'Vols presentar la reclamació sense tota la documentació acceptada?',
  intro: (n) =>
    plural(
      n,
      'Aquest document obligatori no està acceptat. Pots presentar la reclamació igualment, o tornar enrere i revisar-lo abans.',
      `Aquests ${n} documents obligatoris no estan acceptats. Pots presentar la reclamació igualment, o tornar enrere i revisar-los abans.`,
    ),
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'Presentar igualment',
};
