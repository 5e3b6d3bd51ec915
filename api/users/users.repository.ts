import type { DB } from '../db/connect.ts';
import type { Role, UserRow } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';
import type { Me } from './users.schema.ts';

export interface SeenUser {
  companyId: string;
  companyName?: string | undefined;
  externalId: string;
  name: string;
  email: string;
  role: Role;
  lang?: 'es' | 'en' | undefined;
}

/**
 * Creates the company and user the first time a token names them and keeps name, email, role
 * and language in step with the host afterwards. Writes only when something changed, so an
 * ordinary request costs one read.
 */
export async function upsertSeenUser(db: DB, seen: SeenUser): Promise<UserRow & { company_name: string }> {
  const existing = await findUserByExternalId(db, seen.companyId, seen.externalId);
  if (
    existing &&
    existing.name === seen.name &&
    existing.email === seen.email &&
    existing.role === seen.role &&
    existing.lang === (seen.lang ?? null) &&
    (seen.companyName === undefined || existing.company_name === seen.companyName)
  ) {
    return existing;
  }
  await db.transaction().execute(async (trx) => {
    await upsertCompany(trx, seen.companyId, seen.companyName);
    const now = nowIso();
    await trx
      .insertInto('users')
      .values({
        id: newId('usr'),
        company_id: seen.companyId,
        external_id: seen.externalId,
        name: seen.name,
        email: seen.email,
        role: seen.role,
        lang: seen.lang ?? null,
        claims_access: 0,
        notifications: 'in_app',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['company_id', 'external_id']).doUpdateSet({
          name: seen.name,
          email: seen.email,
          role: seen.role,
          lang: seen.lang ?? null,
          updated_at: now,
        }),
      )
      .execute();
  });
  const user = await findUserByExternalId(db, seen.companyId, seen.externalId);
  if (!user) throw new Error('user vanished right after upsert');
  return user;
}

/** Inserts the company, or renames it when the host sends a new name. */
export async function upsertCompany(db: DB, companyId: string, companyName?: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('companies')
    .values({ id: companyId, name: companyName ?? companyId, created_at: now, updated_at: now })
    .onConflict((oc) =>
      companyName === undefined ? oc.column('id').doNothing() : oc.column('id').doUpdateSet({ name: companyName, updated_at: now }),
    )
    .execute();
}

/** Users with their company's name, which every user-facing answer carries. */
function selectUsers(db: DB) {
  return db
    .selectFrom('users')
    .innerJoin('companies', 'companies.id', 'users.company_id')
    .selectAll('users')
    .select('companies.name as company_name');
}

export function findUserByExternalId(db: DB, companyId: string, externalId: string) {
  return selectUsers(db)
    .where('users.company_id', '=', companyId)
    .where('users.external_id', '=', externalId)
    .executeTakeFirst();
}

/** Admins always have claims access; handlers are staff; members only when an admin granted it. */
export function hasClaimsAccess(user: Pick<UserRow, 'role' | 'claims_access'>): boolean {
  return user.role === 'admin' || user.role === 'handler' || user.claims_access === 1;
}

export function toMe(user: UserRow & { company_name: string }): Me {
  return {
    id: user.id,
    externalId: user.external_id,
    companyId: user.company_id,
    companyName: user.company_name,
    name: user.name,
    email: user.email,
    role: user.role,
    lang: user.lang,
    claimsAccess: hasClaimsAccess(user),
    notifications: user.notifications,
  };
}

export function listCompanyUsers(db: DB, companyId: string) {
  return selectUsers(db)
    .where('users.company_id', '=', companyId)
    .orderBy('users.name')
    .execute();
}

export function findCompanyUser(db: DB, companyId: string, userId: string) {
  return selectUsers(db)
    .where('users.company_id', '=', companyId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export interface UserSettings {
  claimsAccess?: boolean | undefined;
  notifications?: UserRow['notifications'] | undefined;
}

export async function updateUserSettings(db: DB, userId: string, settings: UserSettings): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(settings.claimsAccess !== undefined ? { claims_access: settings.claimsAccess ? 1 : 0 } : {}),
      ...(settings.notifications !== undefined ? { notifications: settings.notifications } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', userId)
    .execute();
}
