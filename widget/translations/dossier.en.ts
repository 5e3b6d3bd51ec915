import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierEn: DossierTranslation = {
  downloads: 'Claim downloads',
  dossier: 'Download dossier',
  letter: 'Letter to the carrier (PDF)',
  downloading: (percent) => (percent === null ? 'Preparing…' : `Downloading… ${percent}%`),
  saved: (name) => `Downloaded: ${name}`,
};
