import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { TokenIssuerTable } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';
import { sealSecret, type WebhookSecretKey } from '../webhooks/secrets.ts';
import type { CreateTokenIssuer, TokenIssuer } from './token-issuers.schema.ts';

export type TokenIssuerRow = Selectable<TokenIssuerTable>;

/** A new HS256 secret for an issuer: 256 random bits, named so that it is recognised where it leaks. */
const newIssuerSecret = () => `cdiss_${randomBytes(32).toString('base64url')}`;

export function toTokenIssuer(row: TokenIssuerRow): TokenIssuer {
  return {
    id: row.id,
    iss: row.iss,
    scope: row.scope === 'company' ? { kind: 'company', companyId: row.company_id! } : { kind: 'operator' },
    keys:
      row.kind === 'jwks_url'
        ? { kind: 'jwks_url', url: row.jwks_url! }
        : row.kind === 'jwks'
          ? { kind: 'jwks', kids: (JSON.parse(row.jwks!) as { keys: Array<{ kid?: string }> }).keys.map((key) => key.kid ?? null) }
          : { kind: 'secret' },
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

/** Every stored issuer, oldest first: what each process keeps in memory (registry.ts). */
export function listTokenIssuerRows(db: DB): Promise<TokenIssuerRow[]> {
  return db.selectFrom('token_issuers').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function findTokenIssuerByIss(db: DB, iss: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('token_issuers').select('id').where('iss', '=', iss).executeTakeFirst();
}

/** Stores an issuer; for a `secret` one, generates the secret, keeps it sealed and answers it this once. */
export async function insertTokenIssuer(db: DB, input: CreateTokenIssuer, sealingKey: WebhookSecretKey, createdBy: string): Promise<TokenIssuerRow & { secret?: string }> {
  const secret = input.keys.kind === 'secret' ? newIssuerSecret() : undefined;
  const row: TokenIssuerRow = {
    id: newId('iss'),
    iss: input.iss,
    scope: input.scope.kind,
    company_id: input.scope.kind === 'company' ? input.scope.companyId : null,
    kind: input.keys.kind,
    jwks_url: input.keys.kind === 'jwks_url' ? input.keys.url : null,
    jwks: input.keys.kind === 'jwks' ? JSON.stringify(input.keys.jwks) : null,
    secret_ciphertext: secret === undefined ? null : sealSecret(secret, sealingKey),
    created_by_name: createdBy,
    created_at: nowIso(),
  };
  await db.insertInto('token_issuers').values(row).execute();
  return secret === undefined ? row : { ...row, secret };
}

export function findTokenIssuerRow(db: DB, id: string): Promise<TokenIssuerRow | undefined> {
  return db.selectFrom('token_issuers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Gives a `secret` issuer a new secret, sealed in place of the old one, which verifies nothing from then on; answers it this once. */
export async function rotateTokenIssuerSecret(db: DB, row: TokenIssuerRow, sealingKey: WebhookSecretKey): Promise<TokenIssuerRow & { secret: string }> {
  const secret = newIssuerSecret();
  const sealed = sealSecret(secret, sealingKey);
  await db.updateTable('token_issuers').set({ secret_ciphertext: sealed }).where('id', '=', row.id).execute();
  return { ...row, secret_ciphertext: sealed, secret };
}

/** Removes an issuer; false when there is no such one. */
export async function deleteTokenIssuer(db: DB, id: string): Promise<boolean> {
  const result = await db.deleteFrom('token_issuers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
