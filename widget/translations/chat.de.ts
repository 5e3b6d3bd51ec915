import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in German: loaded with <claims-chat>, not at start.

export const chatDe: ConversationTranslation = {
  newMessages: 'Neue Nachrichten',
  replied: (name, when) => `${name} hat ${when} geantwortet`,
  previousImage: 'Vorheriges Bild',
  nextImage: 'Nächstes Bild',
  position: (n, of) => `${n} von ${of}`,
  screenshot: 'Bildschirmfoto',
  requestDocument: 'Dokument anfordern',
  requestTitle: 'Dokument beim Kunden anfordern',
  requestKind: 'Dokument',
  requestNote: 'Hinweis für den Kunden (optional)',
  requestFree: 'Welches Dokument Sie benötigen',
  requestFreeRequired: 'Geben Sie an, welches Dokument Sie benötigen.',
  requestSend: 'Anfordern',
  requestSending: (label) => `„${label}“ wird angefordert…`,
  requestedOfYou: 'Wir bitten Sie um dieses Dokument',
  requested: 'Dokument angefordert',
  upload: 'Datei hochladen',
  filled: 'Bereits hochgeladen: Ihre Sachbearbeitung wird es prüfen.',
  filledHandler: 'Hochgeladen: wartet auf Ihre Prüfung.',
  requestStateFailed: 'Der Status des Dokuments konnte nicht geladen werden.',
  attachmentsPending: 'Bitte warten Sie, bis die angehängten Dateien bereit sind, um die Nachricht zu senden.',
};
