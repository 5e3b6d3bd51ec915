import type { DossierTranslation } from './translation.ts';

// A claim's papers to download: loaded with <claims-detail>, not at start.

export const dossierPt: DossierTranslation = {
  downloads: 'Transferências do sinistro',
  dossier: 'Transferir processo',
  letter: 'Carta à transportadora (PDF)',
  downloading: (percent) => (percent === null ? 'A preparar…' : `A transferir… ${percent}%`),
  saved: (name) => `Transferido: ${name}`,
};
