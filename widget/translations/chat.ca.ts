import type { ConversationTranslation } from './translation.ts';
import { de } from './ca.ts';

// The open conversation's words in Catalan: loaded with <claims-chat>, not at start.

export const chatCa: ConversationTranslation = {
  newMessages: 'Missatges nous',
  // `when` is relative, and "ara" (just now) among its values: a past tense would not fit every one of them.
  replied: (name, when) => `Última resposta ${de(name)}: ${when}`,
  previousImage: 'Imatge anterior',
  nextImage: 'Imatge següent',
  position: (n, of) => `${n} ${de(String(of))}`,
  screenshot: 'Captura',
  requestDocument: 'Demanar un document',
  requestTitle: 'Demanar un document al client',
  requestKind: 'Document',
  requestNote: 'Nota per al client (opcional)',
  requestFree: 'Quin document necessites',
  requestFreeRequired: 'Escriu quin document necessites.',
  requestSend: 'Demanar',
  requestSending: (label) => `S’està demanant «${label}»…`,
  requestedOfYou: 'Et demanem aquest document',
  requested: 'Document demanat',
  upload: 'Pujar un fitxer',
  filled: 'Ja s’ha pujat: la teva gestora el revisarà.',
  filledHandler: 'Pujat: espera la teva revisió.',
  requestStateFailed: 'No s’ha pogut carregar l’estat del document.',
  attachmentsPending: 'Espera que els fitxers adjunts estiguin a punt per enviar el missatge.',
};
