import type { DB } from '../db/connect.ts';
import { isRevokedApiKey } from './api-keys.repository.ts';

/** Keys whose answer is remembered at once; past this many the oldest is asked again. */
const CAPACITY = 10_000;

/**
 * Whether company keys were revoked, as the tokens exchanged for them ask on every request (POST
 * /tokens): a token is verified from memory, and reading the key's row each time would make it
 * cost what the key itself costs. The answer is read from the database at most once per
 * `maxAgeMs` per key, so a revocation in another process is seen within that; one in this process
 * is seen at once, as the key itself is refused at once.
 */
export class ApiKeyRevocations {
  readonly #db: DB;
  readonly #maxAgeMs: number;
  readonly #known = new Map<string, { revoked: boolean; at: number }>();

  constructor(db: DB, maxAgeMs: number) {
    this.#db = db;
    this.#maxAgeMs = maxAgeMs;
  }

  async revoked(keyId: string): Promise<boolean> {
    const known = this.#known.get(keyId);
    if (known && (known.revoked || Date.now() - known.at < this.#maxAgeMs)) return known.revoked;
    const revoked = await isRevokedApiKey(this.#db, keyId);
    this.#known.delete(keyId);
    this.#known.set(keyId, { revoked, at: Date.now() });
    if (this.#known.size > CAPACITY) this.#known.delete(this.#known.keys().next().value!);
    return revoked;
  }

  /** This process revoked the key: its tokens are refused from the next request. */
  noteRevoked(keyId: string): void {
    this.#known.set(keyId, { revoked: true, at: Date.now() });
  }
}
