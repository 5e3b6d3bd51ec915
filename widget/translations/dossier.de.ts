import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierDe: DossierTranslation = {
  downloads: 'Downloads zum Schadensfall',
  dossier: 'Schadenakte herunterladen',
  letter: 'Schreiben an den Frachtführer (PDF)',
  downloading: (percent) => (percent === null ? 'Wird vorbereitet…' : `Wird heruntergeladen… ${percent} %`),
  saved: (name) => `Heruntergeladen: ${name}`,
};
