import { Catalogue } from '../internal/catalogue.ts';
import type { AnalyticsTranslation } from './translation.ts';

/** The words of `<claims-analytics>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const analyticsCatalogue = new Catalogue<AnalyticsTranslation>({
  es: () => import('./analytics.es.ts').then((m) => m.analyticsEs),
  en: () => import('./analytics.en.ts').then((m) => m.analyticsEn),
  pt: () => import('./analytics.pt.ts').then((m) => m.analyticsPt),
  fr: () => import('./analytics.fr.ts').then((m) => m.analyticsFr),
  de: () => import('./analytics.de.ts').then((m) => m.analyticsDe),
  it: () => import('./analytics.it.ts').then((m) => m.analyticsIt),
  ca: () => import('./analytics.ca.ts').then((m) => m.analyticsCa),
});
