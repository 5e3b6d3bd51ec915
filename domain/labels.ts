import type { ClaimStatus, ClaimType, Language, Outcome } from './constants.ts';
import { CLAIM_LABELS_CA } from './labels.ca.ts';
import { CLAIM_LABELS_DE } from './labels.de.ts';
import { CLAIM_LABELS_EN } from './labels.en.ts';
import { CLAIM_LABELS_ES } from './labels.es.ts';
import { CLAIM_LABELS_FR } from './labels.fr.ts';
import { CLAIM_LABELS_IT } from './labels.it.ts';
import { CLAIM_LABELS_PT } from './labels.pt.ts';

// The words for a claim's status, type and outcome in every language: the widget shows them and the
// emails say them, so a customer reads the same words in both places. What a claim asks of its
// reader next is not a word per status: the API decides it from the claim (Claim.nextStep).
// Like constants.ts, it imports nothing the widget could not bundle. Each language is a module of
// its own (labels.es.ts, labels.en.ts, labels.pt.ts…), so that the widget's catalogue of one
// language, loaded on demand, brings its own words and not the others'.

export interface ClaimLabels {
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  outcome: Record<Outcome, string>;
}

export const CLAIM_LABELS: Record<Language, ClaimLabels> = {
  es: CLAIM_LABELS_ES,
  en: CLAIM_LABELS_EN,
  pt: CLAIM_LABELS_PT,
  fr: CLAIM_LABELS_FR,
  de: CLAIM_LABELS_DE,
  it: CLAIM_LABELS_IT,
  ca: CLAIM_LABELS_CA,
};
