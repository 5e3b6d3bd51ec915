import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start. (The API writes them
// in Spanish or English: a French reader gets them in English, languages.ts.)

export const dossierFr: DossierTranslation = {
  downloads: 'Téléchargements du sinistre',
  dossier: 'Télécharger le dossier',
  letter: 'Lettre au transporteur (PDF)',
  downloading: (percent) => (percent === null ? 'Préparation…' : `Téléchargement… ${percent} %`),
  saved: (name) => `Téléchargé : ${name}`,
};
