import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in Spanish: loaded with <claims-chat>, not at start.

export const chatEs: ConversationTranslation = {
  newMessages: 'Mensajes nuevos',
  replied: (name, when) => `${name} respondió ${when}`,
  previousImage: 'Imagen anterior',
  nextImage: 'Imagen siguiente',
  position: (n, of) => `${n} de ${of}`,
  screenshot: 'Captura',
  requestDocument: 'Pedir documento',
  requestTitle: 'Pedir un documento al cliente',
  requestKind: 'Documento',
  requestNote: 'Nota para el cliente (opcional)',
  requestFree: 'Qué documento necesitas',
  requestFreeRequired: 'Escribe qué documento necesitas.',
  requestSend: 'Pedir',
  requestSending: (label) => `Pidiendo «${label}»…`,
  requestedOfYou: 'Te pedimos este documento',
  requested: 'Documento pedido',
  upload: 'Subir archivo',
  filled: 'Ya está subido: tu gestora lo revisará.',
  filledHandler: 'Subido: espera tu revisión.',
  requestStateFailed: 'No se pudo cargar el estado del documento.',
  attachmentsPending: 'Espera a que los archivos adjuntos estén listos para enviar el mensaje.',
};
