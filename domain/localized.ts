import { SOURCE_LANGUAGE_OF, type Language, type SourceLanguage } from './constants.ts';

// Words Claimdesk holds in several languages — a document kind's label and help, a deadline's
// legal basis — as the API gives them (`{ es, en, pt?, … }`, the Localized schema): always in the
// source languages, in the others where they are written. The API (emails, the chat's document
// requests) and the widget read them through textIn, so both fall back alike.

/** Text in the source languages, and in any other where it is written. */
export type Localized = Readonly<Record<SourceLanguage, string> & Partial<Record<Language, string>>>;

/** `text` in `language`: its own words when written, else those of the source language it reads (SOURCE_LANGUAGE_OF). */
export function textIn(text: Localized, language: Language): string {
  return text[language] ?? text[SOURCE_LANGUAGE_OF[language]];
}
