import type { Kysely, Transaction } from 'kysely';
import { LANGUAGES, type Language } from '../../domain/constants.ts';
import type { Localized } from '../../domain/localized.ts';
import type { Database, KindTexts } from '../db/database.ts';

// A document kind's label and help are columns of document_kinds, one per language (label_es,
// label_en, label_pt…; KindTexts in db/database.ts). Every read that names a kind selects these
// columns and gives the API's Localized text from them here, so a new language reaches every
// place a kind is named at once.

/** The columns of a kind's label in every language, for a select joined to document_kinds. */
export const KIND_LABEL_COLUMNS = LANGUAGES.map((language) => `document_kinds.label_${language}` as const);
/** The columns of a kind's help in every language, for a select joined to document_kinds. */
export const KIND_HELP_COLUMNS = LANGUAGES.map((language) => `document_kinds.help_${language}` as const);

/** Each language with the column its text is in, named once: a page of claims names kinds by the hundred. */
const COLUMNS = {
  label: LANGUAGES.map((language) => [language, `label_${language}`] as const),
  help: LANGUAGES.map((language) => [language, `help_${language}`] as const),
};

function localized(row: KindTexts<'label'> | KindTexts<'help'>, text: 'label' | 'help'): Localized {
  // Read by column name: labelOf and helpOf pass the row of the texts they name.
  const columns = row as unknown as Readonly<Record<string, string | null>>;
  const words: Partial<Record<Language, string>> = {};
  // A language not written yet is left out: its readers fall back to their source language.
  for (const [language, column] of COLUMNS[text]) {
    const value = columns[column];
    if (value != null) words[language] = value;
  }
  return words as Localized;
}

/** A kind's name in every language it is written in. */
export const labelOf = (row: KindTexts<'label'>): Localized => localized(row, 'label');

/** What a good document of a kind looks like, in every language it is written in. */
export const helpOf = (row: KindTexts<'help'>): Localized => localized(row, 'help');

/** How long the labels read by kindLabels are kept: a label an operator corrects in the database shows within this. */
export const KIND_LABELS_KEPT_MS = 60_000;

interface KeptLabels {
  labels: Promise<ReadonlyMap<string, Localized>>;
  until: number;
}

/** Per database (its Kysely adapter, which its transactions share). */
const keptLabels = new WeakMap<object, KeptLabels>();

/**
 * Every kind's label, by code. A claim names a kind with each document of its checklist, a page of
 * claims by the hundred, and joining the seven label columns to each was most of what reading a
 * checklist cost; the catalogue is a few dozen rows that change with migrations (and now and then
 * an operator's correction), so it is read once and kept for KIND_LABELS_KEPT_MS, and read again
 * at once when asked for a kind it does not hold (one added since).
 */
export async function kindLabels(db: Kysely<Database> | Transaction<Database>, codes: Iterable<string>, now = Date.now()): Promise<ReadonlyMap<string, Localized>> {
  const database = db.getExecutor().adapter;
  const kept = keptLabels.get(database);
  if (kept && kept.until > now) {
    const labels = await kept.labels;
    if ([...codes].every((code) => labels.has(code))) return labels;
  }
  const labels = db
    .selectFrom('document_kinds')
    .select(['code', ...KIND_LABEL_COLUMNS])
    .execute()
    .then((rows) => new Map(rows.map((row) => [row.code, labelOf(row)])));
  keptLabels.set(database, { labels, until: now + KIND_LABELS_KEPT_MS });
  // A failed read is not kept: the next call tries again.
  labels.catch(() => {
    if (keptLabels.get(database)?.labels === labels) keptLabels.delete(database);
  });
  return labels;
}
