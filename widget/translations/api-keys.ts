import { Catalogue } from '../internal/catalogue.ts';
import type { ApiKeysTranslation } from './translation.ts';

/** The words of `<claims-api-keys>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const apiKeysCatalogue = new Catalogue<ApiKeysTranslation>({
  es: () => import('./api-keys.es.ts').then((m) => m.apiKeysEs),
  en: () => import('./api-keys.en.ts').then((m) => m.apiKeysEn),
  pt: () => import('./api-keys.pt.ts').then((m) => m.apiKeysPt),
  fr: () => import('./api-keys.fr.ts').then((m) => m.apiKeysFr),
  de: () => import('./api-keys.de.ts').then((m) => m.apiKeysDe),
  it: () => import('./api-keys.it.ts').then((m) => m.apiKeysIt),
  ca: () => import('./api-keys.ca.ts').then((m) => m.apiKeysCa),
});
