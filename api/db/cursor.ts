import { InvalidCursorError } from '../errors.ts';
import { textProblem } from '../storable-text.ts';

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients. A forged cursor
 * may carry what no column holds (NUL, lone surrogates, another shape): it is refused here with
 * a 400, never sent to the database.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor carries; each listing checks that its shape is one it hands out. */
export function decodeCursor(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.every(isStorableText)) return value;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

const isStorableText = (value: unknown): value is string => typeof value === 'string' && textProblem(value) === null;
