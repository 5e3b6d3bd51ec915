import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApiKeyScope } from '../../domain/constants.ts';
import { COMPANY_KEY_PREFIX, type CompanyKeyPrincipal } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import type { ApiKeyTable } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';
import type { ApiKey } from './api-keys.schema.ts';

type ApiKeyRow = Selectable<ApiKeyTable>;

/** How often a key's last use is written: once a minute at most, not once a request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new key: `cdk_` + 8 characters people see in lists + 43 secret ones (256 random bits). */
function newSecret(): { secret: string; prefix: string } {
  const visible = randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0');
  const prefix = `${COMPANY_KEY_PREFIX}${visible}`;
  return { secret: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as ApiKeyScope[],
    createdAt: row.created_at,
    createdBy: row.created_by_name === null ? null : { id: row.created_by_id, name: row.created_by_name },
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by_name,
  };
}

export async function listApiKeys(db: DB, companyId: string): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().where('company_id', '=', companyId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toApiKey);
}

export function countActiveApiKeys(db: DB, companyId: string): Promise<number> {
  return db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('company_id', '=', companyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

export async function insertApiKey(
  db: DB,
  key: { companyId: string; name: string; scopes: readonly ApiKeyScope[]; createdBy: { id: string; name: string } | null },
): Promise<ApiKey & { secret: string }> {
  const { secret, prefix } = newSecret();
  const row: ApiKeyRow = {
    id: newId('key'),
    company_id: key.companyId,
    name: key.name,
    prefix,
    secret_hash: hashOf(secret),
    scopes: JSON.stringify(key.scopes),
    created_by_id: key.createdBy?.id ?? null,
    created_by_name: key.createdBy?.name ?? null,
    created_at: nowIso(),
    last_used_at: null,
    revoked_at: null,
    revoked_by_name: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { ...toApiKey(row), secret };
}

/** Revokes one of the company's keys; false when it has no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: DB, companyId: string, keyId: string, revokedBy: string): Promise<boolean> {
  const key = await db.selectFrom('api_keys').select(['id', 'revoked_at']).where('id', '=', keyId).where('company_id', '=', companyId).executeTakeFirst();
  if (!key) return false;
  if (key.revoked_at === null) {
    await db.updateTable('api_keys').set({ revoked_at: nowIso(), revoked_by_name: revokedBy }).where('id', '=', keyId).where('revoked_at', 'is', null).execute();
  }
  return true;
}

/** Whether a key was revoked (or never was one): an open stream of it must end. */
export async function isRevokedApiKey(db: DB, keyId: string): Promise<boolean> {
  const key = await db.selectFrom('api_keys').select('revoked_at').where('id', '=', keyId).executeTakeFirst();
  return key?.revoked_at !== null;
}

/** The principal a company key is, if it is a live (not revoked) one, after noting its use. */
export async function companyKeyPrincipal(db: DB, secret: string): Promise<CompanyKeyPrincipal | undefined> {
  const row = await findLiveApiKey(db, secret);
  if (!row) return undefined;
  return { kind: 'companyKey', keyId: row.id, keyName: row.name, companyId: row.company_id, scopes: new Set(JSON.parse(row.scopes) as ApiKeyScope[]) };
}

async function findLiveApiKey(db: DB, secret: string): Promise<ApiKeyRow | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('secret_hash', '=', hashOf(secret)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    const usedAt = new Date(now).toISOString();
    await db.updateTable('api_keys').set({ last_used_at: usedAt }).where('id', '=', row.id).execute();
    row.last_used_at = usedAt;
  }
  return row;
}
