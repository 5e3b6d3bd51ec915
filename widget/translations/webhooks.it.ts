import type { WebhooksTranslation } from './translation.ts';
import { pluralIn } from '../internal/format.ts';

// The words of <claims-webhooks>, in Italian: loaded with it, not at start.

/** Singular for Intl's 'one'; every other category ('many' for a million, written in digits) takes the plural. */
const plural = pluralIn('it-IT');

/** A day after its article or preposition: "il 7 dic 2026", "l’8 dic 2026", "dall’11 dic 2026" (otto and undici elide it). */
const ELIDED = { il: 'l’', del: 'dell’', al: 'all’', dal: 'dall’' } as const;
const on = (preposition: keyof typeof ELIDED, day: string) =>
  /^(0?8|11)(?!\d)/.test(day) ? `${ELIDED[preposition]}${day}` : `${preposition} ${day}`;

export const webhooksIt: WebhooksTranslation = {
  title: 'Webhook',
  intro:
    'Avvisa subito il tuo ERP o un altro programma: Claimdesk invia ogni evento che scegli, firmato, all’indirizzo (URL) che indichi, e riprova se non risponde.',
  create: 'Aggiungi webhook',
  emptyTitle: 'Non ci sono ancora webhook',
  emptyBody:
    'Con un webhook, il tuo sistema viene a sapere all’istante dei nuovi sinistri, dei documenti e dei cambi di stato, senza dover chiedere di continuo. Ti basta un indirizzo del tuo sistema che riceva richieste POST.',
  events: {
    'claim.created': 'Nuovo sinistro',
    'claim.accepted': 'Sinistro accettato',
    'claim.declined': 'Gestione rifiutata',
    'claim.transitioned': 'Cambio di stato',
    'claim.assigned': 'Gestore assegnato',
    'claim.amended': 'Dati del sinistro corretti',
    'claim.deadline_approaching': 'Termine in scadenza',
    'document.requested': 'Documento richiesto',
    'document.waived': 'Documento non necessario',
    'document.uploaded': 'Documento caricato',
    'document.removed': 'File rimosso',
    'document.reviewed': 'Documento controllato',
    'message.posted': 'Nuovo messaggio',
    'message.read': 'Messaggi letti',
  },
  testEvent: 'Evento di prova',
  groups: { claim: 'Sinistri', document: 'Documenti', message: 'Conversazione' },
  allEvents: 'Tutti gli eventi',
  receives: (names) =>
    names === 'all'
      ? 'Tutti gli eventi'
      : names.length <= 3
        ? names.join(', ')
        : `${names.slice(0, 2).join(', ')} e ${plural(names.length - 2, 'un altro', `altri ${names.length - 2}`)}`,
  active: 'Attivo',
  failingSince: (since) => `In errore ${on('dal', since)}`,
  disabled: {
    gone: 'Disattivato: il sistema ricevente ha risposto 410 Gone',
    failing: (since) => `Disattivato: in errore ${since === null ? 'da giorni' : on('dal', since)}`,
    manual: 'Disattivato da un amministratore',
    unknown: 'Disattivato',
  },
  open: (url) => `Vedi il webhook ${url}`,
  back: 'Tutti i webhook',
  description: 'Descrizione',
  eventsLabel: 'Eventi',
  secretPrefix: 'Segreto di firma',
  createdOn: (when) => `Aggiunto ${on('il', when)}`,
  sendTest: 'Invia evento di prova',
  testQueued: 'Evento di prova in coda: lo vedrai tra le consegne.',
  edit: 'Modifica',
  disable: 'Disattiva',
  enable: 'Attiva',
  disabledAnnounced: 'Webhook disattivato: non gli verranno inviati eventi.',
  enabledAnnounced: 'Webhook attivato.',
  rotate: 'Ruota il segreto',
  rotateTitle: 'Ruotare il segreto di firma?',
  rotateIntro:
    'Viene creato un nuovo segreto e le consegne vengono firmate con quello. L’attuale resterà valido per 24 ore, così avrai il tempo di inserire il nuovo nel tuo sistema ricevente.',
  rotatedTitle: 'Nuovo segreto',
  previousValidUntil: (until) => `Il segreto precedente resta valido fino ${on('al', until)}.`,
  remove: 'Elimina',
  removeTitle: 'Eliminare il webhook?',
  removeIntro: (url) => `Non verranno più inviati eventi a ${url} e il suo registro delle consegne verrà eliminato. L’operazione non si può annullare.`,
  removedAnnounced: (url) => `Webhook ${url} eliminato.`,
  actionFailed: 'Operazione non riuscita.',
  createTitle: 'Nuovo webhook',
  editTitle: 'Modifica il webhook',
  url: 'Indirizzo (URL)',
  urlHint: 'L’indirizzo del tuo sistema che riceverà gli eventi, tramite POST in JSON. Per esempio, https://erp.tuaazienda.it/webhooks/claimdesk.',
  urlRequired: 'Scrivi l’indirizzo che riceverà gli eventi.',
  urlInvalid: 'Scrivi un indirizzo completo, che inizi con https://.',
  urlRefused: 'Questo indirizzo non può ricevere webhook: deve iniziare con https:// ed essere su internet, non nella tua rete interna.',
  descriptionOptional: 'Descrizione (facoltativa)',
  descriptionHint: 'Per riconoscerlo, per esempio «ERP di produzione».',
  eventsLegend: 'Quali eventi inviare',
  allEventsHint: 'Anche quelli che verranno aggiunti in futuro.',
  chosenEvents: 'Solo quelli che scelgo',
  eventsRequired: 'Scegli almeno un evento.',
  save: 'Salva',
  saving: 'Salvataggio…',
  savedAnnounced: 'Modifiche salvate.',
  createdTitle: 'Webhook aggiunto',
  createdAnnounced: 'Webhook aggiunto. Copia ora il suo segreto di firma: non potrai più vederlo.',
  secret: {
    label: 'Segreto di firma',
    warning: 'Copialo ora: non potrai più vederlo.',
    use: 'Il tuo sistema ricevente lo usa per verificare che ogni consegna provenga da Claimdesk (intestazioni webhook-id, webhook-timestamp e webhook-signature, secondo Standard Webhooks).',
    copy: 'Copia',
    copied: 'Copiato',
    copyFailed: 'Impossibile copiare. Il segreto è selezionato: copialo con Ctrl+C (Cmd+C su Mac).',
  },
  done: 'Fatto',
  deliveries: 'Consegne',
  deliveriesHint: 'Ogni evento inviato a questo webhook, dal più recente al meno recente.',
  filter: 'Mostra',
  allStatuses: 'Tutte',
  status: { pending: 'In attesa', delivered: 'Consegnata', failed: 'Non riuscita' },
  refresh: 'Aggiorna',
  noDeliveries: 'Non è stato ancora inviato nulla. Invia un evento di prova per verificare che il tuo sistema ricevente risponda.',
  noDeliveriesFiltered: 'Nessuna consegna di questo tipo.',
  answer: (code, ms) => [code === null ? 'Nessuna risposta' : `HTTP ${code}`, ms === null ? '' : `${ms} ms`].filter(Boolean).join(' · '),
  attempts: (n) => plural(n, '1 tentativo', `${n} tentativi`),
  nextAttempt: (when) => `Prossimo tentativo ${when}`,
  response: 'Risposta',
  error: 'Errore',
  showAttempts: 'Mostra i tentativi',
  attemptsTitle: 'Tentativi',
  redeliver: 'Reinvia',
  redeliverOf: (event, when) => `Reinvia ${event} ${on('del', when)}`,
  redeliverQueued: 'Consegna di nuovo in coda.',
  redeliverSince: 'Reinvia a partire da',
  redeliverSinceHint: 'Invia di nuovo ogni consegna a partire da quella data e ora (negli ultimi 30 giorni), per esempio dopo un’interruzione del tuo sistema.',
  sinceRequired: 'Scegli una data e un’ora negli ultimi 30 giorni.',
  redeliverSinceButton: 'Reinvia',
  queued: (n) => (n === 0 ? 'Nessuna consegna a partire da quella data.' : plural(n, '1 consegna di nuovo in coda.', `${n} consegne di nuovo in coda.`)),
  loadMore: 'Mostra altre',
};
