import { Catalogue } from '../internal/catalogue.ts';
import type { ConversationTranslation } from './translation.ts';

/** The words only an open conversation shows (`<claims-chat>`): one chunk per language (languages.ts), loaded with the element that shows them. */
export const chatCatalogue = new Catalogue<ConversationTranslation>({
  es: () => import('./chat.es.ts').then((m) => m.chatEs),
  en: () => import('./chat.en.ts').then((m) => m.chatEn),
  pt: () => import('./chat.pt.ts').then((m) => m.chatPt),
  fr: () => import('./chat.fr.ts').then((m) => m.chatFr),
  de: () => import('./chat.de.ts').then((m) => m.chatDe),
  it: () => import('./chat.it.ts').then((m) => m.chatIt),
  ca: () => import('./chat.ca.ts').then((m) => m.chatCa),
});
