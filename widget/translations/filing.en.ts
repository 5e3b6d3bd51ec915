import type { FilingTranslation } from './translation.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

export const filingEn: FilingTranslation = {
  title: 'File without every document accepted?',
  intro: (n) =>
    n === 1
      ? 'This required document is not accepted. You can file the claim anyway, or go back and review it first.'
      : `These ${n} required documents are not accepted. You can file the claim anyway, or go back and review them first.`,
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'File anyway',
};
