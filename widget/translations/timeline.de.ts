import { CLAIM_FIELD_LABELS_DE } from '../../domain/field-labels.de.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { de } from './de.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';
import { pluralIn } from '../internal/format.ts';

// The timeline's wording in German: loaded with <claims-timeline> and <claims-documents>, not at start.

const plural = pluralIn('de-DE');

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'de')}${file ? ` (${file.name})` : ''}`;

export const timelineDe: TimelineTranslation = {
  'claim.created': () => 'Vorfall gemeldet',
  'claim.accepted': () => 'Vom Kunden angenommen',
  'claim.declined': () => 'Bearbeitung vom Kunden abgelehnt',
  'claim.transitioned': ({ data, actor }) => `${actor.kind === 'system' ? 'Automatischer Wechsel' : 'Wechsel'} zu „${de.status[data.to]}“`,
  'claim.assigned': ({ data }) => `Zugewiesen an ${data.handler.name}`,
  'claim.amended': ({ data }) => `Angaben korrigiert: ${data.changes.map((change) => CLAIM_FIELD_LABELS_DE[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Dokument angefordert: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Dokument nicht erforderlich: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Dokument hochgeladen: ${documentOf(data)}`,
  'document.removed': ({ data }) => `Datei entfernt: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Dokument ${data.decision === 'rejected' ? 'abgelehnt' : 'akzeptiert'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `Die Frist endet in weniger als ${h >= 48 && h % 24 === 0 ? `${h / 24} Tagen` : plural(h, 'einer Stunde', `${h} Stunden`)}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Automatisches System',
};
