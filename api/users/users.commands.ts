import type { UserWithCompany } from '../auth/principal.ts';
import { hasClaimsAccess } from '../auth/access.ts';
import { InvalidValueError, NotFoundError } from '../errors.ts';
import { record, type Append, type WriteDeps } from '../events/record.ts';
import { HOST_ACTOR } from '../events/actor.ts';
import type { Actor, UserEvent } from '../events/events.schema.ts';
import type { NotificationChannel } from '../../domain/constants.ts';
import { assertIfMatch, etagOf } from '../http/conditional.ts';
import {
  findCompanySettings,
  findCompanyUser,
  findUserByExternalId,
  findUserForChange,
  lockForChange,
  syncUser,
  toMe,
  updateCompanySettings,
  updateUserSettings,
  writeSeenUser,
  type SeenUser,
  type UserSettings,
} from './users.repository.ts';
import type { CompanySettings } from './users.schema.ts';
import type { HeldUntilCommit } from '../db/held-until-commit.ts';

/** The settings a user.updated event reports: what the user is allowed and how they are told. */
function settingsOf(user: Pick<UserWithCompany, 'role' | 'claims_access' | 'notifications'>): UserEvent['data'] {
  return { claimsAccess: hasClaimsAccess(user), notifications: user.notifications };
}

/** Admins always have claims access: asking to remove it is refused rather than silently ignored. */
function assertAccessRemovable(role: string, settings: UserSettings): void {
  if (role === 'admin' && settings.claimsAccess === false) {
    throw new InvalidValueError(
      'claimsAccess',
      'claimsAccess cannot be false for an administrator: administrators always have claims access. Make the user a member first to choose.',
    );
  }
}

/** What the host's identity system says of a user: its tokens and its sync carry it, the user's row keeps it. */
type Identity = Pick<UserWithCompany, 'role' | 'name' | 'email' | 'lang'>;

const IDENTITY_FIELDS = ['role', 'name', 'email', 'lang'] as const;

/** The identity a token or a sync gives, as the row keeps it: no language given is none. */
function identityOf(seen: SeenUser): Identity {
  return { role: seen.role, name: seen.name, email: seen.email, lang: seen.lang ?? null };
}

/** Which of role, name, email and language `after` changed of `before`, with their new values. */
function identityChanges(before: Identity, after: Identity): Partial<Identity> {
  return Object.fromEntries(IDENTITY_FIELDS.filter((field) => before[field] !== after[field]).map((field) => [field, after[field]]));
}

/**
 * Appends user.updated when the user's effective settings or identity changed, so the change is
 * audited and live: the settings after it, and each of role, name, email and language it changed.
 */
async function recordUserChange(
  append: Append,
  before: Identity & Pick<UserWithCompany, 'claims_access' | 'notifications'>,
  after: UserWithCompany,
  actor: Actor,
): Promise<void> {
  const settings = settingsOf(after);
  const previous = settingsOf(before);
  const changes = identityChanges(before, after);
  if (settings.claimsAccess === previous.claimsAccess && settings.notifications === previous.notifications && Object.keys(changes).length === 0) return;
  await append({ type: 'user.updated', userId: after.id, companyId: after.company_id, actor, data: { ...settings, ...changes } });
}

/**
 * An admin changes a user of their company: claims access and notification channel. With
 * `ifMatch`, only while the user is still as the admin read them (the ETag of GET /users/{id}).
 */
export function changeUserSettings(
  deps: WriteDeps,
  companyId: string,
  userId: string,
  settings: UserSettings,
  actor: Actor,
  ifMatch?: string,
): Promise<UserWithCompany> {
  return record(deps, async (trx, append) => {
    await lockForChange(trx, 'users', userId);
    const before = await findCompanyUser(trx, companyId, userId);
    if (!before) throw new NotFoundError(`User ${userId}`);
    assertIfMatch(ifMatch, etagOf(toMe(before)), `The user ${before.name}`);
    assertAccessRemovable(before.role, settings);
    await updateUserSettings(trx, userId, settings);
    const after = (await findCompanyUser(trx, companyId, userId))!;
    await recordUserChange(append, before, after, actor);
    return after;
  });
}

/** The host backend syncs a user (identity and settings) ahead of their first login. */
export function syncUserFromHost(
  deps: WriteDeps,
  seen: SeenUser,
  settings: UserSettings,
  actor: Actor,
): Promise<{ user: UserWithCompany; created: boolean }> {
  assertAccessRemovable(seen.role, settings);
  return announced(
    deps,
    record(deps, async (trx, append) => {
      const { before, after } = await syncUser(trx, seen, settings);
      // A user created now changes no identity; their first event says the settings they were given.
      await recordUserChange(append, before ?? { ...identityOf(seen), claims_access: 0, notifications: 'in_app' }, after, actor);
      return { user: after, created: !before };
    }),
  );
}

/**
 * A sync that renames the user's company changes what every request of its users reads (their
 * row's company_name) with no event of its own: its commit is announced on the bus all the same,
 * so that every process reads again the rows of the users it holds (HeldUntilCommit).
 */
async function announced<T>(deps: WriteDeps, written: Promise<T>): Promise<T> {
  const result = await written;
  deps.bus.committed(0);
  return result;
}

/**
 * The user a verified token names, created with their company on first sight. Afterwards a
 * token that says something new of them (role, name, email, language) carries the host's change,
 * recorded as user.updated as the host's sync would record it: audited, shown live to the
 * company's admins, and ending the user's streams when their role or access changed. A token
 * that changes nothing costs one read and writes nothing — no read while `known` (the requests'
 * users held by this process, under `heldUserKey`; the demo's seed passes none) holds the user.
 */
export async function syncUserFromToken(deps: WriteDeps, seen: SeenUser, known?: HeldUntilCommit<UserWithCompany>): Promise<UserWithCompany> {
  const key = heldUserKey(seen.companyId, seen.externalId);
  const held = known?.get(key);
  if (held && isCurrent(held, seen)) return held;
  const reading = known?.reading() ?? 0;
  const stored = await findUserByExternalId(deps.db, seen.companyId, seen.externalId);
  if (stored && isCurrent(stored, seen)) return known?.remember(key, stored, reading) ?? stored;
  return announced(
    deps,
    record(deps, async (trx, append) => {
      const before = await findUserForChange(trx, seen.companyId, seen.externalId);
      // Another request with the same token may have written it since the read above.
      if (before && isCurrent(before, seen)) return before;
      await writeSeenUser(trx, seen);
      const after = (await findUserByExternalId(trx, seen.companyId, seen.externalId))!;
      if (before) await recordUserChange(append, before, after, HOST_ACTOR);
      return after;
    }),
  );
}

/** Where a process holds a user's row: the same id in two companies is two users. */
const heldUserKey = (companyId: string, externalId: string) => `${companyId}\u0000${externalId}`;

/** Whether the user is stored as the token describes them, with their company's name when the token gives one. */
function isCurrent(user: UserWithCompany, seen: SeenUser): boolean {
  const company = seen.companyName === undefined || user.company_name === seen.companyName;
  return company && Object.keys(identityChanges(user, identityOf(seen))).length === 0;
}

/**
 * An admin sets the channel the company's new members get; recorded as company.updated when it
 * changed. With `ifMatch`, only while the settings are still as the admin read them (GET /company's ETag).
 */
export function changeCompanySettings(
  deps: WriteDeps,
  companyId: string,
  settings: { defaultNotifications: NotificationChannel },
  actor: Actor,
  ifMatch?: string,
): Promise<CompanySettings> {
  return record(deps, async (trx, append) => {
    await lockForChange(trx, 'companies', companyId);
    const before = await findCompanySettings(trx, companyId);
    if (!before) throw new NotFoundError(`Company ${companyId}`);
    assertIfMatch(ifMatch, etagOf(before), 'The company’s settings');
    if (before.defaultNotifications === settings.defaultNotifications) return before;
    await updateCompanySettings(trx, companyId, settings);
    await append({ type: 'company.updated', companyId, actor, data: settings });
    return { ...before, ...settings };
  });
}
