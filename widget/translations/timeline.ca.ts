import { CLAIM_FIELD_LABELS_CA } from '../../domain/field-labels.ca.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { ca, de, plural } from './ca.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';

// The timeline's wording in Catalan: loaded with <claims-timeline> and <claims-documents>, not at start.

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'ca')}${file ? ` (${file.name})` : ''}`;

export const timelineCa: TimelineTranslation = {
  'claim.created': () => 'Incidència notificada',
  'claim.accepted': () => 'Acceptat pel client',
  'claim.declined': () => 'Gestió rebutjada pel client',
  'claim.transitioned': ({ data, actor }) => `Passa a «${ca.status[data.to]}»${actor.kind === 'system' ? ' automàticament' : ''}`,
  'claim.assigned': ({ data }) => `Assignat a ${data.handler.name}`,
  'claim.amended': ({ data }) => `Dades corregides: ${data.changes.map((change) => CLAIM_FIELD_LABELS_CA[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Document sol·licitat: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Document no necessari: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Document pujat: ${documentOf(data)}`,
  'document.removed': ({ data }) => `Fitxer retirat: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Document ${data.decision === 'rejected' ? 'rebutjat' : 'acceptat'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `El termini venç d’aquí a menys ${h >= 48 && h % 24 === 0 ? de(`${h / 24} dies`) : plural(h, 'd’una hora', de(`${h} hores`))}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Sistema automàtic',
};
