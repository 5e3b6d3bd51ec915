import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/**
 * Opaque, unguessable ids with a prefix that says what they name (clm_…, usr_…). They start
 * with the time and a per-process sequence, so ids made later sort later: listings break
 * ties between rows created in the same millisecond in creation order.
 */
export function newId(prefix: string): string {
  const millis = Date.now();
  sequence = millis === lastMillis ? sequence + 1 : 0;
  lastMillis = millis;
  const time = millis.toString(36).padStart(9, '0');
  const seq = sequence.toString(36).padStart(4, '0');
  return `${prefix}_${time}${seq}${randomBytes(9).toString('base64url')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
