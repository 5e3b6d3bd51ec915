import { CLAIM_FIELD_LABELS_EN } from '../../domain/field-labels.en.ts';
import { en } from './en.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';

// The timeline's wording in English: loaded with <claims-timeline> and <claims-documents>, not at start.

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'en')}${file ? ` (${file.name})` : ''}`;

export const timelineEn: TimelineTranslation = {
  'claim.created': () => 'Incident notified',
  'claim.accepted': () => 'Accepted by the customer',
  'claim.declined': () => 'Declined by the customer',
  'claim.transitioned': ({ data, actor }) => `${actor.kind === 'system' ? 'Automatically moved' : 'Moved'} to “${en.status[data.to]}”`,
  'claim.assigned': ({ data }) => `Assigned to ${data.handler.name}`,
  'claim.amended': ({ data }) => `Details corrected: ${data.changes.map((change) => CLAIM_FIELD_LABELS_EN[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Document requested: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Document not needed: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Document uploaded: ${documentOf(data)}`,
  'document.removed': ({ data }) => `File removed: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Document ${data.decision === 'rejected' ? 'rejected' : 'accepted'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `The deadline ends in less than ${h >= 48 && h % 24 === 0 ? `${h / 24} days` : h === 1 ? 'an hour' : `${h} hours`}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Automated system',
};
