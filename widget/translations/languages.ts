import { SOURCE_LANGUAGE_OF } from '../../domain/constants.ts';
import { textIn } from '../../domain/localized.ts';
import type { Localized } from '../internal/api-types.ts';
import { Catalogue } from '../internal/catalogue.ts';
import type { Translation } from './translation.ts';

/**
 * The languages the widget speaks — the API's (domain/constants.ts LANGUAGES) — each with the
 * source language (Spanish or English) it reads where the API writes only those: a claim's
 * dossier and letter, a deadline's legal basis, a document's label recorded before the API spoke
 * the language. domain/constants.ts' SOURCE_LANGUAGE_OF is the one table of it, which the API's
 * PDFs read too.
 *
 * A language is added there and in every catalogue: `mainCatalogue` below and the table of each
 * translations/<area>.ts. Once it is there, each table without it fails to compile.
 */
export const LANGUAGES = SOURCE_LANGUAGE_OF;

/** A language the widget speaks: what an element's `lang` resolves to. */
export type WidgetLanguage = keyof typeof LANGUAGES;

/** The widget's main strings (`Translation`: what the list, the app and every element share), one chunk per language. */
export const mainCatalogue = new Catalogue<Translation>({
  es: () => import('./es.ts').then((m) => m.es),
  en: () => import('./en.ts').then((m) => m.en),
  pt: () => import('./pt.ts').then((m) => m.pt),
  fr: () => import('./fr.ts').then((m) => m.fr),
  de: () => import('./de.ts').then((m) => m.de),
  it: () => import('./it.ts').then((m) => m.it),
  ca: () => import('./ca.ts').then((m) => m.ca),
});

/**
 * The language for a BCP 47 tag: its primary subtag when the widget speaks it (`fr-CA` → `fr`,
 * `pt-BR` → `pt`), else Spanish, as for no tag at all.
 */
export function languageOf(tag: string | null | undefined): WidgetLanguage {
  const primary = (tag ?? '').split(/[-_]/)[0]!.toLowerCase();
  return Object.hasOwn(LANGUAGES, primary) ? (primary as WidgetLanguage) : 'es';
}

/** Words the API wrote (`{ es, en, pt?, … }`) in `language`: its own when the API sends them, else in the source language it reads. */
export function apiTextIn(text: Localized, language: WidgetLanguage): string {
  return textIn(text, language);
}
