import { z } from 'zod';

// What a person may type, as every route accepts it. PostgreSQL cannot store NUL in text and
// a lone UTF-16 surrogate is not a character at all (JSON.stringify would keep it, the
// database would mangle it): both are refused, never silently stored or replaced.

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (!value.isWellFormed()) return 'must be valid Unicode text (it contains a lone surrogate)';
  return null;
}

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
