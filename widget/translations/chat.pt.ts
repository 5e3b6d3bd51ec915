import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in European Portuguese: loaded with <claims-chat>, not at start.

export const chatPt: ConversationTranslation = {
  newMessages: 'Mensagens novas',
  replied: (name, when) => `${name} respondeu ${when}`,
  previousImage: 'Imagem anterior',
  nextImage: 'Imagem seguinte',
  position: (n, of) => `${n} de ${of}`,
  screenshot: 'Captura de ecrã',
  requestDocument: 'Pedir documento',
  requestTitle: 'Pedir um documento ao cliente',
  requestKind: 'Documento',
  requestNote: 'Nota para o cliente (opcional)',
  requestFree: 'De que documento precisa',
  requestFreeRequired: 'Escreva de que documento precisa.',
  requestSend: 'Pedir',
  requestSending: (label) => `A pedir «${label}»…`,
  requestedOfYou: 'Pedimos-lhe este documento',
  requested: 'Documento pedido',
  upload: 'Carregar ficheiro',
  filled: 'Já está carregado: o seu gestor de sinistros vai revê-lo.',
  filledHandler: 'Carregado: aguarda a sua revisão.',
  requestStateFailed: 'Não foi possível carregar o estado do documento.',
  attachmentsPending: 'Aguarde até os ficheiros anexados estarem prontos para enviar a mensagem.',
};
