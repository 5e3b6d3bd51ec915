import { Catalogue } from '../internal/catalogue.ts';
import type { AccountTranslation } from './translation.ts';

/** The words of `<claims-notifications>`, `<claims-settings>` and `<claims-help>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const accountCatalogue = new Catalogue<AccountTranslation>({
  es: () => import('./account.es.ts').then((m) => m.accountEs),
  en: () => import('./account.en.ts').then((m) => m.accountEn),
  pt: () => import('./account.pt.ts').then((m) => m.accountPt),
  fr: () => import('./account.fr.ts').then((m) => m.accountFr),
  de: () => import('./account.de.ts').then((m) => m.accountDe),
  it: () => import('./account.it.ts').then((m) => m.accountIt),
  ca: () => import('./account.ca.ts').then((m) => m.accountCa),
});
