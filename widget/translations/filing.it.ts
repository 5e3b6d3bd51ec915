import type { FilingTranslation } from './translation.ts';
import { isSingular } from '../internal/format.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

const isOne = (n: number) => isSingular(n, 'it-IT');

export const filingIt: FilingTranslation = {
  title: 'Presentare senza tutta la documentazione accettata?',
  intro: (n) =>
    isOne(n)
      ? 'Questo documento obbligatorio non risulta accettato. Puoi presentare comunque il reclamo, oppure tornare indietro e controllarlo prima.'
      : `Questi ${n} documenti obbligatori non risultano accettati. Puoi presentare comunque il reclamo, oppure tornare indietro e controllarli prima.`,
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'Presenta comunque',
};
