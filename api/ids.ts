import { randomBytes } from 'node:crypto';

/** Opaque, unguessable ids with a prefix that says what they name (clm_…, usr_…). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
