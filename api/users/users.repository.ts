import type { Language, NotificationChannel, Role } from '../../domain/constants.ts';
import { hasClaimsAccess } from '../auth/access.ts';
import type { UserWithCompany } from '../auth/principal.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import { newId, nowIso } from '../ids.ts';
import type { CompanySettings, Me } from './users.schema.ts';

export interface SeenUser {
  companyId: string;
  companyName?: string | undefined;
  externalId: string;
  name: string;
  email: string;
  role: Role;
  lang?: Language | undefined;
}

export interface UserSettings {
  claimsAccess?: boolean | undefined;
  notifications?: NotificationChannel | undefined;
}

/**
 * The user a token or the host's sync is about to change, locked until the transaction ends: on
 * PostgreSQL the row lock, so two requests carrying the same new token run one after the other
 * and the second finds nothing left to change; SQLite's writers are serialised already. The lock
 * is FOR NO KEY UPDATE (what updating these columns takes anyway): FOR UPDATE would also block the
 * key-share locks that rows referencing the user take, and a change holding the event log's lock
 * while it writes this user's notification would wait for us as we wait for that lock.
 */
export async function findUserForChange(db: DB, companyId: string, externalId: string) {
  if (isPostgres(db)) {
    await db
      .selectFrom('users')
      .select('id')
      .where('company_id', '=', companyId)
      .where('external_id', '=', externalId)
      .forNoKeyUpdate()
      .executeTakeFirst();
  }
  return findUserByExternalId(db, companyId, externalId);
}

/**
 * The host backend's sync of one user: identity and, when given, settings, written together
 * (inside the caller's transaction). Says how the user was before (undefined: created now) and is after.
 */
export async function syncUser(db: DB, seen: SeenUser, settings: UserSettings) {
  const before = await findUserForChange(db, seen.companyId, seen.externalId);
  await writeSeenUser(db, seen);
  const user = (await findUserByExternalId(db, seen.companyId, seen.externalId))!;
  await updateUserSettings(db, user.id, settings);
  const after = (await findCompanyUser(db, seen.companyId, user.id))!;
  return { before, after };
}

/** Creates the company and user the first time they are seen, and writes what the host says of them afterwards. */
export async function writeSeenUser(db: DB, seen: SeenUser): Promise<void> {
  await upsertCompany(db, seen.companyId, seen.companyName);
  const now = nowIso();
  await db
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
      // Administrators hear of every claim by email too; members start with the company's choice.
      notifications:
        seen.role === 'admin'
          ? 'in_app_and_email'
          : (eb) => eb.selectFrom('companies').select('default_notifications').where('id', '=', seen.companyId),
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
}

/**
 * Inserts the company, or renames it when the host sends a new name. The same name leaves the row
 * alone: every claim opened names its company, and rewriting the row each time cost intake a page.
 * Resolves to the company's name as it now stands: the one sent, else the one stored.
 */
export async function upsertCompany(db: DB, companyId: string, companyName?: string): Promise<string> {
  await companyUpsert.execute(db, { named: companyName !== undefined }, { id: companyId, name: companyName ?? companyId, at: nowIso() });
  if (companyName !== undefined) return companyName;
  return (await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow()).name;
}

/** upsertCompany's statement, prepared once per shape (api/db/prepared.ts): every claim opened runs it. */
const companyUpsert = prepared((db, { named }: { named: boolean }, param: { id: string; name: string; at: string }) =>
  db
    .insertInto('companies')
    .values({ id: param.id, name: param.name, created_at: param.at, updated_at: param.at })
    .onConflict((oc) =>
      named
        ? oc
            .column('id')
            .doUpdateSet({ name: param.name, updated_at: param.at })
            .where((eb) => eb('companies.name', '<>', eb.ref('excluded.name')))
        : oc.column('id').doNothing(),
    ),
);

/** Users with their company's name, which every user-facing answer carries. */
function selectUsers(db: DB) {
  return db
    .selectFrom('users')
    .innerJoin('companies', 'companies.id', 'users.company_id')
    .selectAll('users')
    .select('companies.name as company_name');
}

/** The user a token names, read on every request a user makes: prepared once (api/db/prepared.ts). */
const userByExternalId = prepared((db, _shape: null, param: { companyId: string; externalId: string }) =>
  selectUsers(db).where('users.company_id', '=', param.companyId).where('users.external_id', '=', param.externalId),
);

export async function findUserByExternalId(db: DB, companyId: string, externalId: string) {
  const [user] = await userByExternalId.execute(db, null, { companyId, externalId });
  return user;
}

export function toMe(user: UserWithCompany): Me {
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

/**
 * Locks a user's or a company's row until the transaction ends (PostgreSQL; SQLite's writers are
 * serialised already), so that what a change checked of it (its If-Match) still holds when it
 * commits. FOR NO KEY UPDATE, as findUserForChange says why.
 */
export async function lockForChange(db: DB, table: 'users' | 'companies', id: string): Promise<void> {
  if (isPostgres(db)) await db.selectFrom(table).select('id').where('id', '=', id).forNoKeyUpdate().execute();
}

export async function updateUserSettings(db: DB, userId: string, settings: UserSettings): Promise<void> {
  if (settings.claimsAccess === undefined && settings.notifications === undefined) return;
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

/**
 * Names as a person expects them in a picker (Álvaro beside Alberto, not after Zoe), the same on
 * SQLite and PostgreSQL whatever the database's collation: these lists are short, sorted here.
 */
const byName = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
const sortByName = <T extends { id: string; name: string }>(rows: T[]) =>
  rows.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The claims handlers Claimdesk knows (those who have logged in), by name: whom a claim can be assigned to. */
export async function listHandlers(db: DB) {
  return sortByName(await db.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'handler').execute());
}

/** Any company's user by id, with their role: is this a claims handler? */
export function findUserById(db: DB, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('id', '=', userId).executeTakeFirst();
}

/**
 * The companies Claimdesk holds claims for, by name: the operator's own company (its handlers')
 * and customers synced before their first claim are left out, since filtering by them shows nothing.
 */
export async function listClaimCompanies(db: DB) {
  return sortByName(
    await db
      .selectFrom('companies')
      .select(['companies.id', 'companies.name'])
      .where((eb) => eb.exists(eb.selectFrom('claims').select('claims.id').whereRef('claims.company_id', '=', 'companies.id')))
      .execute(),
  );
}

export async function findCompanySettings(db: DB, companyId: string): Promise<CompanySettings | undefined> {
  const row = await db.selectFrom('companies').select(['id', 'name', 'default_notifications']).where('id', '=', companyId).executeTakeFirst();
  return row && { id: row.id, name: row.name, defaultNotifications: row.default_notifications };
}

export async function updateCompanySettings(db: DB, companyId: string, settings: { defaultNotifications: NotificationChannel }): Promise<void> {
  await db
    .updateTable('companies')
    .set({ default_notifications: settings.defaultNotifications, updated_at: nowIso() })
    .where('id', '=', companyId)
    .execute();
}
