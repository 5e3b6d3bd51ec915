import type { ClaimChangeField, Language } from './constants.ts';
import { CLAIM_FIELD_LABELS_CA } from './field-labels.ca.ts';
import { CLAIM_FIELD_LABELS_DE } from './field-labels.de.ts';
import { CLAIM_FIELD_LABELS_EN } from './field-labels.en.ts';
import { CLAIM_FIELD_LABELS_ES } from './field-labels.es.ts';
import { CLAIM_FIELD_LABELS_FR } from './field-labels.fr.ts';
import { CLAIM_FIELD_LABELS_IT } from './field-labels.it.ts';
import { CLAIM_FIELD_LABELS_PT } from './field-labels.pt.ts';

// A claim's fields as a sentence names them (lower case but for German nouns), in every language: what a correction
// changed (claim.amended), on the widget's timeline and wherever else a claim's history is told.
// Apart from labels.ts: only what tells the history needs these. One module per language
// (field-labels.es.ts, field-labels.en.ts, field-labels.pt.ts…), as labels.ts, for the widget's catalogues.

export const CLAIM_FIELD_LABELS: Record<Language, Record<ClaimChangeField, string>> = {
  es: CLAIM_FIELD_LABELS_ES,
  en: CLAIM_FIELD_LABELS_EN,
  pt: CLAIM_FIELD_LABELS_PT,
  fr: CLAIM_FIELD_LABELS_FR,
  de: CLAIM_FIELD_LABELS_DE,
  it: CLAIM_FIELD_LABELS_IT,
  ca: CLAIM_FIELD_LABELS_CA,
};
