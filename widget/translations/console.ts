import { Catalogue } from '../internal/catalogue.ts';
import type { ConsoleTranslation } from './translation.ts';

/** The back office's words (`<claims-console>`, and the staff filters of a `<claims-list>` that is `staff`): one chunk per language (languages.ts), loaded with the element that shows them. */
export const consoleCatalogue = new Catalogue<ConsoleTranslation>({
  es: () => import('./console.es.ts').then((m) => m.consoleEs),
  en: () => import('./console.en.ts').then((m) => m.consoleEn),
  pt: () => import('./console.pt.ts').then((m) => m.consolePt),
  fr: () => import('./console.fr.ts').then((m) => m.consoleFr),
  de: () => import('./console.de.ts').then((m) => m.consoleDe),
  it: () => import('./console.it.ts').then((m) => m.consoleIt),
  ca: () => import('./console.ca.ts').then((m) => m.consoleCa),
});
