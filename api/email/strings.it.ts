import { CLAIM_LABELS_IT } from '../../domain/labels.it.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in Italian, addressing the reader as "tu" as the widget's catalogue does
// (widget/translations/it.ts), with its words: "sinistro" for the case, "reclamo" for what is
// filed with the carrier ("corriere"), "gestore del sinistro", "caricare", "termine".

const plural = pluralIn('it-IT');

export const EMAIL_IT: EmailCopy = {
  lang: 'it',
  locale: 'it-IT',
  status: CLAIM_LABELS_IT.status,
  type: CLAIM_LABELS_IT.type,
  outcome: CLAIM_LABELS_IT.outcome,
  guidance: {
    notified:
      'Abbiamo rilevato questa anomalia nella tua spedizione. Controlla i dati e accetta per farci gestire il reclamo, oppure rifiuta se non vuoi presentare reclamo.',
    documentation: 'Sinistro accettato. Nel sinistro vedrai quali documenti servono: caricali lì, così potremo controllarli.',
    review: 'Abbiamo ricevuto la documentazione obbligatoria, che verrà controllata. Per ora non devi fare nulla; ti avviseremo se manca qualcosa.',
    submitted: 'Il reclamo è stato presentato al corriere o all’assicurazione. Ti avviseremo appena risponderanno.',
    resolved: 'Il reclamo è risolto. Controlla l’esito e l’importo.',
    closed: 'Sinistro chiuso. Non resta nulla in sospeso.',
    declined: 'Hai deciso di non procedere con questo sinistro. Se è stato un errore, chiedi aiuto dalla tua area clienti.',
  },
  notStated: 'Non indicato',
  hostSystem: 'Sistema automatico',
  labels: {
    reference: 'Riferimento',
    claimType: 'Tipo',
    carrier: 'Corriere',
    trackingNumber: 'Codice di tracciamento',
    document: 'Documento',
    status: 'Stato',
    deadline: 'Termine',
    timeLeft: 'Tempo rimanente',
    reason: 'Motivo',
  },
  greeting: (name) => `Ciao ${name},`,
  linkFallback: 'Se il pulsante non funziona, copia questo indirizzo nel browser:',
  findIt: (reference) => `Lo trovi nella tua area clienti con il riferimento ${reference}.`,
  footer: (company) =>
    `Ricevi questa email perché hai attivato, per ${company}, gli avvisi dei sinistri via email. Un amministratore della tua azienda può modificarlo nell’area clienti.`,
  hours: (hours) => `${hours} ${plural(hours, 'ora', 'ore')}`,

  claimCreated: {
    subject: (reference) => `Nuovo sinistro ${reference}: accetta o rifiuta la gestione`,
    preheader: (type, carrier) => `${type} in una spedizione con ${carrier}. Accetta o rifiuta la gestione.`,
    heading: (reference) => `Nuovo sinistro ${reference}`,
    intro: (company, reference) => `Abbiamo rilevato un’anomalia in una spedizione di ${company} e abbiamo aperto il sinistro ${reference}.`,
    ask: 'Accetta per farci gestire il reclamo al posto tuo, oppure rifiuta se non vuoi presentare reclamo.',
    action: 'Accetta o rifiuta',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: documento rifiutato (${document}), caricane uno nuovo`,
    heading: 'Documento rifiutato',
    intro: (reviewer, document, reference) => `${reviewer} ha controllato «${document}» del sinistro ${reference} e non ha potuto accettarlo.`,
    ask: 'Caricane uno nuovo che lo corregga.',
    action: 'Carica un nuovo documento',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: nuovo messaggio da ${handler}` : `${reference}: ${count} nuovi messaggi da ${handler}`,
    heading: (count) => (count === 1 ? 'Nuovo messaggio' : `${count} nuovi messaggi`),
    intro: (handler, count, reference) =>
      count === 1 ? `${handler} ti ha scritto sul sinistro ${reference}.` : `${handler} ti ha inviato ${count} messaggi sul sinistro ${reference}.`,
    quoteCaption: 'Ultimo messaggio',
    action: 'Leggi e rispondi',
  },
  statusChanged: {
    subject: (reference, status) => `Sinistro ${reference}: ora «${status}»`,
    heading: (count) => (count === 1 ? 'Il sinistro ha cambiato stato' : `${count} cambi di stato`),
    moved: (reference, from, to) => `Il sinistro ${reference} è passato da «${from}» a «${to}».`,
    outcome: (result, amount) => `Esito: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1
        ? `Il sinistro ${reference} ora è nello stato «${status}».`
        : `Il sinistro ${reference} ha cambiato stato ${count} volte e ora è nello stato «${status}».`,
    action: 'Vedi il sinistro',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: il termine per il reclamo scade tra ${hours}`,
    heading: 'Il termine per il reclamo sta per scadere',
    intro: (reference, deadline, hours) => `Il termine per presentare reclamo per il sinistro ${reference} scade ${deadline} (mancano ${hours}).`,
    ask: 'Se mancano ancora dei documenti, caricali al più presto, così potremo presentare il reclamo in tempo.',
    action: 'Controlla il sinistro',
  },
  webhookDisabled: {
    subject: (url) => `Webhook disattivato: ${url}`,
    heading: 'Abbiamo disattivato un webhook della tua azienda',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk ha smesso di inviare eventi a ${url}: l’indirizzo ha risposto «410 Gone», cioè non li accetta più.`
        : `Claimdesk ha smesso di inviare eventi a ${url}: per 3 giorni nessuna consegna è riuscita.`,
    labels: { webhook: 'Webhook', url: 'Indirizzo' },
    ask: 'Finché resta disattivato, i sistemi della tua azienda non riceveranno per questa via nulla di nuovo sui sinistri. Quando il sistema ricevente tornerà a funzionare, riattivalo e, se serve, fai reinviare gli eventi persi.',
    turnOn: (id) => `Puoi riattivarlo nell’area clienti, in Impostazioni › Integrazioni, oppure con PATCH /api/v1/webhooks/${id}.`,
    action: 'Controlla il webhook',
    footer: (company) => `Ricevi questa email perché sei amministratore di ${company} su Claimdesk.`,
  },
};
