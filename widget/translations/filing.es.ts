import type { FilingTranslation } from './translation.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

export const filingEs: FilingTranslation = {
  title: '¿Presentar sin toda la documentación aceptada?',
  intro: (n) =>
    n === 1
      ? 'Este documento obligatorio no está aceptado. Puedes presentar la reclamación igualmente, o volver y revisarlo antes.'
      : `Estos ${n} documentos obligatorios no están aceptados. Puedes presentar la reclamación igualmente, o volver y revisarlos antes.`,
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'Presentar igualmente',
};
