// What text the database can hold, for every layer that takes text in: the request schemas
// (http/text.ts, domain.schema.ts), the router (a path segment) and keyset cursors (db/cursor.ts).
// PostgreSQL cannot store NUL in text and a lone UTF-16 surrogate is not a character at all
// (JSON.stringify would keep it, the database would mangle it): both are refused, never silently
// stored or replaced.

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (!value.isWellFormed()) return 'must be valid Unicode text (it contains a lone surrogate)';
  return null;
}
