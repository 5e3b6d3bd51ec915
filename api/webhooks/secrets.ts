import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets. The receiver needs the secret itself to verify signatures, so it
 * cannot be hashed like a password: it is sealed with AES-256-GCM under a key derived from the
 * `WEBHOOK_SECRET_KEY` setting, so a copy of the database alone does not reveal it. Changing
 * that setting makes every stored secret unreadable: rotate each endpoint's secret after.
 */

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A version in front lets a later format (or key) be told apart from this one.
const SEAL_VERSION = 'v1';
// Fixed HKDF inputs: changing them would make every stored secret unreadable.
const HKDF_SALT = 'claimdesk.webhooks';
const HKDF_INFO = 'webhook-secret-sealing/v1';

/** The key secrets are sealed with (32 bytes), derived once from the setting. */
export type WebhookSecretKey = Buffer & { readonly __webhookSecretKey: true };

export function deriveWebhookSecretKey(setting: string): WebhookSecretKey {
  if (setting.length === 0) throw new Error('the webhook secret key setting must not be empty');
  return Buffer.from(hkdfSync('sha256', setting, HKDF_SALT, HKDF_INFO, 32)) as WebhookSecretKey;
}

/** The key of this deployment: from WEBHOOK_SECRET_KEY, or, unset, from CLAIMS_API_KEY. */
export function sealingKeyOf(settings: { webhookSecretKey?: string | undefined; apiKey: string }): WebhookSecretKey {
  return deriveWebhookSecretKey(settings.webhookSecretKey ?? settings.apiKey);
}

/** A new signing secret in the Standard Webhooks format (`whsec_` + base64 of random bytes). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** What lists show of a secret so an admin can tell which one a receiver has, without revealing it. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, SECRET_PREFIX.length + 4);
}

export function sealSecret(secret: string, key: WebhookSecretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${SEAL_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The secret a sealed value holds; throws if it was sealed under another key or altered. */
export function openSecret(ciphertext: string, key: WebhookSecretKey): string {
  const [version, body] = ciphertext.split('.', 2);
  if (version !== SEAL_VERSION || !body) throw new Error('not a sealed webhook secret');
  const bytes = Buffer.from(body, 'base64url');
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
