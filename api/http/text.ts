import { z } from 'zod';
import { textProblem } from '../storable-text.ts';

// What a person may type, as every route accepts it: text the database can store (no NUL, no
// lone surrogate: storable-text.ts), refused rather than silently stored or replaced.

export interface TextOptions {
  /** Longest accepted length, in characters, after trimming. */
  max: number;
  /** Shortest accepted length after trimming (default 1: empty and blank are refused). */
  min?: number;
}

/** A user-supplied string: trimmed, never blank, no NUL or lone surrogates, at most `max` characters. */
export function text({ max, min = 1 }: TextOptions) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty or blank' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`),
    )
    // The JSON Schema of what a client sends (zod's input form) would otherwise say only
    // "string": the OpenAPI document shows the limits, which hold once the text is trimmed.
    .meta({ minLength: min, maxLength: max });
}
