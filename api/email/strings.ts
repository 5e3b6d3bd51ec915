import type { ClaimStatus, ClaimType, Language, Outcome } from '../../domain/constants.ts';
import { CLAIM_LABELS } from '../../domain/labels.ts';

// What the emails say, in Spanish and in English. Status and type names are the widget's own
// (domain/labels.ts), and "upload a new one" its words too: a customer reads the same words in
// the customer area and in the inbox.

export interface EmailCopy {
  lang: Language;
  /** The locale dates are written in. */
  locale: string;
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  outcome: Record<Outcome, string>;
  /**
   * What each status means for the customer, true of every claim in it: no document named (the
   * claim's page names those of its own checklist) and no handler said to be at work (the claim
   * may have none yet).
   */
  guidance: Record<ClaimStatus, string>;
  notStated: string;
  labels: {
    reference: string;
    claimType: string;
    carrier: string;
    trackingNumber: string;
    document: string;
    status: string;
    deadline: string;
    timeLeft: string;
    reason: string;
  };
  greeting: (name: string) => string;
  /** Under the button: the link written out, for clients that do not show buttons. */
  linkFallback: string;
  /** Said instead of a button when Claimdesk knows no address for the claim's page. */
  findIt: (reference: string) => string;
  footer: (company: string) => string;
  hours: (hours: number) => string;

  claimCreated: {
    subject: (reference: string) => string;
    preheader: (type: string, carrier: string) => string;
    heading: (reference: string) => string;
    intro: (company: string, reference: string) => string;
    ask: string;
    action: string;
  };
  documentRejected: {
    subject: (reference: string, document: string) => string;
    heading: string;
    intro: (reviewer: string, document: string, reference: string) => string;
    ask: string;
    action: string;
  };
  message: {
    subject: (reference: string, count: number, handler: string) => string;
    heading: (count: number) => string;
    intro: (handler: string, count: number, reference: string) => string;
    quoteCaption: string;
    action: string;
  };
  statusChanged: {
    subject: (reference: string, status: string) => string;
    heading: (count: number) => string;
    /** One change, from what to what. */
    moved: (reference: string, from: string, to: string) => string;
    /** What the claim got: the outcome's label, and its amount unless denied. */
    outcome: (result: string, amount: string | null) => string;
    /** Where the claim is, when how it got there is more than one change (or unknown). */
    now: (reference: string, count: number, status: string) => string;
    action: string;
  };
  deadlineApproaching: {
    subject: (reference: string, hours: string) => string;
    heading: string;
    intro: (reference: string, deadline: string, hours: string) => string;
    ask: string;
    action: string;
  };
  /** To a company's administrators: Claimdesk disabled one of the company's webhooks. */
  webhookDisabled: {
    subject: (url: string) => string;
    heading: string;
    intro: (url: string, reason: 'gone' | 'failing') => string;
    labels: { webhook: string; url: string };
    ask: string;
    /** Where to turn it back on (the email has no button: it is about no claim). */
    turnOn: (id: string) => string;
    action: string;
    /** Why an administrator gets it, whatever their channel. */
    footer: (company: string) => string;
  };
}

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

const es: EmailCopy = {
  lang: 'es',
  locale: 'es-ES',
  status: CLAIM_LABELS.es.status,
  type: CLAIM_LABELS.es.type,
  outcome: CLAIM_LABELS.es.outcome,
  guidance: {
    notified:
      'Hemos detectado esta incidencia en tu envío. Revisa los datos y acepta para que tramitemos la reclamación, o recházala si no quieres reclamar.',
    documentation: 'Reclamación aceptada. En el siniestro verás qué documentos necesita; súbelos allí para que podamos revisarlos.',
    review: 'Ya tenemos la documentación obligatoria y se va a revisar. Por ahora no tienes que hacer nada; te avisaremos si falta algo.',
    submitted: 'La reclamación se ha presentado ante el transportista o la aseguradora. Te avisaremos en cuanto respondan.',
    resolved: 'La reclamación está resuelta. Revisa el resultado y el importe.',
    closed: 'Siniestro cerrado. No queda nada pendiente.',
    declined: 'Decidiste no tramitar este siniestro. Si fue un error, pide ayuda desde tu área de cliente.',
  },
  notStated: 'Sin indicar',
  labels: {
    reference: 'Referencia',
    claimType: 'Tipo',
    carrier: 'Transportista',
    trackingNumber: 'Nº de seguimiento',
    document: 'Documento',
    status: 'Estado',
    deadline: 'Plazo',
    timeLeft: 'Tiempo restante',
    reason: 'Motivo',
  },
  greeting: (name) => `Hola, ${name}:`,
  linkFallback: 'Si el botón no funciona, copia esta dirección en tu navegador:',
  findIt: (reference) => `Lo encontrarás en tu área de clientes con la referencia ${reference}.`,
  footer: (company) =>
    `Recibes este correo porque tienes activados, en ${company}, los avisos de siniestros por correo. Un administrador de tu empresa puede cambiarlo en el área de clientes.`,
  hours: (hours) => `${hours} ${plural(hours, 'hora', 'horas')}`,

  claimCreated: {
    subject: (reference) => `Nuevo siniestro ${reference}: acepta o rechaza su gestión`,
    preheader: (type, carrier) => `${type} en un envío con ${carrier}. Acepta o rechaza su gestión.`,
    heading: (reference) => `Nuevo siniestro ${reference}`,
    intro: (company, reference) => `Hemos detectado una incidencia en un envío de ${company} y hemos abierto el siniestro ${reference}.`,
    ask: 'Acepta para que tramitemos la reclamación por ti, o recházala si no quieres reclamar.',
    action: 'Aceptar o rechazar',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: documento rechazado (${document}), sube uno nuevo`,
    heading: 'Documento rechazado',
    intro: (reviewer, document, reference) => `${reviewer} ha revisado «${document}» del siniestro ${reference} y no ha podido aceptarlo.`,
    ask: 'Sube uno nuevo que lo corrija.',
    action: 'Subir un documento nuevo',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: nuevo mensaje de ${handler}` : `${reference}: ${count} mensajes nuevos de ${handler}`,
    heading: (count) => (count === 1 ? 'Nuevo mensaje' : `${count} mensajes nuevos`),
    intro: (handler, count, reference) =>
      count === 1
        ? `${handler} te ha escrito sobre el siniestro ${reference}.`
        : `${handler} te ha escrito ${count} mensajes sobre el siniestro ${reference}.`,
    quoteCaption: 'Último mensaje',
    action: 'Leer y responder',
  },
  statusChanged: {
    subject: (reference, status) => `Siniestro ${reference}: ahora «${status}»`,
    heading: (count) => (count === 1 ? 'El siniestro ha cambiado de estado' : `${count} cambios de estado`),
    moved: (reference, from, to) => `El siniestro ${reference} ha pasado de «${from}» a «${to}».`,
    outcome: (result, amount) => `Resultado: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1 ? `El siniestro ${reference} está ahora en «${status}».` : `El siniestro ${reference} ha cambiado ${count} veces de estado y ahora está en «${status}».`,
    action: 'Ver el siniestro',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: el plazo de reclamación vence en ${hours}`,
    heading: 'El plazo de reclamación está a punto de vencer',
    intro: (reference, deadline, hours) => `El plazo para reclamar el siniestro ${reference} vence el ${deadline} (quedan ${hours}).`,
    ask: 'Si aún faltan documentos, súbelos cuanto antes para que podamos presentar la reclamación a tiempo.',
    action: 'Revisar el siniestro',
  },
  webhookDisabled: {
    subject: (url) => `Webhook desactivado: ${url}`,
    heading: 'Hemos desactivado un webhook de tu empresa',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk ha dejado de enviar eventos a ${url}: respondió «410 Gone», que significa que esa dirección ya no los acepta.`
        : `Claimdesk ha dejado de enviar eventos a ${url}: todas las entregas han fallado durante 3 días.`,
    labels: { webhook: 'Webhook', url: 'Dirección' },
    ask: 'Mientras siga desactivado, vuestros sistemas no sabrán nada nuevo de los siniestros por esta vía. Cuando el receptor funcione, vuelve a activarlo y, si os hacen falta, pide que se reenvíen los eventos perdidos.',
    turnOn: (id) => `Puedes activarlo de nuevo en el área de clientes, en los ajustes de webhooks, o con PATCH /api/v1/webhooks/${id}.`,
    action: 'Revisar el webhook',
    footer: (company) => `Recibes este correo porque eres administrador de ${company} en Claimdesk.`,
  },
};

const en: EmailCopy = {
  lang: 'en',
  locale: 'en-GB',
  status: CLAIM_LABELS.en.status,
  type: CLAIM_LABELS.en.type,
  outcome: CLAIM_LABELS.en.outcome,
  guidance: {
    notified:
      'We detected this incident on your shipment. Check the details and accept so we file the claim for you, or decline if you do not want to claim.',
    documentation: 'Claim accepted. The claim shows which documents it needs; upload them there so we can review them.',
    review: 'We have the required documents and they will be reviewed. Nothing to do for now; we will tell you if anything is missing.',
    submitted: 'The claim has been filed with the carrier or insurer. We will let you know as soon as they answer.',
    resolved: 'The claim is resolved. Check the outcome and the amount.',
    closed: 'Claim closed. Nothing left to do.',
    declined: 'You chose not to pursue this claim. If that was a mistake, ask for help from your customer area.',
  },
  notStated: 'Not stated',
  labels: {
    reference: 'Reference',
    claimType: 'Type',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    document: 'Document',
    status: 'Status',
    deadline: 'Deadline',
    timeLeft: 'Time left',
    reason: 'Reason',
  },
  greeting: (name) => `Hello ${name},`,
  linkFallback: 'If the button does not work, copy this address into your browser:',
  findIt: (reference) => `You will find it in your customer area under reference ${reference}.`,
  footer: (company) =>
    `You are receiving this because email alerts about ${company}’s claims are on for you. An administrator of your company can change this in the customer area.`,
  hours: (hours) => `${hours} ${plural(hours, 'hour', 'hours')}`,

  claimCreated: {
    subject: (reference) => `New claim ${reference}: accept or decline handling it`,
    preheader: (type, carrier) => `${type} on a shipment with ${carrier}. Accept or decline handling it.`,
    heading: (reference) => `New claim ${reference}`,
    intro: (company, reference) => `We detected an incident on a shipment of ${company} and opened claim ${reference}.`,
    ask: 'Please accept so we file the claim for you, or decline if you do not want to claim.',
    action: 'Accept or decline',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: document rejected (${document}), please upload a new one`,
    heading: 'Document rejected',
    intro: (reviewer, document, reference) => `${reviewer} reviewed “${document}” on claim ${reference} and could not accept it.`,
    ask: 'Please upload a new one that fixes this.',
    action: 'Upload a new document',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: new message from ${handler}` : `${reference}: ${count} new messages from ${handler}`,
    heading: (count) => (count === 1 ? 'New message' : `${count} new messages`),
    intro: (handler, count, reference) =>
      count === 1 ? `${handler} wrote to you about claim ${reference}.` : `${handler} sent you ${count} messages about claim ${reference}.`,
    quoteCaption: 'Latest message',
    action: 'Read and reply',
  },
  statusChanged: {
    subject: (reference, status) => `Claim ${reference}: now “${status}”`,
    heading: (count) => (count === 1 ? 'Your claim has a new status' : `${count} status changes`),
    moved: (reference, from, to) => `Claim ${reference} moved from “${from}” to “${to}”.`,
    outcome: (result, amount) => `Outcome: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1 ? `Claim ${reference} is now “${status}”.` : `Claim ${reference} changed status ${count} times and is now “${status}”.`,
    action: 'View the claim',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: the claim deadline ends in ${hours}`,
    heading: 'The claim deadline is close',
    intro: (reference, deadline, hours) => `The deadline to file claim ${reference} ends on ${deadline} (${hours} left).`,
    ask: 'If documents are still missing, upload them as soon as possible so we can file the claim in time.',
    action: 'Review the claim',
  },
  webhookDisabled: {
    subject: (url) => `Webhook disabled: ${url}`,
    heading: 'We disabled one of your company’s webhooks',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk stopped sending events to ${url}: it answered “410 Gone”, which says that address no longer takes them.`
        : `Claimdesk stopped sending events to ${url}: every delivery to it has failed for 3 days.`,
    labels: { webhook: 'Webhook', url: 'Address' },
    ask: 'While it stays disabled your systems hear nothing new about your claims through it. Once the receiver works again, turn it back on and, if you need them, have the events it missed sent again.',
    turnOn: (id) => `Turn it back on in your customer area, in the webhook settings, or with PATCH /api/v1/webhooks/${id}.`,
    action: 'Review the webhook',
    footer: (company) => `You are receiving this because you are an administrator of ${company} in Claimdesk.`,
  },
};

export const EMAIL_COPY: Record<Language, EmailCopy> = { es, en };
