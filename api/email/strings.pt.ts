import { CLAIM_LABELS_PT } from '../../domain/labels.pt.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in European Portuguese (pt-PT), formal and neutral as the widget's catalogue
// (widget/translations/pt.ts): "carregar", "gestor de sinistros", "transportadora", "prazo".
// A company is named as "a empresa X", so that no article has to agree with its name.

const plural = pluralIn('pt-PT');

export const EMAIL_PT: EmailCopy = {
  lang: 'pt',
  locale: 'pt-PT',
  status: CLAIM_LABELS_PT.status,
  type: CLAIM_LABELS_PT.type,
  outcome: CLAIM_LABELS_PT.outcome,
  guidance: {
    notified:
      'Detetámos esta ocorrência no seu envio. Reveja os dados e aceite para tramitarmos a reclamação, ou recuse-a se não quiser reclamar.',
    documentation: 'Reclamação aceite. No sinistro verá que documentos são necessários; carregue-os aí para que os possamos rever.',
    review: 'Já temos a documentação obrigatória, que vai ser revista. Por agora, não tem de fazer nada; receberá um aviso se faltar alguma coisa.',
    submitted: 'A reclamação foi apresentada à transportadora ou à seguradora. Receberá um aviso assim que responderem.',
    resolved: 'A reclamação está resolvida. Consulte o resultado e o montante.',
    closed: 'Sinistro encerrado. Não há nada pendente.',
    declined: 'Decidiu não tramitar este sinistro. Se foi um engano, peça ajuda a partir da sua área de cliente.',
  },
  notStated: 'Não indicado',
  hostSystem: 'Sistema automático',
  labels: {
    reference: 'Referência',
    claimType: 'Tipo',
    carrier: 'Transportadora',
    trackingNumber: 'N.º de seguimento',
    document: 'Documento',
    status: 'Estado',
    deadline: 'Prazo',
    timeLeft: 'Tempo restante',
    reason: 'Motivo',
  },
  greeting: (name) => `Olá, ${name},`,
  linkFallback: 'Se o botão não funcionar, copie este endereço para o seu navegador:',
  findIt: (reference) => `Encontra-o na sua área de cliente com a referência ${reference}.`,
  footer: (company) =>
    `Recebe este e-mail porque tem ativados os avisos de sinistros por e-mail da empresa ${company}. Um administrador da sua empresa pode alterar esta opção na área de cliente.`,
  hours: (hours) => `${hours} ${plural(hours, 'hora', 'horas')}`,

  claimCreated: {
    subject: (reference) => `Novo sinistro ${reference}: aceite ou recuse a sua tramitação`,
    preheader: (type, carrier) => `${type} num envio da transportadora ${carrier}. Aceite ou recuse a sua tramitação.`,
    heading: (reference) => `Novo sinistro ${reference}`,
    intro: (company, reference) => `Detetámos uma ocorrência num envio da empresa ${company} e abrimos o sinistro ${reference}.`,
    ask: 'Aceite para tramitarmos a reclamação por si, ou recuse-a se não quiser reclamar.',
    action: 'Aceitar ou recusar',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: documento rejeitado (${document}), carregue um novo`,
    heading: 'Documento rejeitado',
    intro: (reviewer, document, reference) => `${reviewer} reviu «${document}» do sinistro ${reference} e não o pôde aceitar.`,
    ask: 'Carregue um novo que o corrija.',
    action: 'Carregar um documento novo',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: nova mensagem de ${handler}` : `${reference}: ${count} mensagens novas de ${handler}`,
    heading: (count) => (count === 1 ? 'Nova mensagem' : `${count} mensagens novas`),
    intro: (handler, count, reference) =>
      count === 1 ? `${handler} escreveu-lhe sobre o sinistro ${reference}.` : `${handler} enviou-lhe ${count} mensagens sobre o sinistro ${reference}.`,
    quoteCaption: 'Última mensagem',
    action: 'Ler e responder',
  },
  statusChanged: {
    subject: (reference, status) => `Sinistro ${reference}: agora «${status}»`,
    heading: (count) => (count === 1 ? 'O sinistro mudou de estado' : `${count} mudanças de estado`),
    moved: (reference, from, to) => `O sinistro ${reference} passou de «${from}» para «${to}».`,
    outcome: (result, amount) => `Resultado: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1
        ? `O sinistro ${reference} está agora em «${status}».`
        : `O sinistro ${reference} mudou de estado ${count} vezes e está agora em «${status}».`,
    action: 'Ver o sinistro',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: o prazo de reclamação termina dentro de ${hours}`,
    heading: 'O prazo de reclamação está prestes a terminar',
    intro: (reference, deadline, hours) => `O prazo para reclamar o sinistro ${reference} termina ${deadline} (faltam ${hours}).`,
    ask: 'Se ainda faltarem documentos, carregue-os o quanto antes para podermos apresentar a reclamação dentro do prazo.',
    action: 'Rever o sinistro',
  },
  webhookDisabled: {
    subject: (url) => `Webhook desativado: ${url}`,
    heading: 'Desativámos um webhook da sua empresa',
    intro: (url, reason) =>
      reason === 'gone'
        ? `O Claimdesk deixou de enviar eventos para ${url}: o endereço respondeu «410 Gone», o que significa que já não os aceita.`
        : `O Claimdesk deixou de enviar eventos para ${url}: todas as entregas falharam durante 3 dias.`,
    labels: { webhook: 'Webhook', url: 'Endereço' },
    ask: 'Enquanto estiver desativado, os sistemas da sua empresa não receberão por esta via nada de novo sobre os sinistros. Quando o recetor voltar a funcionar, ative-o de novo e, se precisar, peça o reenvio dos eventos perdidos.',
    turnOn: (id) => `Pode ativá-lo de novo na área de cliente, em Definições › Integrações, ou com PATCH /api/v1/webhooks/${id}.`,
    action: 'Rever o webhook',
    footer: (company) => `Recebe este e-mail porque é administrador da empresa ${company} no Claimdesk.`,
  },
};
