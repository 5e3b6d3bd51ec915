import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierEs: DossierTranslation = {
  downloads: 'Descargas del siniestro',
  dossier: 'Descargar expediente',
  letter: 'Carta al transportista (PDF)',
  downloading: (percent) => (percent === null ? 'Preparando…' : `Descargando… ${percent} %`),
  saved: (name) => `Descargado: ${name}`,
};
