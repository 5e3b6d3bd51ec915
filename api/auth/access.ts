import type { Role } from '../../domain/constants.ts';

/** Admins always have claims access; handlers are staff; members only when an admin granted it. */
export function hasClaimsAccess(user: { role: Role; claims_access: number }): boolean {
  return user.role === 'admin' || user.role === 'handler' || user.claims_access === 1;
}
