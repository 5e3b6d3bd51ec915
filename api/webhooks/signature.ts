import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one attempt at a delivery. The id is the delivery's, the
 * same on every attempt, for the receiver to drop repeats; the timestamp is the attempt's, which
 * a receiver checks against its tolerance. The body is signed with each secret given — the
 * endpoint's, then, for a while after a rotation, the previous one — so a receiver holding
 * either verifies it.
 */
export function signedHeaders(id: string, at: Date, payload: string, secrets: readonly string[]): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' '),
  };
}
