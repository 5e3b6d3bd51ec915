import { Catalogue } from '../internal/catalogue.ts';
import type { WebhooksTranslation } from './translation.ts';

/** The words of `<claims-webhooks>`: one chunk per language (languages.ts), loaded with the element that shows them. */
export const webhooksCatalogue = new Catalogue<WebhooksTranslation>({
  es: () => import('./webhooks.es.ts').then((m) => m.webhooksEs),
  en: () => import('./webhooks.en.ts').then((m) => m.webhooksEn),
  pt: () => import('./webhooks.pt.ts').then((m) => m.webhooksPt),
  fr: () => import('./webhooks.fr.ts').then((m) => m.webhooksFr),
  de: () => import('./webhooks.de.ts').then((m) => m.webhooksDe),
  it: () => import('./webhooks.it.ts').then((m) => m.webhooksIt),
  ca: () => import('./webhooks.ca.ts').then((m) => m.webhooksCa),
});
