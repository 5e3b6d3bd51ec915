import { de, el } from '../../domain/catalan.ts';
import { CLAIM_LABELS_CA } from '../../domain/labels.ca.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in Catalan, addressing the reader as "tu" as the widget's catalogue does
// (widget/translations/ca.ts), with its words: "sinistre", "reclamació", "gestora", "pujar",
// "termini". "de" and "el" elide before a name, a quoted status or a date that begins with a
// vowel sound (domain/catalan.ts, which the widget's Catalan reads too): d’Anna, d’«En revisió».

const plural = pluralIn('ca-ES');

export const EMAIL_CA: EmailCopy = {
  lang: 'ca',
  locale: 'ca-ES',
  status: CLAIM_LABELS_CA.status,
  type: CLAIM_LABELS_CA.type,
  outcome: CLAIM_LABELS_CA.outcome,
  guidance: {
    notified:
      'Hem detectat aquesta incidència en el teu enviament. Revisa les dades i accepta perquè tramitem la reclamació, o rebutja-la si no vols reclamar.',
    documentation: 'Reclamació acceptada. Al sinistre veuràs quins documents necessita; puja’ls allà perquè els puguem revisar.',
    review: 'Ja tenim la documentació obligatòria i es revisarà. Per ara no has de fer res; t’avisarem si falta alguna cosa.',
    submitted: 'La reclamació s’ha presentat davant del transportista o l’asseguradora. T’avisarem tan bon punt responguin.',
    resolved: 'La reclamació està resolta. Revisa el resultat i l’import.',
    closed: 'Sinistre tancat. No queda res pendent.',
    declined: 'Vas decidir no tramitar aquest sinistre. Si va ser un error, demana ajuda des de la teva àrea de client.',
  },
  notStated: 'Sense indicar',
  hostSystem: 'Sistema automàtic',
  labels: {
    reference: 'Referència',
    claimType: 'Tipus',
    carrier: 'Transportista',
    trackingNumber: 'Núm. de seguiment',
    document: 'Document',
    status: 'Estat',
    deadline: 'Termini',
    timeLeft: 'Temps restant',
    reason: 'Motiu',
  },
  greeting: (name) => `Hola, ${name}:`,
  linkFallback: 'Si el botó no funciona, copia aquesta adreça al navegador:',
  findIt: (reference) => `El trobaràs a la teva àrea de client amb la referència ${reference}.`,
  footer: (company) =>
    `Reps aquest correu perquè tens activats, a ${company}, els avisos de sinistres per correu electrònic. Un administrador de la teva empresa ho pot canviar a l’àrea de client.`,
  hours: (hours) => `${hours} ${plural(hours, 'hora', 'hores')}`,

  claimCreated: {
    subject: (reference) => `Nou sinistre ${reference}: accepta’n o rebutja’n la gestió`,
    preheader: (type, carrier) => `${type} en un enviament amb ${carrier}. Accepta’n o rebutja’n la gestió.`,
    heading: (reference) => `Nou sinistre ${reference}`,
    intro: (company, reference) => `Hem detectat una incidència en un enviament ${de(company)} i hem obert el sinistre ${reference}.`,
    ask: 'Accepta perquè tramitem la reclamació per tu, o rebutja-la si no vols reclamar.',
    action: 'Acceptar o rebutjar',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: document rebutjat (${document}), puja’n un de nou`,
    heading: 'Document rebutjat',
    intro: (reviewer, document, reference) => `${reviewer} ha revisat «${document}» del sinistre ${reference} i no l’ha pogut acceptar.`,
    ask: 'Puja’n un de nou que el corregeixi.',
    action: 'Pujar un document nou',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: missatge nou ${de(handler)}` : `${reference}: ${count} missatges nous ${de(handler)}`,
    heading: (count) => (count === 1 ? 'Missatge nou' : `${count} missatges nous`),
    intro: (handler, count, reference) =>
      count === 1 ? `${handler} t’ha escrit sobre el sinistre ${reference}.` : `${handler} t’ha escrit ${count} missatges sobre el sinistre ${reference}.`,
    quoteCaption: 'Darrer missatge',
    action: 'Llegir i respondre',
  },
  statusChanged: {
    subject: (reference, status) => `Sinistre ${reference}: ara «${status}»`,
    heading: (count) => (count === 1 ? 'El sinistre ha canviat d’estat' : `${count} canvis d’estat`),
    moved: (reference, from, to) => `El sinistre ${reference} ha passat ${de(`«${from}»`)} a «${to}».`,
    outcome: (result, amount) => `Resultat: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1
        ? `El sinistre ${reference} ara té l’estat «${status}».`
        : `El sinistre ${reference} ha canviat ${count} vegades d’estat i ara té l’estat «${status}».`,
    action: 'Veure el sinistre',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: el termini de reclamació venç d’aquí a ${hours}`,
    heading: 'El termini de reclamació està a punt de vèncer',
    intro: (reference, deadline, hours) => `El termini per reclamar el sinistre ${reference} venç ${el(deadline)} (queden ${hours}).`,
    ask: 'Si encara falten documents, puja’ls com més aviat millor perquè puguem presentar la reclamació a temps.',
    action: 'Revisar el sinistre',
  },
  webhookDisabled: {
    subject: (url) => `Webhook desactivat: ${url}`,
    heading: 'Hem desactivat un webhook de la teva empresa',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk ha deixat d’enviar esdeveniments a ${url}: va respondre «410 Gone», que vol dir que aquesta adreça ja no els accepta.`
        : `Claimdesk ha deixat d’enviar esdeveniments a ${url}: tots els lliuraments han fallat durant 3 dies.`,
    labels: { webhook: 'Webhook', url: 'Adreça' },
    ask: 'Mentre continuï desactivat, els sistemes de la teva empresa no sabran res de nou dels sinistres per aquesta via. Quan el receptor torni a funcionar, activa’l de nou i, si cal, demana que es tornin a enviar els esdeveniments perduts.',
    turnOn: (id) => `El pots tornar a activar a l’àrea de client, a Configuració › Integracions, o amb PATCH /api/v1/webhooks/${id}.`,
    action: 'Revisar el webhook',
    footer: (company) => `Reps aquest correu perquè ets administrador ${de(company)} a Claimdesk.`,
  },
};
