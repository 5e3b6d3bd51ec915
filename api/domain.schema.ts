import { z } from 'zod';
import {
  ACTOR_KINDS,
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CUSTOMER_ROLES,
  DAY_KINDS,
  DEADLINE_STATES,
  GOODS,
  LANGUAGES,
  SOURCE_LANGUAGE_OF,
  SOURCE_LANGUAGES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  OUTCOMES,
  PHASE_STATES,
  DOCUMENTS_STAGES,
  REVIEW_DECISIONS,
  ROLES,
  SCOPES,
  type Language,
  type SourceLanguage,
} from '../domain/constants.ts';
import { textProblem } from './storable-text.ts';

// The zod enum of each list in domain/constants.ts, made once for every schema that uses it.

export const ClaimTypeSchema = z.enum(CLAIM_TYPES);
export const GoodsSchema = z.enum(GOODS);
export const ScopeSchema = z.enum(SCOPES);
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
export const OutcomeSchema = z.enum(OUTCOMES);
export const ClaimActionSchema = z.enum(CLAIM_ACTIONS);
export const DayKindSchema = z.enum(DAY_KINDS);
export const DeadlineStateSchema = z.enum(DEADLINE_STATES);
export const PhaseStateSchema = z.enum(PHASE_STATES);
export const DocumentsStageSchema = z.enum(DOCUMENTS_STAGES);
export const RoleSchema = z.enum(ROLES);
export const CustomerRoleSchema = z.enum(CUSTOMER_ROLES);
export const LanguageSchema = z.enum(LANGUAGES);
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export const ActorKindSchema = z.enum(ACTOR_KINDS);
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);

type OtherLanguage = Exclude<Language, SourceLanguage>;
const isSource = (language: Language): language is SourceLanguage => (SOURCE_LANGUAGES as readonly Language[]).includes(language);
/** The other languages that read `source` where a text is not written in theirs. */
const readersOf = (source: SourceLanguage) => LANGUAGES.filter((language) => !isSource(language) && SOURCE_LANGUAGE_OF[language] === source);
const list = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));
/** Which source language each other language reads, for the API's descriptions: "pt and ca read es; fr, de and it read en". */
export const SOURCE_LANGUAGES_READ = SOURCE_LANGUAGES.map((source) => `${list(readersOf(source))} read ${source}`).join('; ');

/**
 * Text Claimdesk words itself in several languages: a document kind's label and help, a deadline's
 * legal basis. es and en are always there, as they always were; each other language where the text
 * is written in it (a deadline's basis is in es and en only; a document recorded before Claimdesk
 * spoke a language names it in es and en). One key per LANGUAGES, so a new language is here too.
 */
export const LocalizedSchema = z
  .object({
    ...(Object.fromEntries(SOURCE_LANGUAGES.map((language) => [language, z.string()])) as Record<SourceLanguage, z.ZodString>),
    ...(Object.fromEntries(LANGUAGES.filter((language) => !isSource(language)).map((language) => [language, z.string().optional()])) as Record<
      OtherLanguage,
      z.ZodOptional<z.ZodString>
    >),
  })
  .meta({
    id: 'Localized',
    description: `The same text in each language: ${list(SOURCE_LANGUAGES)} always; ${list(LANGUAGES.filter((language) => !isSource(language)))} where it is written in them. Where a reader's language is missing, ${SOURCE_LANGUAGES_READ}.`,
  });

/** A file sent with a message: downloaded with GET /files/{id}, previewed with GET /files/{id}/thumbnail. */
export const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('The file name as uploaded, sanitised.'),
    size: z.number().int().describe('Bytes.'),
    type: z.string().describe('The MIME type, decided from the file’s bytes.'),
    hasThumbnail: z.boolean().describe('Whether GET /files/{id}/thumbnail has a small preview (images only).'),
  })
  .meta({ id: 'Attachment' });

/** ISO 4217 codes in use, as the runtime's ICU knows them (XYZ and withdrawn codes are not). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * The largest amount in cents: amounts are stored in integer columns, which PostgreSQL holds in
 * 32 bits (21,474,836.47 in units of the currency).
 */
const MAX_AMOUNT_CENTS = 2_147_483_647;

/** Money everywhere: integer cents and the currency. */
export const MoneySchema = z
  .object({
    amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR', abort: true })
      .refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 code in use, such as EUR, USD or GBP'),
  })
  .meta({ id: 'Money', description: 'An amount in integer cents of an ISO 4217 currency.' });

/** An email address as a person or host sends it; NUL is refused like in any other text. */
export const EmailSchema = z
  .email()
  .max(320)
  .superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export type Money = z.infer<typeof MoneySchema>;
