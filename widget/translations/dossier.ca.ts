import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierCa: DossierTranslation = {
  downloads: 'Baixades del sinistre',
  dossier: 'Baixar l’expedient',
  letter: 'Carta al transportista (PDF)',
  downloading: (percent) => (percent === null ? 'S’està preparant…' : `S’està baixant… ${percent} %`),
  saved: (name) => `Baixat: ${name}`,
};
