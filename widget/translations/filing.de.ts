import type { FilingTranslation } from './translation.ts';
import { isSingular } from '../internal/format.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

const isOne = (n: number) => isSingular(n, 'de-DE');

export const filingDe: FilingTranslation = {
  title: 'Einreichen, obwohl nicht alle Unterlagen akzeptiert sind?',
  intro: (n) =>
    isOne(n)
      ? 'Dieses Pflichtdokument ist nicht akzeptiert. Sie können die Reklamation trotzdem einreichen oder zurückgehen und es vorher prüfen.'
      : `Diese ${n} Pflichtdokumente sind nicht akzeptiert. Sie können die Reklamation trotzdem einreichen oder zurückgehen und sie vorher prüfen.`,
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'Trotzdem einreichen',
};
