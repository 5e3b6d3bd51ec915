import { CLAIM_FIELD_LABELS_IT } from '../../domain/field-labels.it.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { it } from './it.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';
import { pluralIn } from '../internal/format.ts';

// The timeline's wording in Italian: loaded with <claims-timeline> and <claims-documents>, not at start.

/** Singular for Intl's 'one'; every other category ('many' for a million, written in digits) takes the plural. */
const plural = pluralIn('it-IT');

/** "a" before a name, "ad" before one that begins with a ("ad Ana"). */
const to = (name: string) => (/^[aàáâ]/i.test(name) ? `ad ${name}` : `a ${name}`);

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'it')}${file ? ` (${file.name})` : ''}`;

export const timelineIt: TimelineTranslation = {
  'claim.created': () => 'Anomalia segnalata',
  'claim.accepted': () => 'Accettato dal cliente',
  'claim.declined': () => 'Gestione rifiutata dal cliente',
  'claim.transitioned': ({ data, actor }) => `Passa${actor.kind === 'system' ? ' automaticamente' : ''} allo stato «${it.status[data.to]}»`,
  'claim.assigned': ({ data }) => `Assegnato ${to(data.handler.name)}`,
  'claim.amended': ({ data }) => `Dati corretti: ${data.changes.map((change) => CLAIM_FIELD_LABELS_IT[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Documento richiesto: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Documento non necessario: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Documento caricato: ${documentOf(data)}`,
  'document.removed': ({ data }) => `File rimosso: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Documento ${data.decision === 'rejected' ? 'rifiutato' : 'accettato'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `Il termine scade tra meno di ${h >= 48 && h % 24 === 0 ? `${h / 24} giorni` : plural(h, 'un’ora', `${h} ore`)}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Sistema automatico',
};
