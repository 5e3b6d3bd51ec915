import { CLAIM_FIELD_LABELS_ES } from '../../domain/field-labels.es.ts';
import { es } from './es.ts';
import type { ClaimEventData } from '../internal/types.ts';
import { apiTextIn } from './languages.ts';
import type { TimelineTranslation } from './timeline.ts';

// The timeline's wording in Spanish: loaded with <claims-timeline> and <claims-documents>, not at start.

/** A document event's requirement, in the API's words for it in this language, and its file when there is one. */
const documentOf = ({ document, file }: ClaimEventData & { document: NonNullable<ClaimEventData['document']> }) =>
  `${apiTextIn(document.label, 'es')}${file ? ` (${file.name})` : ''}`;

export const timelineEs: TimelineTranslation = {
  'claim.created': () => 'Incidencia notificada',
  'claim.accepted': () => 'Aceptado por el cliente',
  'claim.declined': () => 'Gestión rechazada por el cliente',
  'claim.transitioned': ({ data, actor }) => `Pasa a «${es.status[data.to]}»${actor.kind === 'system' ? ' automáticamente' : ''}`,
  'claim.assigned': ({ data }) => `Asignado a ${data.handler.name}`,
  'claim.amended': ({ data }) => `Datos corregidos: ${data.changes.map((change) => CLAIM_FIELD_LABELS_ES[change.field]).join(', ')}`,
  'document.requested': ({ data }) => `Documento solicitado: ${documentOf(data)}`,
  'document.waived': ({ data }) => `Documento no necesario: ${documentOf(data)}`,
  'document.uploaded': ({ data }) => `Documento subido: ${documentOf(data)}`,
  'document.removed': ({ data }) => `Archivo quitado: ${documentOf(data)}`,
  'document.reviewed': ({ data }) => `Documento ${data.decision === 'rejected' ? 'rechazado' : 'aceptado'}: ${documentOf(data)}`,
  'claim.deadline_approaching': ({ data: { hoursLeft: h } }) =>
    `El plazo vence en menos de ${h >= 48 && h % 24 === 0 ? `${h / 24} días` : h === 1 ? 'una hora' : `${h} horas`}`,
  'message.posted': null,
  'message.read': null,
  hostSystem: 'Sistema automático',
};
