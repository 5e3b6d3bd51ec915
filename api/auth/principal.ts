import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../domain/constants.ts';
import type { UserRow } from '../db/database.ts';
import { forbidden, unauthorized } from '../http/problem.ts';
import { hasClaimsAccess } from './access.ts';
import { verifyUserToken, type TokenClaims } from './tokens.ts';

export type UserWithCompany = UserRow & { company_name: string };

/** Who is calling: a host user (customer or handler) or the host backend with the API key. */
export type Principal =
  | {
      kind: 'user';
      user: UserWithCompany;
      role: Role;
      companyId: string;
      /** When the token expires (epoch seconds): live streams end then. */
      tokenExpiresAt: number;
    }
  | { kind: 'service' };

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

export interface AuthenticateOptions {
  jwtSecret: string;
  apiKey: string;
  /** The user a verified token names, created on first sight and kept in step with the token. */
  userOf: (claims: TokenClaims) => Promise<UserWithCompany>;
}

/** Reads `X-Api-Key` or `Authorization: Bearer`, and sets `principal`. No credentials: 401. */
export function authenticate({ jwtSecret, apiKey, userOf }: AuthenticateOptions): MiddlewareHandler {
  const expectedKey = Buffer.from(apiKey);
  return async function authenticate(c, next) {
    const key = c.req.header('x-api-key');
    if (key !== undefined) {
      const given = Buffer.from(key);
      if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
        throw unauthorized('The X-Api-Key header does not match CLAIMS_API_KEY.');
      }
      c.set('principal', { kind: 'service' });
      return next();
    }
    const authorization = c.req.header('authorization');
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      throw unauthorized(
        authorization
          ? 'The Authorization header must be "Bearer <token>".'
          : 'Send the user token as "Authorization: Bearer <token>", or the API key as "X-Api-Key".',
      );
    }
    // Every 401 must say how to authenticate (RFC 7235); a bad token is `invalid_token` (RFC 6750).
    const claims = await verifyUserToken(match[1], jwtSecret).catch((error: unknown) => {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    });
    const user = await userOf(claims);
    c.set('principal', { kind: 'user', user, role: user.role, companyId: user.company_id, tokenExpiresAt: claims.exp });
    return next();
  };
}

/** Which company's rows the principal may read: one id, or null for staff and the host backend. */
export function companyScope(principal: Principal): string | null {
  if (principal.kind === 'service' || principal.role === 'handler') return null;
  return principal.companyId;
}

export function requireClaimsAccess(principal: Principal): void {
  if (principal.kind === 'user' && !hasClaimsAccess(principal.user)) {
    throw forbidden('You do not have access to claims yet. Ask an administrator of your company to grant it.');
  }
}

export function requireHandlerOrService(principal: Principal, action: string): void {
  if (principal.kind === 'service' || principal.role === 'handler') return;
  throw forbidden(`Only claims handlers or the host backend (X-Api-Key) can ${action}.`);
}
