import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in Spanish: loaded with <claims-chat>, not at start.

export const chatEs: ConversationTranslation = {
  newMessages: 'Mensajes nuevos',
  replied: (name, when) => `${name} respondió ${when}`,
  previousImage: 'Imagen anterior',
  nextImage: 'Imagen siguiente',
  position: (n, of) => `${n} de ${of}`,
  screenshot: 'Captura',
};
