import type { ClaimType, Scope, SourceLanguage } from '../../domain/constants.ts';

// The letter to the carrier, as data: one template per language, filled from the claim by
// letter.ts. What a carrier's claims department expects of a written reservation and claim
// ("carta de reserva y reclamación"): who claims and against whom, the shipment, what happened,
// how much is claimed, on what legal basis, which documents prove it, a time to pay, and a
// signature. The legal basis is the statute of the carriage (by scope) followed by the rule the
// claim's deadline was counted with (deadline_rules: CMR art. 30.2, Ley 15/2009 art. 60.2, …).

/** What the letter says of one claim, every value written out already (dates, amounts) in its language. */
export interface LetterFacts {
  company: string;
  carrier: string;
  reference: string;
  externalRef: string;
  type: ClaimType;
  scope: Scope;
  /** "Palé · 12 bultos". */
  goods: string;
  trackingNumber: string;
  /** "Valencia (ES) – Lyon (FR)", or null when the claim names neither end. */
  route: string | null;
  incidentAt: string;
  description: string;
  amount: string;
  /** Whether the amount is the goods' declared value, the claim naming no amount of its own. */
  amountIsDeclaredValue: boolean;
  /** The legal basis of the claim's deadline, in the letter's language. */
  deadlineBasis: string;
  /** The documents attached: each one's label and its files' names. */
  documents: ReadonlyArray<{ label: string; files: readonly string[] }>;
  handler: string | null;
  date: string;
}

export interface LetterTemplate {
  /** The letter's title and the name of its PDF's subject. */
  title: (type: ClaimType) => string;
  recipient: (carrier: string) => string[];
  subject: (facts: LetterFacts) => string;
  salutation: string;
  opening: (facts: LetterFacts) => string;
  shipment: {
    heading: string;
    reference: string;
    externalRef: string;
    trackingNumber: string;
    goods: string;
    route: string;
    incidentAt: string;
  };
  factsHeading: string;
  facts: (facts: LetterFacts) => string;
  amountHeading: string;
  amount: (facts: LetterFacts) => string;
  basisHeading: string;
  /** The statute of the carriage and the articles the claim rests on. */
  statute: Record<Scope, string>;
  deadline: (basis: string) => string;
  documentsHeading: string;
  documentsIntro: string;
  noDocuments: string;
  document: (label: string, files: readonly string[]) => string;
  /** Days the carrier is asked to pay within. */
  payment: (days: number) => string;
  reservation: string;
  closing: string;
  signature: (company: string, handler: string | null) => string[];
}

/** How long the carrier is asked to take to pay or answer. */
export const PAYMENT_DAYS = 30;

const TYPE_ES: Record<ClaimType, string> = { breakage: 'rotura', robbery: 'robo', theft: 'hurto', loss: 'pérdida' };
const TYPE_EN: Record<ClaimType, string> = { breakage: 'breakage', robbery: 'robbery', theft: 'theft', loss: 'loss' };

const es: LetterTemplate = {
  title: (type) => `Reserva y reclamación por ${TYPE_ES[type]} de mercancía`,
  recipient: (carrier) => [carrier, 'Departamento de reclamaciones'],
  subject: (f) => `Asunto: reclamación por ${TYPE_ES[f.type]} de mercancía. Envío ${f.trackingNumber}, nuestra referencia ${f.reference}`,
  salutation: 'Muy señores nuestros:',
  opening: (f) =>
    `Por la presente, ${f.company}, en su condición de cargador, formula reserva y reclamación formal por la ${TYPE_ES[f.type]} de la mercancía del envío que se detalla a continuación, que ustedes tomaron a su cargo para su transporte.`,
  shipment: {
    heading: 'Datos del envío',
    reference: 'Nuestra referencia',
    externalRef: 'Referencia de la incidencia',
    trackingNumber: 'Nº de envío o seguimiento',
    goods: 'Mercancía',
    route: 'Origen y destino',
    incidentAt: 'Fecha de la incidencia',
  },
  factsHeading: 'Hechos',
  facts: (f) => f.description || `${TYPE_ES[f.type][0]!.toUpperCase()}${TYPE_ES[f.type].slice(1)} de la mercancía durante el transporte.`,
  amountHeading: 'Importe reclamado',
  amount: (f) =>
    `Reclamamos la cantidad de ${f.amount}${f.amountIsDeclaredValue ? ', valor declarado de la mercancía' : ''}, en concepto de indemnización por los daños y perjuicios sufridos.`,
  basisHeading: 'Fundamentos jurídicos',
  statute: {
    international:
      'Convenio relativo al contrato de transporte internacional de mercancías por carretera (CMR): art. 17 (el porteador responde de la pérdida total o parcial y de las averías de la mercancía desde que se hace cargo de ella hasta su entrega), art. 23 (cálculo de la indemnización), art. 30 (reservas) y art. 32 (prescripción; esta reclamación escrita suspende el plazo, art. 32.2).',
    national:
      'Ley 15/2009, de 11 de noviembre, del contrato de transporte terrestre de mercancías: art. 47 (el porteador responde de la pérdida total o parcial y de las averías de la mercancía desde su recepción hasta su entrega), art. 57 (límite de la indemnización), art. 60 (reservas por pérdidas o averías) y art. 79 (prescripción de las acciones).',
  },
  deadline: (basis) => `Plazo aplicable: ${basis}.`,
  documentsHeading: 'Documentos que se adjuntan',
  documentsIntro: 'Acompañamos a esta carta los siguientes documentos justificativos:',
  noDocuments: 'La documentación justificativa se remitirá por separado.',
  document: (label, files) => (files.length ? `${label}: ${files.join(', ')}` : label),
  payment: (days) =>
    `Les rogamos que abonen el importe reclamado en el plazo de ${days} días desde la recepción de esta carta o que, en ese mismo plazo, nos comuniquen por escrito su posición.`,
  reservation: 'Esta carta vale como reserva escrita. Quedan a salvo todos nuestros derechos y acciones.',
  closing: 'Atentamente,',
  signature: (company, handler) => [company, ...(handler ? [`Gestionado por ${handler}`] : [])],
};

const en: LetterTemplate = {
  title: (type) => `Notice of reservation and claim for ${TYPE_EN[type]} of goods`,
  recipient: (carrier) => [carrier, 'Claims department'],
  subject: (f) => `Subject: claim for ${TYPE_EN[f.type]} of goods. Consignment ${f.trackingNumber}, our reference ${f.reference}`,
  salutation: 'Dear Sir or Madam,',
  opening: (f) =>
    `${f.company}, as shipper, hereby gives notice of reservations and makes a formal claim for the ${TYPE_EN[f.type]} of the goods of the consignment below, which you took over for carriage.`,
  shipment: {
    heading: 'The consignment',
    reference: 'Our reference',
    externalRef: 'Incident reference',
    trackingNumber: 'Consignment or tracking number',
    goods: 'Goods',
    route: 'Origin and destination',
    incidentAt: 'Date of the incident',
  },
  factsHeading: 'What happened',
  facts: (f) => f.description || `${TYPE_EN[f.type][0]!.toUpperCase()}${TYPE_EN[f.type].slice(1)} of the goods during carriage.`,
  amountHeading: 'Amount claimed',
  amount: (f) => `We claim ${f.amount}${f.amountIsDeclaredValue ? ', the declared value of the goods' : ''}, as compensation for the loss suffered.`,
  basisHeading: 'Legal basis',
  statute: {
    international:
      'Convention on the Contract for the International Carriage of Goods by Road (CMR): art. 17 (the carrier is liable for the total or partial loss of and damage to the goods between taking them over and delivery), art. 23 (compensation), art. 30 (reservations) and art. 32 (limitation; this written claim suspends the period, art. 32.2).',
    national:
      'Spanish Act 15/2009 of 11 November on the contract for the carriage of goods by land (Ley 15/2009): art. 47 (the carrier is liable for the total or partial loss of and damage to the goods between receiving and delivering them), art. 57 (limit of compensation), art. 60 (reservations for loss or damage) and art. 79 (limitation of actions).',
  },
  deadline: (basis) => `Time limit: ${basis}.`,
  documentsHeading: 'Documents attached',
  documentsIntro: 'We enclose the following supporting documents:',
  noDocuments: 'The supporting documents will follow under separate cover.',
  document: (label, files) => (files.length ? `${label}: ${files.join(', ')}` : label),
  payment: (days) => `Please pay the amount claimed within ${days} days of receiving this letter, or let us have your position in writing within the same time.`,
  reservation: 'This letter stands as a written reservation. All our rights and actions are reserved.',
  closing: 'Yours faithfully,',
  signature: (company, handler) => [company, ...(handler ? [`Handled by ${handler}`] : [])],
};

export const LETTER_TEMPLATES: Record<SourceLanguage, LetterTemplate> = { es, en };
