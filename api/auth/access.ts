import type { ExpressionBuilder } from 'kysely';
import type { Role } from '../../domain/constants.ts';
import type { Database } from '../db/database.ts';

/** Admins always have claims access; handlers are staff; members only when an admin granted it. */
export function hasClaimsAccess(user: { role: Role; claims_access: number }): boolean {
  return user.role === 'admin' || user.role === 'handler' || user.claims_access === 1;
}

/** hasClaimsAccess as a condition on the users table, for queries that pick whom a claim concerns. */
export function withClaimsAccess(eb: ExpressionBuilder<Database, 'users'>) {
  return eb.or([eb('role', 'in', ['admin', 'handler']), eb('claims_access', '=', 1)]);
}
