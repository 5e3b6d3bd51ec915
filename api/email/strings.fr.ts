import { CLAIM_LABELS_FR } from '../../domain/labels.fr.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in French, addressing the reader as "vous" as the widget's catalogue does
// (widget/translations/fr.ts), with its words: "sinistre", "réclamation", "transporteur",
// "gestionnaire", "espace client", "délai". French typography as there: a no-break space before
// a colon and inside « », a narrow one before ; ? and !. Sentences are turned so that no "de"
// stands before a name (which would have to elide before a vowel: "d’Anne").

const plural = pluralIn('fr-FR');

export const EMAIL_FR: EmailCopy = {
  lang: 'fr',
  locale: 'fr-FR',
  status: CLAIM_LABELS_FR.status,
  type: CLAIM_LABELS_FR.type,
  outcome: CLAIM_LABELS_FR.outcome,
  guidance: {
    notified:
      'Nous avons détecté cet incident sur votre expédition. Vérifiez les informations et acceptez pour que nous lancions la réclamation, ou refusez si vous ne souhaitez pas réclamer.',
    documentation: 'Sinistre accepté. Le sinistre indique les documents nécessaires : ajoutez-les dans Documents pour que nous puissions les examiner.',
    review: 'Nous avons reçu les documents obligatoires, qui vont être examinés. Vous n’avez rien à faire pour le moment ; nous vous préviendrons s’il manque quelque chose.',
    submitted: 'La réclamation a été transmise au transporteur ou à l’assureur. Nous vous préviendrons dès qu’ils auront répondu.',
    resolved: 'La réclamation est résolue. Consultez le résultat et le montant.',
    closed: 'Sinistre clôturé. Plus rien n’est en attente.',
    declined: 'Vous avez choisi de ne pas donner suite à ce sinistre. S’il s’agit d’une erreur, demandez de l’aide depuis votre espace client.',
  },
  notStated: 'Non indiqué',
  hostSystem: 'Système automatique',
  labels: {
    reference: 'Référence',
    claimType: 'Type',
    carrier: 'Transporteur',
    trackingNumber: 'N° de suivi',
    document: 'Document',
    status: 'Statut',
    deadline: 'Délai',
    timeLeft: 'Temps restant',
    reason: 'Motif',
  },
  greeting: (name) => `Bonjour ${name},`,
  linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  findIt: (reference) => `Vous le trouverez dans votre espace client sous la référence ${reference}.`,
  footer: (company) =>
    `Vous recevez cet e-mail parce que les notifications de sinistres par e-mail sont activées pour vous chez ${company}. Un administrateur de votre entreprise peut modifier ce réglage dans l’espace client.`,
  hours: (hours) => `${hours} ${plural(hours, 'heure', 'heures')}`,

  claimCreated: {
    subject: (reference) => `Nouveau sinistre ${reference} : acceptez ou refusez sa prise en charge`,
    preheader: (type, carrier) => `${type} sur une expédition confiée à ${carrier}. Acceptez ou refusez sa prise en charge.`,
    heading: (reference) => `Nouveau sinistre ${reference}`,
    intro: (company, reference) => `Nous avons détecté un incident sur une expédition de votre entreprise, ${company}, et ouvert le sinistre ${reference}.`,
    ask: 'Acceptez pour que nous lancions la réclamation à votre place, ou refusez si vous ne souhaitez pas réclamer.',
    action: 'Accepter ou refuser',
  },
  documentRejected: {
    subject: (reference, document) => `${reference} : document refusé (${document}), envoyez-en un nouveau`,
    heading: 'Document refusé',
    intro: (reviewer, document, reference) => `${reviewer} a examiné « ${document} » du sinistre ${reference} et n’a pas pu l’accepter.`,
    ask: 'Envoyez-en un nouveau qui corrige le problème.',
    action: 'Envoyer un nouveau document',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference} : ${handler} vous a écrit` : `${reference} : ${handler} vous a envoyé ${count} messages`,
    heading: (count) => (count === 1 ? 'Nouveau message' : `${count} nouveaux messages`),
    intro: (handler, count, reference) =>
      count === 1
        ? `${handler} vous a écrit au sujet du sinistre ${reference}.`
        : `${handler} vous a envoyé ${count} messages au sujet du sinistre ${reference}.`,
    quoteCaption: 'Dernier message',
    action: 'Lire et répondre',
  },
  statusChanged: {
    subject: (reference, status) => `Sinistre ${reference} : désormais « ${status} »`,
    heading: (count) => (count === 1 ? 'Votre sinistre a changé de statut' : `${count} changements de statut`),
    moved: (reference, from, to) => `Le sinistre ${reference} est passé de « ${from} » à « ${to} ».`,
    outcome: (result, amount) => `Résultat : ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1
        ? `Le sinistre ${reference} est désormais au statut « ${status} ».`
        : `Le sinistre ${reference} a changé ${count} fois de statut et se trouve désormais au statut « ${status} ».`,
    action: 'Voir le sinistre',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference} : le délai de réclamation expire dans ${hours}`,
    heading: 'Le délai de réclamation expire bientôt',
    intro: (reference, deadline, hours) => `Le délai pour réclamer au titre du sinistre ${reference} expire le ${deadline} (il reste ${hours}).`,
    ask: 'S’il manque encore des documents, ajoutez-les au plus vite pour que nous puissions transmettre la réclamation dans les délais.',
    action: 'Consulter le sinistre',
  },
  webhookDisabled: {
    subject: (url) => `Webhook désactivé : ${url}`,
    heading: 'Nous avons désactivé un webhook de votre entreprise',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk a cessé d’envoyer des événements à ${url} : l’adresse a répondu « 410 Gone », ce qui signifie qu’elle ne les accepte plus.`
        : `Claimdesk a cessé d’envoyer des événements à ${url} : toutes les livraisons ont échoué pendant 3 jours.`,
    labels: { webhook: 'Webhook', url: 'Adresse' },
    ask: 'Tant qu’il reste désactivé, vos systèmes ne reçoivent plus rien de nouveau sur vos sinistres par ce biais. Une fois le destinataire rétabli, réactivez-le et, si besoin, faites renvoyer les événements manqués.',
    turnOn: (id) => `Vous pouvez le réactiver dans l’espace client, sous Paramètres › Intégrations, ou avec PATCH /api/v1/webhooks/${id}.`,
    action: 'Vérifier le webhook',
    footer: (company) => `Vous recevez cet e-mail parce que vous êtes administrateur du compte ${company} dans Claimdesk.`,
  },
};
