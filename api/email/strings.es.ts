import { CLAIM_LABELS_ES } from '../../domain/labels.es.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in Spanish, addressing the reader as "tú", as the widget does.

const plural = pluralIn('es-ES');

export const EMAIL_ES: EmailCopy = {
  lang: 'es',
  locale: 'es-ES',
  status: CLAIM_LABELS_ES.status,
  type: CLAIM_LABELS_ES.type,
  outcome: CLAIM_LABELS_ES.outcome,
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
  hostSystem: 'Sistema automático',
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
