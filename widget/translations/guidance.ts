import { Catalogue } from '../internal/catalogue.ts';
import type { GuidanceTranslation } from './translation.ts';

/** What a claim asks of its reader next (`<claims-detail>`): one chunk per language (languages.ts), loaded with the element that shows them. */
export const guidanceCatalogue = new Catalogue<GuidanceTranslation>({
  es: () => import('./guidance.es.ts').then((m) => m.guidanceEs),
  en: () => import('./guidance.en.ts').then((m) => m.guidanceEn),
  pt: () => import('./guidance.pt.ts').then((m) => m.guidancePt),
  fr: () => import('./guidance.fr.ts').then((m) => m.guidanceFr),
  de: () => import('./guidance.de.ts').then((m) => m.guidanceDe),
  it: () => import('./guidance.it.ts').then((m) => m.guidanceIt),
  ca: () => import('./guidance.ca.ts').then((m) => m.guidanceCa),
});
