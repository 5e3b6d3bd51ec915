import type { JSONWebKeySet } from 'jose';
import { jwksIssuer, jwksUrlIssuer, sharedSecretIssuer, type TrustedIssuer } from '../auth/issuers.ts';
import type { IssuerSource } from '../auth/tokens.ts';
import type { DB } from '../db/connect.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';
import { openSecret, type WebhookSecretKey } from '../webhooks/secrets.ts';
import { listTokenIssuerRows, type TokenIssuerRow } from './token-issuers.repository.ts';

export interface StoredIssuersOptions {
  /** What `secret` issuers' secrets are sealed with (WEBHOOK_SECRET_KEY, as webhook secrets). */
  sealingKey: WebhookSecretKey;
  /** The set is read again when older than this, so another process's change is seen within it (default 30 s). */
  reloadMs: number;
  /**
   * The floor between two reads for an `iss` the set lacks: an issuer just added elsewhere is found
   * at once, and tokens naming issuers that do not exist cost one read per this, however many arrive.
   */
  unknownIssFloorMs: number;
  logger?: Logger | undefined;
}

/** The trusted issuer a stored row is. A company issuer names itself in `iss`, as the environment's must. */
function issuerOf(row: TokenIssuerRow, sealingKey: WebhookSecretKey): TrustedIssuer {
  const identity = row.scope === 'company' ? { iss: row.iss, scope: { kind: 'company' as const, companyId: row.company_id! } } : { iss: row.iss, scope: { kind: 'operator' as const } };
  if (row.kind === 'secret') return sharedSecretIssuer(openSecret(row.secret_ciphertext!, sealingKey), { ...identity, keys: `the secret of trusted issuer ${row.iss} (shown when it was added)` });
  if (row.kind === 'jwks_url') return jwksUrlIssuer(new URL(row.jwks_url!), identity);
  return jwksIssuer(JSON.parse(row.jwks!) as JSONWebKeySet, { ...identity, keys: `the JWKS of trusted issuer ${row.iss} (POST /token-issuers)` });
}

/**
 * The issuers the operator keeps in the database (POST /token-issuers), as this process trusts
 * them: read into memory, and read again when the set is older than `reloadMs` or a token names an
 * `iss` it lacks (at most once per `unknownIssFloorMs`). An issuer read again unchanged stays the
 * same object — a key set by URL keeps what it fetched — and one removed, or whose secret was
 * rotated, is trusted no more: the verifier forgets its tokens and their live streams end
 * (api/auth/tokens.ts, api/events/).
 */
export class StoredIssuers implements IssuerSource {
  readonly #db: DB;
  readonly #options: StoredIssuersOptions;
  readonly #log: Logger;
  #byIss = new Map<string, { row: TokenIssuerRow; issuer: TrustedIssuer }>();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #unknownLookedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | null = null;
  /** How many times the set was read: the tests count them. */
  reads = 0;

  constructor(db: DB, options: StoredIssuersOptions) {
    this.#db = db;
    this.#options = options;
    this.#log = (options.logger ?? silentLogger).child({ component: 'token-issuers' });
  }

  async find(iss: string): Promise<TrustedIssuer | undefined> {
    await this.#fresh();
    const known = this.#byIss.get(iss);
    if (known || Date.now() - this.#unknownLookedAt < this.#options.unknownIssFloorMs) return known?.issuer;
    this.#unknownLookedAt = Date.now();
    await this.#read();
    return this.#byIss.get(iss)?.issuer;
  }

  async trusts(issuer: TrustedIssuer): Promise<boolean> {
    await this.#fresh();
    return issuer.iss !== undefined && this.#byIss.get(issuer.iss)?.issuer === issuer;
  }

  /** Reads the set again after this process changed it, so that the change holds here from the next request. */
  async changed(): Promise<void> {
    // A read already under way may have started before the change.
    await this.#loading?.catch(() => {});
    await this.#read();
  }

  /** An aged set is read again; one that cannot be read now stays as it was (and is tried again), logged. */
  async #fresh(): Promise<void> {
    if (Date.now() - this.#loadedAt < this.#options.reloadMs) return;
    await this.#read().catch((error: unknown) => this.#log.error({ err: error }, 'could not read the trusted token issuers; trusting those read before'));
  }

  #read(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(): Promise<void> {
    const rows = await listTokenIssuerRows(this.#db);
    this.reads += 1;
    const next = new Map<string, { row: TokenIssuerRow; issuer: TrustedIssuer }>();
    for (const row of rows) {
      const kept = this.#byIss.get(row.iss);
      // The same row with the same secret: the same issuer. A secret rotated makes a new one, so the old secret's tokens lapse.
      if (kept?.row.id === row.id && kept.row.secret_ciphertext === row.secret_ciphertext) {
        next.set(row.iss, kept);
        continue;
      }
      try {
        next.set(row.iss, { row, issuer: issuerOf(row, this.#options.sealingKey) });
      } catch (error) {
        // A secret sealed under another WEBHOOK_SECRET_KEY: nothing it signed can be checked, so nothing is trusted.
        this.#log.error({ err: error, issuerId: row.id }, `trusted issuer ${row.iss} cannot be used (was WEBHOOK_SECRET_KEY changed?): remove it and add it again`);
      }
    }
    this.#byIss = next;
    this.#loadedAt = Date.now();
  }
}
