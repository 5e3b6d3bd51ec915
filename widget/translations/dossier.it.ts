import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierIt: DossierTranslation = {
  downloads: 'Download del sinistro',
  dossier: 'Scarica il fascicolo',
  letter: 'Lettera al vettore (PDF)',
  downloading: (percent) => (percent === null ? 'Preparazione…' : `Download in corso… ${percent}%`),
  saved: (name) => `Scaricato: ${name}`,
};
