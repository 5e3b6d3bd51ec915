import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../domain/constants.ts';
import type { UserRow } from '../db/database.ts';
import { forbidden, Problem, unauthorized } from '../http/problem.ts';
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

// How to authenticate, as every 401 says in WWW-Authenticate (RFC 9110 §11.6.1): a bearer token
// for users, the X-Api-Key header for the host backend.
const API_KEY_CHALLENGE = 'ApiKey realm="claimdesk", Bearer';
// RFC 6750 §3.1: a bearer token that was sent but cannot be used.
const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';

/** Reads `X-Api-Key` or `Authorization: Bearer`, and sets `principal`. No credentials: 401. */
export function authenticate({ jwtSecret, apiKey, userOf }: AuthenticateOptions): MiddlewareHandler {
  const expectedKey = Buffer.from(apiKey);
  return async function authenticate(c, next) {
    const key = c.req.header('x-api-key');
    if (key !== undefined) {
      const given = Buffer.from(key);
      if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
        throw unauthorized('The X-Api-Key header does not match CLAIMS_API_KEY.', API_KEY_CHALLENGE);
      }
      c.set('principal', { kind: 'service' });
      return next();
    }
    const authorization = c.req.header('authorization');
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      throw unauthorized(
        authorization
          ? 'The Authorization header must be "Bearer <token>".'
          : 'Send the user token as "Authorization: Bearer <token>", or the API key as "X-Api-Key".',
      );
    }
    const claims = await verifyUserToken(match[1], jwtSecret).catch((error: unknown) => {
      throw error instanceof Problem && error.status === 401 ? unauthorized(error.detail, INVALID_TOKEN_CHALLENGE) : error;
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

// The checks below need only the principal, so they can run before a route reads its body (see
// `checkCaller`). Each says what the route itself would say when it refuses the same caller.

export function requireHandler(principal: Principal): void {
  if (principal.kind !== 'user' || principal.role !== 'handler') {
    throw forbidden('Only claims handlers move claims through their phases; customers accept or decline.');
  }
}

/** Accepting and declining are the customer's answers; handlers and the host backend move claims otherwise. */
export function requireCustomer(principal: Principal): void {
  if (principal.kind !== 'user' || principal.role === 'handler') {
    throw forbidden('Only the company’s users accept or decline a claim; handlers move it with POST /claims/:id/transitions.');
  }
}

export function requireAdmin(principal: Principal): void {
  if (principal.kind !== 'user' || principal.role !== 'admin') {
    throw forbidden('Only an administrator of the company can see and change its users’ claims access.');
  }
}

export function requireService(principal: Principal): void {
  if (principal.kind !== 'service') throw forbidden('Syncing users is for the host backend: send the X-Api-Key header.');
}

/**
 * Runs `check` on the principal for requests with one of `methods`, before the route's own
 * middleware (body validation included) reads a byte of the body: a caller the route would
 * refuse anyway gets the same 403 without the server reading what it sent. Mount it with
 * `.use(path, …)` after `authenticate`; the route keeps its own check.
 */
export function checkCaller(methods: readonly string[], check: (principal: Principal) => void): MiddlewareHandler {
  return async function checkCaller(c, next) {
    if (methods.includes(c.req.method)) check(c.get('principal'));
    return next();
  };
}
