import { CLAIM_FIELD_LABELS_PT } from '../../domain/field-labels.pt.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { pt } from './pt.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';

// The timeline's wording in European Portuguese: loaded with <claims-timeline> and <claims-documents>, not at start.
// A claim's fields are domain/field-labels.pt.ts' words, a status pt.ts' (domain/labels.pt.ts).

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'pt')}${file ? ` (${file.name})` : ''}`;

export const timelinePt: TimelineTranslation = {
  'claim.created': () => 'Ocorrência notificada',
  'claim.accepted': () => 'Aceite pelo cliente',
  'claim.declined': () => 'Gestão recusada pelo cliente',
  'claim.transitioned': ({ data, actor }) => `Passa a «${pt.status[data.to]}»${actor.kind === 'system' ? ' automaticamente' : ''}`,
  'claim.assigned': ({ data }) => `Atribuído a ${data.handler.name}`,
  'claim.amended': ({ data }) => `Dados corrigidos: ${data.changes.map((change) => CLAIM_FIELD_LABELS_PT[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Documento solicitado: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Documento não necessário: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Documento carregado: ${documentOf(data)}`,
  'document.removed': ({ data }) => `Ficheiro removido: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Documento ${data.decision === 'rejected' ? 'rejeitado' : 'aceite'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `O prazo termina em menos de ${h >= 48 && h % 24 === 0 ? `${h / 24} dias` : h === 1 ? 'uma hora' : `${h} horas`}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Sistema automático',
};
