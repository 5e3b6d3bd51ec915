import { Catalogue } from '../internal/catalogue.ts';
import type { DocumentsTranslation } from './translation.ts';

/** The documents checklist's words (`<claims-documents>`, and the detail, the chat and the console): one chunk per language (languages.ts), loaded with the element that shows them. */
export const documentsCatalogue = new Catalogue<DocumentsTranslation>({
  es: () => import('./documents.es.ts').then((m) => m.documentsEs),
  en: () => import('./documents.en.ts').then((m) => m.documentsEn),
  pt: () => import('./documents.pt.ts').then((m) => m.documentsPt),
  fr: () => import('./documents.fr.ts').then((m) => m.documentsFr),
  de: () => import('./documents.de.ts').then((m) => m.documentsDe),
  it: () => import('./documents.it.ts').then((m) => m.documentsIt),
  ca: () => import('./documents.ca.ts').then((m) => m.documentsCa),
});
