import type { ActorKind, ClaimChangeField, DocumentStatus, Goods, Scope, SourceLanguage, TimelineEventType } from '../../domain/constants.ts';
import { CLAIM_FIELD_LABELS } from '../../domain/field-labels.ts';
import { CLAIM_LABELS, type ClaimLabels } from '../../domain/labels.ts';
import type { ClaimEventData } from '../events/events.schema.ts';

// What a claim's dossier says, in Spanish and in English (the languages it is written in; dossier.ts
// languageOf gives readers of the others the one they read): the names of its files and folders,
// its summary's headings and labels, and its history. Status, type and outcome are the widget's
// and the emails' words (domain/labels.ts); the history says of each event what the widget's
// timeline says. The letter to the carrier has its own template (letter.template.ts).

/** What a history entry is worded from: its event's data, and whether Claimdesk made it on its own. */
type HistoryWording = { [K in TimelineEventType]: (data: ClaimEventData, actor: ActorKind) => string };

export interface DossierWords extends ClaimLabels {
  lang: SourceLanguage;
  /** The locale dates and amounts are written in. */
  locale: string;
  goods: Record<Goods, string>;
  scope: Record<Scope, string>;
  documentStatus: Record<DocumentStatus, string>;
  /** The claim's fields a correction (claim.amended) names. */
  fields: Record<ClaimChangeField, string>;
  names: {
    /** The archive's name as downloaded. */
    archive: (reference: string) => string;
    /** The letter's name as downloaded on its own. */
    letter: (reference: string) => string;
    summary: string;
    data: string;
    letterInArchive: string;
    documents: string;
    chat: string;
    /** A file the handler rejected keeps its name behind this mark. */
    rejected: (name: string) => string;
  };
  summary: {
    title: (reference: string) => string;
    generated: (when: string, by: string) => string;
    claim: string;
    outcome: string;
    documents: string;
    attachments: string;
    history: string;
    notResolved: string;
    none: string;
    labels: {
      reference: string;
      externalRef: string;
      company: string;
      status: string;
      type: string;
      carrier: string;
      trackingNumber: string;
      route: string;
      packages: string;
      incidentAt: string;
      description: string;
      declaredValue: string;
      claimedAmount: string;
      deadline: string;
      handler: string;
      result: string;
      amount: string;
      declineReason: string;
    };
    unassigned: string;
    notStated: string;
    /** The operator's backend named as who did something, instead of the log's English name (domain/actors.ts). */
    hostSystem: string;
    packages: (n: number) => string;
    requirement: (label: string, required: boolean, status: string) => string;
    reviewed: (by: string, at: string) => string;
    rejectedBecause: (reason: string) => string;
    requestedBy: (name: string, note: string | null) => string;
    file: (name: string, size: string, by: string, at: string) => string;
    fileRejected: (by: string, at: string, reason: string) => string;
    inArchive: (path: string) => string;
    sentBy: (name: string, size: string, by: string, at: string) => string;
    note: (text: string) => string;
    reason: (text: string) => string;
  };
  history: HistoryWording;
  page: (n: number, of: number) => string;
}

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);
/** A document event's requirement, and its file when there is one. */
const documentOf = (data: ClaimEventData, lang: SourceLanguage) =>
  `${data.document?.label[lang] ?? ''}${data.file ? ` (${data.file.name})` : ''}`;
/** The fields a correction changed, in a list. */
const changed = (data: ClaimEventData, fields: Record<ClaimChangeField, string>) => (data.changes ?? []).map((change) => fields[change.field]).join(', ');
const hoursOf = (h: number, days: (d: number) => string, hour: string, hours: (h: number) => string) =>
  h >= 48 && h % 24 === 0 ? days(h / 24) : h === 1 ? hour : hours(h);

const es: DossierWords = {
  ...CLAIM_LABELS.es,
  lang: 'es',
  locale: 'es-ES',
  goods: { parcel: 'Paquete', pallet: 'Palé' },
  scope: { national: 'Nacional', international: 'Internacional' },
  documentStatus: { missing: 'Pendiente', uploaded: 'Por revisar', accepted: 'Aceptado', rejected: 'Rechazado', waived: 'No necesario' },
  fields: CLAIM_FIELD_LABELS.es,
  names: {
    archive: (reference) => `Expediente ${reference}.zip`,
    letter: (reference) => `Carta al transportista ${reference}.pdf`,
    summary: 'Resumen.pdf',
    data: 'Expediente.json',
    letterInArchive: 'Carta al transportista.pdf',
    documents: 'Documentos',
    chat: 'Adjuntos del chat',
    rejected: (name) => `RECHAZADO ${name}`,
  },
  summary: {
    title: (reference) => `Expediente del siniestro ${reference}`,
    generated: (when, by) => `Generado el ${when} por ${by}.`,
    claim: 'El siniestro',
    outcome: 'Resultado',
    documents: 'Documentación',
    attachments: 'Adjuntos del chat',
    history: 'Historial',
    notResolved: 'El siniestro no está resuelto todavía.',
    none: 'Ninguno.',
    labels: {
      reference: 'Referencia',
      externalRef: 'Referencia del cliente',
      company: 'Empresa',
      status: 'Estado',
      type: 'Tipo',
      carrier: 'Transportista',
      trackingNumber: 'Nº de seguimiento',
      route: 'Origen y destino',
      packages: 'Mercancía',
      incidentAt: 'Fecha de la incidencia',
      description: 'Qué pasó',
      declaredValue: 'Valor declarado',
      claimedAmount: 'Importe reclamado',
      deadline: 'Plazo para reclamar',
      handler: 'Gestora',
      result: 'Resultado',
      amount: 'Importe',
      declineReason: 'Motivo del rechazo de la gestión',
    },
    unassigned: 'Sin asignar',
    notStated: 'Sin indicar',
    hostSystem: 'Sistema automático',
    packages: (n) => `${n} ${plural(n, 'bulto', 'bultos')}`,
    requirement: (label, required, status) => `${label} (${required ? 'obligatorio' : 'opcional'}): ${status}`,
    reviewed: (by, at) => `Revisado por ${by} el ${at}.`,
    rejectedBecause: (reason) => `Motivo del rechazo: ${reason}`,
    requestedBy: (name, note) => `Lo pidió ${name}${note ? `: ${note}` : '.'}`,
    file: (name, size, by, at) => `${name} (${size}), subido por ${by} el ${at}`,
    fileRejected: (by, at, reason) => `Rechazado por ${by} el ${at}: ${reason}`,
    inArchive: (path) => `En el expediente: ${path}`,
    sentBy: (name, size, by, at) => `${name} (${size}), enviado por ${by} el ${at}`,
    note: (text) => `Nota: ${text}`,
    reason: (text) => `Motivo: ${text}`,
  },
  history: {
    'claim.created': () => 'Incidencia notificada',
    'claim.accepted': () => 'Aceptado por el cliente',
    'claim.declined': () => 'Gestión rechazada por el cliente',
    'claim.amended': (data) => `Datos corregidos: ${changed(data, es.fields)}`,
    'claim.transitioned': (data, actor) =>
      `Pasa a «${data.to ? CLAIM_LABELS.es.status[data.to] : ''}»${actor === 'system' ? ' automáticamente' : ''}`,
    'claim.assigned': (data) => `Asignado a ${data.handler?.name ?? ''}`,
    'document.requested': (data) => `Documento solicitado: ${documentOf(data, 'es')}`,
    'document.waived': (data) => `Documento no necesario: ${documentOf(data, 'es')}`,
    'document.uploaded': (data) => `Documento subido: ${documentOf(data, 'es')}`,
    'document.removed': (data) => `Archivo quitado: ${documentOf(data, 'es')}`,
    'document.reviewed': (data) => `Documento ${data.decision === 'rejected' ? 'rechazado' : 'aceptado'}: ${documentOf(data, 'es')}`,
    'claim.deadline_approaching': (data) =>
      `El plazo vence en menos de ${hoursOf(data.hoursLeft ?? 0, (d) => `${d} días`, 'una hora', (h) => `${h} horas`)}`,
  },
  page: (n, of) => `Página ${n} de ${of}`,
};

const en: DossierWords = {
  ...CLAIM_LABELS.en,
  lang: 'en',
  locale: 'en-GB',
  goods: { parcel: 'Parcel', pallet: 'Pallet' },
  scope: { national: 'National', international: 'International' },
  documentStatus: { missing: 'Missing', uploaded: 'To review', accepted: 'Accepted', rejected: 'Rejected', waived: 'Not needed' },
  fields: CLAIM_FIELD_LABELS.en,
  names: {
    archive: (reference) => `Claim dossier ${reference}.zip`,
    letter: (reference) => `Letter to the carrier ${reference}.pdf`,
    summary: 'Summary.pdf',
    data: 'Dossier.json',
    letterInArchive: 'Letter to the carrier.pdf',
    documents: 'Documents',
    chat: 'Chat attachments',
    rejected: (name) => `REJECTED ${name}`,
  },
  summary: {
    title: (reference) => `Claim dossier ${reference}`,
    generated: (when, by) => `Generated on ${when} by ${by}.`,
    claim: 'The claim',
    outcome: 'Outcome',
    documents: 'Documents',
    attachments: 'Chat attachments',
    history: 'History',
    notResolved: 'The claim is not resolved yet.',
    none: 'None.',
    labels: {
      reference: 'Reference',
      externalRef: 'Customer’s reference',
      company: 'Company',
      status: 'Status',
      type: 'Type',
      carrier: 'Carrier',
      trackingNumber: 'Tracking number',
      route: 'Origin and destination',
      packages: 'Goods',
      incidentAt: 'Date of the incident',
      description: 'What happened',
      declaredValue: 'Declared value',
      claimedAmount: 'Amount claimed',
      deadline: 'Deadline to claim',
      handler: 'Claims handler',
      result: 'Outcome',
      amount: 'Amount',
      declineReason: 'Why the company declined handling it',
    },
    unassigned: 'Unassigned',
    notStated: 'Not stated',
    hostSystem: 'Automated system',
    packages: (n) => `${n} ${plural(n, 'package', 'packages')}`,
    requirement: (label, required, status) => `${label} (${required ? 'required' : 'optional'}): ${status}`,
    reviewed: (by, at) => `Reviewed by ${by} on ${at}.`,
    rejectedBecause: (reason) => `Why it was rejected: ${reason}`,
    requestedBy: (name, note) => `Requested by ${name}${note ? `: ${note}` : '.'}`,
    file: (name, size, by, at) => `${name} (${size}), uploaded by ${by} on ${at}`,
    fileRejected: (by, at, reason) => `Rejected by ${by} on ${at}: ${reason}`,
    inArchive: (path) => `In the dossier: ${path}`,
    sentBy: (name, size, by, at) => `${name} (${size}), sent by ${by} on ${at}`,
    note: (text) => `Note: ${text}`,
    reason: (text) => `Reason: ${text}`,
  },
  history: {
    'claim.created': () => 'Incident notified',
    'claim.accepted': () => 'Accepted by the customer',
    'claim.declined': () => 'Declined by the customer',
    'claim.amended': (data) => `Details corrected: ${changed(data, en.fields)}`,
    'claim.transitioned': (data, actor) =>
      `${actor === 'system' ? 'Automatically moved' : 'Moved'} to “${data.to ? CLAIM_LABELS.en.status[data.to] : ''}”`,
    'claim.assigned': (data) => `Assigned to ${data.handler?.name ?? ''}`,
    'document.requested': (data) => `Document requested: ${documentOf(data, 'en')}`,
    'document.waived': (data) => `Document not needed: ${documentOf(data, 'en')}`,
    'document.uploaded': (data) => `Document uploaded: ${documentOf(data, 'en')}`,
    'document.removed': (data) => `File removed: ${documentOf(data, 'en')}`,
    'document.reviewed': (data) => `Document ${data.decision === 'rejected' ? 'rejected' : 'accepted'}: ${documentOf(data, 'en')}`,
    'claim.deadline_approaching': (data) =>
      `The deadline ends in less than ${hoursOf(data.hoursLeft ?? 0, (d) => `${d} days`, 'an hour', (h) => `${h} hours`)}`,
  },
  page: (n, of) => `Page ${n} of ${of}`,
};

/** In Spanish and English only: another language's reader gets the one it reads (dossier.ts languageOf). */
export const DOSSIER_WORDS: Record<SourceLanguage, DossierWords> = { es, en };
