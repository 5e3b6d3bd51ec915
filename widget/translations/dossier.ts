import { Catalogue } from '../internal/catalogue.ts';
import type { DossierTranslation } from './translation.ts';

/** The words of a claim's papers, downloaded from `<claims-detail>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const dossierCatalogue = new Catalogue<DossierTranslation>({
  es: () => import('./dossier.es.ts').then((m) => m.dossierEs),
  en: () => import('./dossier.en.ts').then((m) => m.dossierEn),
  pt: () => import('./dossier.pt.ts').then((m) => m.dossierPt),
  fr: () => import('./dossier.fr.ts').then((m) => m.dossierFr),
  de: () => import('./dossier.de.ts').then((m) => m.dossierDe),
  it: () => import('./dossier.it.ts').then((m) => m.dossierIt),
  ca: () => import('./dossier.ca.ts').then((m) => m.dossierCa),
});
