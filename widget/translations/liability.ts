import { Catalogue } from '../internal/catalogue.ts';
import type { LiabilityTranslation } from './translation.ts';

/** A claim's gross weight and the carrier's liability limit (`<claims-detail>`): one chunk per language (languages.ts), loaded with the element that shows them. */
export const liabilityCatalogue = new Catalogue<LiabilityTranslation>({
  es: () => import('./liability.es.ts').then((m) => m.liabilityEs),
  en: () => import('./liability.en.ts').then((m) => m.liabilityEn),
  pt: () => import('./liability.pt.ts').then((m) => m.liabilityPt),
  fr: () => import('./liability.fr.ts').then((m) => m.liabilityFr),
  de: () => import('./liability.de.ts').then((m) => m.liabilityDe),
  it: () => import('./liability.it.ts').then((m) => m.liabilityIt),
  ca: () => import('./liability.ca.ts').then((m) => m.liabilityCa),
});
