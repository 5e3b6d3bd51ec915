import { CLAIM_FIELD_LABELS_FR } from '../../domain/field-labels.fr.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { fr } from './fr.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';

// The timeline's wording in French: loaded with <claims-timeline> and <claims-documents>, not at start.

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'fr')}${file ? ` (${file.name})` : ''}`;

export const timelineFr: TimelineTranslation = {
  'claim.created': () => 'Incident notifié',
  'claim.accepted': () => 'Accepté par le client',
  'claim.declined': () => 'Prise en charge refusée par le client',
  'claim.transitioned': ({ data, actor }) => `${actor.kind === 'system' ? 'Passage automatique' : 'Passage'} à « ${fr.status[data.to]} »`,
  'claim.assigned': ({ data }) => `Attribué à ${data.handler.name}`,
  'claim.amended': ({ data }) => `Données corrigées : ${data.changes.map((change) => CLAIM_FIELD_LABELS_FR[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Document demandé : ${documentOf(data)}`,
  'document.waived': ({ data }) => `Document non nécessaire : ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Document envoyé : ${documentOf(data)}`,
  'document.removed': ({ data }) => `Fichier retiré : ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Document ${data.decision === 'rejected' ? 'refusé' : 'accepté'} : ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `Le délai expire dans moins de ${h >= 48 && h % 24 === 0 ? `${h / 24} jours` : h === 1 ? 'une heure' : `${h} heures`}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Système automatique',
};
