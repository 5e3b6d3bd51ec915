import { z } from 'zod';
import { LanguageSchema, SOURCE_LANGUAGES_READ } from '../domain.schema.ts';

export const DossierQuerySchema = z.object({
  lang: LanguageSchema.optional().describe(`The language of the summary, the letter and the names in the archive; default the caller’s own (a user’s token \`lang\`), else es. Written in es and en only: ${SOURCE_LANGUAGES_READ}.`),
});

export const LetterQuerySchema = z.object({
  lang: LanguageSchema.optional().describe(`The language of the letter; default the caller’s own (a user’s token \`lang\`), else es. Written in es and en only: ${SOURCE_LANGUAGES_READ}.`),
});
