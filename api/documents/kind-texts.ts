import { LANGUAGES, type Language } from '../../domain/constants.ts';
import type { Localized } from '../../domain/localized.ts';
import type { KindTexts } from '../db/database.ts';

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
