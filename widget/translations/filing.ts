import { Catalogue } from '../internal/catalogue.ts';
import type { FilingTranslation } from './translation.ts';

/** The console's question before filing a claim whose documents are not all accepted: one chunk per language (languages.ts), loaded with the element that shows them. */
export const filingCatalogue = new Catalogue<FilingTranslation>({
  es: () => import('./filing.es.ts').then((m) => m.filingEs),
  en: () => import('./filing.en.ts').then((m) => m.filingEn),
  pt: () => import('./filing.pt.ts').then((m) => m.filingPt),
  fr: () => import('./filing.fr.ts').then((m) => m.filingFr),
  de: () => import('./filing.de.ts').then((m) => m.filingDe),
  it: () => import('./filing.it.ts').then((m) => m.filingIt),
  ca: () => import('./filing.ca.ts').then((m) => m.filingCa),
});
