import { Catalogue } from '../internal/catalogue.ts';
import type { ConsoleViewsTranslation } from './translation.ts';

/** The views of `<claims-console>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const consoleViewsCatalogue = new Catalogue<ConsoleViewsTranslation>({
  es: () => import('./console-views.es.ts').then((m) => m.consoleViewsEs),
  en: () => import('./console-views.en.ts').then((m) => m.consoleViewsEn),
  pt: () => import('./console-views.pt.ts').then((m) => m.consoleViewsPt),
  fr: () => import('./console-views.fr.ts').then((m) => m.consoleViewsFr),
  de: () => import('./console-views.de.ts').then((m) => m.consoleViewsDe),
  it: () => import('./console-views.it.ts').then((m) => m.consoleViewsIt),
  ca: () => import('./console-views.ca.ts').then((m) => m.consoleViewsCa),
});
