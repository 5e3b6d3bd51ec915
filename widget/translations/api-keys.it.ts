import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in Italian: loaded with it, not at start.

/** A day after its article: "il 7 dic 2026", "l’8 dic 2026" (otto and undici elide it). */
const on = (day: string) => (/^(0?8|11)(?!\d)/.test(day) ? `l’${day}` : `il ${day}`);

export const apiKeysIt: ApiKeysTranslation = {
  title: 'Chiavi API',
  intro:
    'Con una chiave API, un programma della tua azienda — il tuo ERP, per esempio — legge i sinistri e carica documenti senza che nessuno debba accedere. Crea una chiave per ogni programma, solo con i permessi di cui ha bisogno.',
  create: 'Crea chiave',
  emptyTitle: 'Non ci sono ancora chiavi API',
  emptyBody:
    'Creane una quando vuoi collegare il tuo ERP o un altro programma: potrà leggere i sinistri della tua azienda e, se glielo permetti, caricare documenti e scrivere messaggi.',
  scopes: {
    'claims:read': { name: 'Leggere i sinistri', hint: 'I sinistri della tua azienda, con i loro documenti, messaggi e storico.' },
    'claims:write': { name: 'Caricare documenti e scrivere messaggi', hint: 'Nei sinistri della tua azienda, come farebbe un utente.' },
    'webhooks:manage': { name: 'Gestire i webhook', hint: 'Creare, modificare ed eliminare i webhook della tua azienda.' },
    'tokens:issue': { name: 'Far accedere i tuoi utenti', hint: 'Far accedere qualsiasi utente della tua azienda, amministratori compresi, nella tua area: dalla solo al sistema che fa accedere i tuoi utenti.' },
  },
  permissions: 'Permessi',
  created: (when, by) => `Creata ${on(when)}${by ? ` da ${by}` : ' dall’operatore'}`,
  lastUsed: (when) => `Ultimo utilizzo: ${when ?? 'mai'}`,
  revokedOn: (when, by) => `Revocata ${on(when)}${by ? ` da ${by}` : ''}`,
  active: 'Attiva',
  revoked: 'Revocata',
  revoke: 'Revoca',
  revokeTitle: (name) => `Revocare la chiave «${name}»?`,
  revokeIntro: 'I programmi che la usano perderanno l’accesso immediatamente. L’operazione non si può annullare: per ricollegarli, crea un’altra chiave.',
  revokedAnnounced: (name) => `Chiave «${name}» revocata.`,
  revokeFailed: 'Impossibile revocare la chiave.',
  createTitle: 'Nuova chiave API',
  name: 'Nome',
  nameHint: 'Per riconoscerla: il programma che la userà, per esempio «ERP SAP».',
  nameRequired: 'Scrivi un nome per la chiave.',
  scopesLegend: 'Permessi',
  scopesRequired: 'Scegli almeno un permesso.',
  createFailed: 'Impossibile creare la chiave.',
  creating: 'Creazione…',
  createdTitle: (name) => `Chiave «${name}» creata`,
  createdAnnounced: (name) => `Chiave «${name}» creata. Copiala ora: non potrai più vederla.`,
  secret: {
    label: 'La tua nuova chiave',
    warning: 'Copiala ora: non potrai più vederla.',
    use: 'Conservala dove il tuo programma può leggerla, non in un’email né in una chat. Il programma la invia nell’intestazione X-Api-Key di ogni richiesta.',
    copy: 'Copia',
    copied: 'Copiata',
    copyFailed: 'Impossibile copiare. La chiave è selezionata: copiala con Ctrl+C (Cmd+C su Mac).',
  },
  done: 'Fatto',
};
