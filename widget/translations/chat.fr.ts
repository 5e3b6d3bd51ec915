import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in French: loaded with <claims-chat>, not at start.

export const chatFr: ConversationTranslation = {
  newMessages: 'Nouveaux messages',
  replied: (name, when) => `${name} a répondu ${when}`,
  previousImage: 'Image précédente',
  nextImage: 'Image suivante',
  position: (n, of) => `${n} sur ${of}`,
  screenshot: 'Capture',
  requestDocument: 'Demander un document',
  requestTitle: 'Demander un document au client',
  requestKind: 'Document',
  requestNote: 'Note pour le client (facultative)',
  requestFree: 'Document dont vous avez besoin',
  requestFreeRequired: 'Indiquez le document dont vous avez besoin.',
  requestSend: 'Demander',
  requestSending: (label) => `Demande de « ${label} » en cours…`,
  requestedOfYou: 'Nous vous demandons ce document',
  requested: 'Document demandé',
  upload: 'Ajouter un fichier',
  filled: 'C’est envoyé : votre gestionnaire va l’examiner.',
  filledHandler: 'Envoyé : en attente de votre examen.',
  requestStateFailed: 'Impossible de charger l’état du document.',
  attachmentsPending: 'Attendez que les fichiers joints soient prêts pour envoyer le message.',
};
