import type { UserWithCompany } from '../auth/principal.ts';
import { hasClaimsAccess } from '../auth/access.ts';
import { InvalidValueError, NotFoundError } from '../errors.ts';
import { record, type Append, type WriteDeps } from '../events/record.ts';
import type { Actor, UserEvent } from '../events/events.schema.ts';
import type { NotificationChannel } from '../../domain/constants.ts';
import { findCompanySettings, findCompanyUser, syncUser, updateCompanySettings, updateUserSettings, type SeenUser, type UserSettings } from './users.repository.ts';
import type { CompanySettings } from './users.schema.ts';

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

/** Appends user.updated when the effective settings changed, so the change is audited and live. */
async function recordSettings(append: Append, before: UserEvent['data'], after: UserWithCompany, actor: Actor): Promise<void> {
  const data = settingsOf(after);
  if (data.claimsAccess === before.claimsAccess && data.notifications === before.notifications) return;
  await append({ type: 'user.updated', userId: after.id, companyId: after.company_id, actor, data });
}

/** An admin changes a user of their company: claims access and notification channel. */
export function changeUserSettings(
  deps: WriteDeps,
  companyId: string,
  userId: string,
  settings: UserSettings,
  actor: Actor,
): Promise<UserWithCompany> {
  return record(deps, async (trx, append) => {
    const before = await findCompanyUser(trx, companyId, userId);
    if (!before) throw new NotFoundError(`User ${userId}`);
    assertAccessRemovable(before.role, settings);
    await updateUserSettings(trx, userId, settings);
    const after = (await findCompanyUser(trx, companyId, userId))!;
    await recordSettings(append, settingsOf(before), after, actor);
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
  return record(deps, async (trx, append) => {
    const { before, after } = await syncUser(trx, seen, settings);
    const previous = settingsOf(before ?? { role: seen.role, claims_access: 0, notifications: 'in_app' });
    await recordSettings(append, previous, after, actor);
    return { user: after, created: !before };
  });
}

/** An admin sets the channel the company's new members get; recorded as company.updated when it changed. */
export function changeCompanySettings(
  deps: WriteDeps,
  companyId: string,
  settings: { defaultNotifications: NotificationChannel },
  actor: Actor,
): Promise<CompanySettings> {
  return record(deps, async (trx, append) => {
    const before = await findCompanySettings(trx, companyId);
    if (!before) throw new NotFoundError(`Company ${companyId}`);
    if (before.defaultNotifications === settings.defaultNotifications) return before;
    await updateCompanySettings(trx, companyId, settings);
    await append({ type: 'company.updated', companyId, actor, data: settings });
    return { ...before, ...settings };
  });
}
