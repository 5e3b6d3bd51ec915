import type { FilingTranslation } from './translation.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

export const filingFr: FilingTranslation = {
  title: 'Transmettre sans que tous les documents soient acceptés ?',
  intro: (n) =>
    n === 1
      ? 'Ce document obligatoire n’est pas accepté. Vous pouvez tout de même transmettre la réclamation, ou revenir en arrière pour l’examiner d’abord.'
      : `Ces ${n} documents obligatoires ne sont pas acceptés. Vous pouvez tout de même transmettre la réclamation, ou revenir en arrière pour les examiner d’abord.`,
  item: (label, status) => `${label} : ${status}`,
  fileAnyway: 'Transmettre quand même',
};
