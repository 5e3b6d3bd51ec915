import type { DocumentsTranslation } from './translation.ts';
import { pluralIn } from '../internal/format.ts';

// The checklist's and uploads' words, loaded with the elements that show them (the claim's
// detail, its documents and its chat), not with the list every page starts with.

/** Singular for Intl's 'one'; every other category ('many' for a million, written in digits) takes the plural. */
const plural = pluralIn('it-IT');

export const documentsIt: DocumentsTranslation = {
  title: 'Documenti',
  progress: (accepted, required, awaiting) =>
    `${accepted} di ${required} ${plural(required, 'obbligatorio accettato', 'obbligatori accettati')}${awaiting ? ` · ${awaiting} in revisione` : ''}`,
  required: 'Obbligatorio',
  optional: 'Facoltativo',
  status: { missing: 'Mancante', uploaded: 'Da controllare', accepted: 'Accettato', rejected: 'Rifiutato', waived: 'Non necessario' },
  none: 'Per ora questo sinistro non richiede documenti.',
  requestedBy: (name) => `Lo richiede ${name}:`,
  rejected: (reason) => `Rifiutato: ${reason}`,
  uploadAgain: 'Caricane uno nuovo che lo corregga.',
  drop: 'Trascina qui i file o fai clic per sceglierli',
  dropForCustomer: 'Carica file per conto del cliente: trascinali qui o fai clic per sceglierli',
  limits: (types, max) => `${types} · fino a ${max}`,
  uploading: (name) => `Caricamento di «${name}»`,
  tooLarge: (name, max) => `«${name}» è troppo grande: il massimo è ${max}.`,
  wrongType: (name, types) => `«${name}» non è di un tipo ammesso (${types}).`,
  empty: (name) => `«${name}» è vuoto.`,
  uploaded: (name) => `«${name}» caricato.`,
  failed: (name) => `Impossibile caricare «${name}».`,
  canceled: (name) => `Caricamento di «${name}» annullato.`,
  offline: (name) => `Sei offline: «${name}» verrà caricato appena torni online.`,
  takePhoto: 'Scatta una foto',
  preparing: (name) => `Preparazione di «${name}»`,
  prepared: (name, before, after) => `Foto «${name}» ridotta da ${before} a ${after}.`,
  dismiss: 'Ignora',
  preview: 'Visualizza',
  download: 'Scarica',
  remove: 'Rimuovi',
  removeTitle: 'Rimuovere il file?',
  removeIntro: (name) => `«${name}» non farà più parte del sinistro.`,
  removed: (name) => `«${name}» rimosso.`,
  close: 'Chiudi',
  accept: 'Accetta',
  reject: 'Rifiuta',
  waive: 'Non è necessario',
  rejectTitle: (label) => `Rifiuta «${label}»`,
  rejectIntro: 'Spiega al cliente cosa non va e cosa deve inviare al suo posto.',
  reasonRequired: 'Scrivi il motivo del rifiuto.',
  reviewed: (label, ok) => `«${label}» ${ok ? 'accettato' : 'rifiutato'}.`,
  toReview: (position, total) => `File ${position} di ${total} da controllare`,
  nextToReview: 'Prossimo da controllare',
  noneToReview: 'Non ci sono altri file da controllare.',
  decidesAll: (files, label) =>
    `La tua decisione vale per ${plural(files, 'il file', `tutti i ${files} file`)} da controllare di «${label}».`,
  noPreview: 'Questo file non si può visualizzare qui: scaricalo per controllarlo.',
  waived: (label) => `«${label}» non è più necessario.`,
  request: 'Richiedi un altro documento',
  kind: 'Tipo di documento',
  note: 'Cosa serve esattamente',
  requiredCheck: 'Obbligatorio per la revisione del sinistro',
  send: 'Richiedi documento',
  noteRequired: 'Spiega cosa serve.',
  requested: 'Documento richiesto.',
  tabs: 'Sezioni del sinistro',
  tabDetails: 'Dettagli',
  tabDocuments: 'Documenti',
  handler: 'Gestore del sinistro',
  unassigned: 'Non ancora assegnato',
};
