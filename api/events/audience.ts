import type { Principal } from '../auth/principal.ts';
import type { LiveEvent } from './events.schema.ts';

/**
 * Whom a live stream shows events to: staff (handlers, the host backend) see every company's
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
  const staff = principal.role === 'handler';
  return { companyId: staff ? null : principal.companyId, userId: principal.user.id, isAdmin: principal.role === 'admin' };
}

/** The in-memory twin of `visibleTo` in events.repository.ts: the two must say the same. */
export function canSee(viewer: Viewer, event: LiveEvent): boolean {
  if ('claimId' in event) return viewer.companyId === null || viewer.companyId === event.companyId;
  if (viewer.companyId !== event.companyId) return false;
  return viewer.isAdmin || ('userId' in event && viewer.userId === event.userId);
}
