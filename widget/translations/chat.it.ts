import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in Italian: loaded with <claims-chat>, not at start.

export const chatIt: ConversationTranslation = {
  newMessages: 'Nuovi messaggi',
  replied: (name, when) => `${name} ha risposto ${when}`,
  previousImage: 'Immagine precedente',
  nextImage: 'Immagine successiva',
  position: (n, of) => `${n} di ${of}`,
  screenshot: 'Schermata',
  requestDocument: 'Richiedi documento',
  requestTitle: 'Richiedi un documento al cliente',
  requestKind: 'Documento',
  requestNote: 'Nota per il cliente (facoltativa)',
  requestFree: 'Di quale documento hai bisogno',
  requestFreeRequired: 'Scrivi di quale documento hai bisogno.',
  requestSend: 'Richiedi',
  requestSending: (label) => `Richiesta di «${label}» in corso…`,
  requestedOfYou: 'Ti chiediamo questo documento',
  requested: 'Documento richiesto',
  upload: 'Carica file',
  filled: 'Già caricato: il tuo gestore del sinistro lo controllerà.',
  filledHandler: 'Caricato: in attesa della tua revisione.',
  requestStateFailed: 'Impossibile caricare lo stato del documento.',
  attachmentsPending: 'Aspetta che i file allegati siano pronti per inviare il messaggio.',
};
