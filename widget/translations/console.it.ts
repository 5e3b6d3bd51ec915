import type { ConsoleTranslation } from './translation.ts';

// The back office's words in Italian, and the staff filters of the handler's queue: loaded with
// <claims-console>, and with a <claims-list> only when it is `staff`; not at start.

/** "a" before a name, "ad" before one that begins with a ("ad Ana"). */
const to = (name: string) => (/^[aàáâ]/i.test(name) ? `ad ${name}` : `a ${name}`);

export const consoleIt: ConsoleTranslation = {
  queue: 'Coda dei sinistri',
  selectedClaim: 'Sinistro selezionato',
  company: 'Azienda',
  allCompanies: 'Tutte le aziende',
  assignment: 'Assegnazione',
  anyHandler: 'Qualsiasi gestore',
  mine: 'Assegnati a me',
  unassigned: 'Non assegnati',
  unassignedClaim: 'Non assegnato',
  sort: 'Ordinamento',
  sortDeadline: 'Termine più vicino',
  sortNewest: 'Più recenti',
  selectTitle: 'Scegli un sinistro',
  selectBody: 'Seleziona un sinistro dalla coda per controllarne la documentazione e farlo avanzare.',
  staffOnlyTitle: 'La console è riservata ai gestori dei sinistri',
  staffOnlyBody: 'Accedi con un account da gestore per vedere la coda.',
  handling: 'Gestione',
  assignedTo: (name) => `Assegnato ${to(name)}`,
  assignedToYou: 'Assegnato a te',
  take: 'Prendi in carico',
  reassignTo: 'Riassegna a',
  reassign: 'Riassegna',
  assignedAnnounced: (name) => `Sinistro assegnato ${to(name)}.`,
  moves: 'Sposta il sinistro',
  noMoves: 'Al momento non è possibile alcuno spostamento.',
  moveTo: {
    notified: 'Riporta a segnalato',
    declined: 'Rifiuta',
    documentation: 'Riporta a documentazione',
    review: 'Passa in revisione',
    submitted: 'Segna come presentato',
    resolved: 'Risolvi…',
    closed: 'Chiudi il sinistro',
  },
  moveTitle: (status) => `Sposta in «${status}»`,
  note: 'Nota (facoltativa)',
  noteHint: 'Compare nello storico del sinistro.',
  amountLabel: (currency) => `Importo indennizzato (${currency})`,
  outcomeRequired: 'Scegli l’esito.',
  amountRequired: 'Indica l’importo indennizzato, maggiore di zero (per esempio 820,50).',
  amountOverLimit: (limit, claimed) => `Al massimo ${limit}, ${claimed ? 'l’importo richiesto' : 'il valore dichiarato'}.`,
  confirm: 'Conferma',
  moved: (status) => `Sinistro spostato in «${status}».`,
  backToQueue: 'Torna alla coda',
  overLimit: 'Supera il limite',
  overLimitTitle: (limit) => `Quanto richiesto supera il limite di responsabilità del vettore (${limit})`,
};
