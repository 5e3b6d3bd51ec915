import { CLAIM_LABELS } from '../../domain/labels.ts';
import type { ApiError } from '../internal/api-error.ts';
import { provideProblemWording } from '../internal/claims-element.ts';
import type { ClaimStatus, DocumentStatus } from '../internal/types.ts';
import { problemsEn } from './problems.en.ts';
import { problemsEs } from './problems.es.ts';
import type { ProblemFacts } from './translation.ts';

// Imported by the elements loaded on use (their chunks bring it), and fetched by the others
// when the page is idle or at their first failure: whichever comes first hands it over.

const TEXTS = { es: problemsEs, en: problemsEn };

/** What the wording may name, from the problem's own fields. */
function factsOf({ fields }: ApiError, language: 'es' | 'en', locale: string): ProblemFacts {
  const status = (fields.currentStatus ?? fields.claimStatus) as ClaimStatus | undefined;
  return {
    claimStatus: status ? (CLAIM_LABELS[language].status[status] ?? '') : '',
    documentStatus: (fields.documentStatus as DocumentStatus | null | undefined) ?? null,
    maxBytes: typeof fields.maxBytes === 'number' ? fields.maxBytes : null,
    locale,
    maxUnsentFiles: typeof fields.maxUnsentFiles === 'number' ? fields.maxUnsentFiles : null,
  };
}

provideProblemWording((problem, language, locale) => {
  const texts = TEXTS[language];
  return (texts[problem.code] ?? texts.unknown)(factsOf(problem, language, locale));
});
