import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in English: loaded with <claims-chat>, not at start.

export const chatEn: ConversationTranslation = {
  newMessages: 'New messages',
  replied: (name, when) => `${name} replied ${when}`,
  previousImage: 'Previous image',
  nextImage: 'Next image',
  position: (n, of) => `${n} of ${of}`,
  screenshot: 'Screenshot',
};
