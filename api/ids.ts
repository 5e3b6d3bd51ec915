import { randomFillSync } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/**
 * Random bytes drawn from the CSPRNG 4 KiB at a time, each used once: a claim opened makes a
 * dozen ids (its documents, notifications, emails), and a call into the generator for each cost
 * intake more than the rest of the id.
 */
const randomPool = Buffer.alloc(4096);
let poolOffset = randomPool.length;
/** An id's random part: 72 bits, 12 characters. */
const RANDOM_BYTES = 9;

function randomPart(): string {
  if (poolOffset + RANDOM_BYTES > randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const part = randomPool.toString('base64url', poolOffset, poolOffset + RANDOM_BYTES);
  poolOffset += RANDOM_BYTES;
  return part;
}

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
  return `${prefix}_${time}${seq}${randomPart()}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
