import type { Role } from '../../domain/constants.ts';
import type { Principal } from '../auth/principal.ts';
import type { LiveEvent } from './events.schema.ts';
import type { EndReason } from './sse-connection.ts';

/**
 * Whom a live stream shows events to: staff (handlers, the operator's backend) see every company's
 * claim events; a company's users see their company's claim events, and the user events about
 * themselves — all of them, and the company's own events, when they are admins.
 */
export interface Viewer {
  /** null for staff. */
  companyId: string | null;
  userId: string | null;
  isAdmin: boolean;
}

export function viewerOf(principal: Principal): Viewer {
  if (principal.kind === 'service') return { companyId: null, userId: null, isAdmin: false };
  // A company's integration sees its company's claims, not its people's settings.
  if (principal.kind === 'companyKey') return { companyId: principal.companyId, userId: null, isAdmin: false };
  const staff = principal.role === 'handler';
  return { companyId: staff ? null : principal.companyId, userId: principal.user.id, isAdmin: principal.role === 'admin' };
}

/** The in-memory twin of `visibleTo` in events.repository.ts: the two must say the same. */
export function canSee(viewer: Viewer, event: LiveEvent): boolean {
  if ('claimId' in event) return viewer.companyId === null || viewer.companyId === event.companyId;
  if (viewer.companyId !== event.companyId) return false;
  return viewer.isAdmin || ('userId' in event && viewer.userId === event.userId);
}

/**
 * Why a stream must end, given its user as they are now (or as a user.updated says, which names
 * the role only when it changed); null while it may go on. The scope a stream shows was fixed
 * when it opened: a user who lost claims access, or whose role changed, reconnects with a token
 * of the new role and sees what that role may see.
 */
export function endOf(viewer: Viewer, user: { claimsAccess: boolean; role?: Role | undefined }): EndReason | null {
  if (!user.claimsAccess) return 'access-revoked';
  if (user.role === undefined) return null;
  const sameScope = viewer.isAdmin === (user.role === 'admin') && (viewer.companyId === null) === (user.role === 'handler');
  return sameScope ? null : 'role-changed';
}
