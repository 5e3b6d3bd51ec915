import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../domain/constants.ts';
import type { UserRow } from '../db/database.ts';
import { documented, problem, shared } from '../http/describe.ts';
import { forbidden, noClaimsAccess, Problem, unauthorized } from '../http/problem.ts';
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

/**
 * Reads `X-Api-Key` or `Authorization: Bearer`, and sets `principal`. No credentials: 401, which
 * the document gives every operation mounted after it.
 */
export function authenticate({ jwtSecret, apiKey, userOf }: AuthenticateOptions): MiddlewareHandler {
  const expectedKey = Buffer.from(apiKey);
  return documented(async function authenticate(c, next) {
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
  }, { responses: { 401: shared('Unauthorized') } });
}

/** Which company's rows the principal may read: one id, or null for staff and the host backend. */
export function companyScope(principal: Principal): string | null {
  if (principal.kind === 'service' || principal.role === 'handler') return null;
  return principal.companyId;
}

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** How a caller authenticates: the security schemes of the OpenAPI document. */
export type Credential = 'bearer' | 'apiKey';

/**
 * Who may call a route. Each route names its rule once, with `allow(rule)` in front of its
 * validator: the check runs after authentication and before anything reads the body, so a
 * caller the route would refuse gets the 403 without sending the body first; and the document
 * takes the operation's security and its 403 from the same rule.
 */
export interface CallerRule<P extends Principal = Principal> {
  /** Who passes, in words. */
  who: string;
  /** Who is refused with 403, in words (completes the document's description of that answer). */
  refused: string;
  /** The credentials of the callers who pass: the operation's security requirements. */
  credentials: readonly Credential[];
  /** The principal, narrowed to those who pass; throws the 403 for the others. */
  admit(principal: Principal): P;
}

const hasAccess = (principal: Principal) => principal.kind === 'service' || hasClaimsAccess(principal.user);

/** A person with claims access: who uploads files (the route that removes one also checks it is the caller's own). */
function admitUploader(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw forbidden('Files are uploaded by a person, with their own token; the API key is not one.');
  if (!hasClaimsAccess(principal.user)) throw noClaimsAccess();
  return principal;
}

export const CALLERS = {
  user: {
    who: 'a user (bearer token)',
    refused: 'the API key, which is not a user.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user') throw forbidden('GET /me describes the user behind a bearer token; the API key is not a user.');
      return principal;
    },
  },
  claimsReader: {
    who: 'users with claims access, claims handlers and the host backend (X-Api-Key)',
    refused: 'a member whose administrator has not granted claims access.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      return principal;
    },
  },
  claimOpener: {
    who: 'claims handlers and the host backend (X-Api-Key)',
    refused: 'the company’s users, who do not open claims.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (principal.kind === 'service' || principal.role === 'handler') return principal;
      throw forbidden('Only claims handlers or the host backend (X-Api-Key) can open claims.');
    },
  },
  customer: {
    who: 'the company’s users with claims access',
    refused: 'a member without claims access, claims handlers and the host backend.',
    credentials: ['bearer'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind !== 'user' || principal.role === 'handler') {
        throw forbidden('Only the company’s users accept or decline a claim; handlers move it with POST /claims/:id/transitions.');
      }
      return principal;
    },
  },
  handler: {
    who: 'claims handlers',
    refused: 'anyone but a claims handler, and a move that belongs to the customer (accepting and declining are theirs).',
    credentials: ['bearer'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind !== 'user' || principal.role !== 'handler') {
        throw forbidden('Only claims handlers move claims through their phases; customers accept or decline.');
      }
      return principal;
    },
  },
  assigner: {
    who: 'claims handlers',
    refused: 'the company’s users and the host backend: handlers take and reassign claims in the console.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user' || principal.role !== 'handler') {
        throw forbidden('Only claims handlers take or reassign claims; the company sees who handles each claim on the claim itself.');
      }
      return principal;
    },
  },
  handlersReader: {
    who: 'claims handlers',
    refused: 'the company’s users and the host backend.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user' || principal.role !== 'handler') {
        throw forbidden('Only claims handlers see the list of handlers (the console’s picker for reassigning a claim).');
      }
      return principal;
    },
  },
  companiesReader: {
    who: 'claims handlers and the host backend (X-Api-Key)',
    refused: 'the company’s users, who see their own company only.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (principal.kind === 'service' || principal.role === 'handler') return principal;
      throw forbidden('Only claims handlers and the host backend (X-Api-Key) see the list of companies; a company’s users see their own company only.');
    },
  },
  admin: {
    who: 'the company’s administrators',
    refused: 'anyone but an administrator of the company.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user' || principal.role !== 'admin') {
        throw forbidden('Only an administrator of the company can see and change its users’ claims access and notification settings.');
      }
      return principal;
    },
  },
  participant: {
    who: 'the company’s users with claims access, and claims handlers',
    refused: 'a member without claims access, and the host backend, which is not a person in the conversation.',
    credentials: ['bearer'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind !== 'user') throw forbidden('The conversation is between people: send a user’s bearer token, not the API key.');
      return principal;
    },
  },
  recipient: {
    who: 'users with claims access (the company’s users are notified; handlers have none)',
    refused: 'a member without claims access, and the host backend, which is not notified.',
    credentials: ['bearer'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind !== 'user') throw forbidden('Notifications are a person’s: send the user’s bearer token, not the API key.');
      return principal;
    },
  },
  uploader: {
    who: 'the company’s users with claims access and claims handlers',
    refused: 'a member without claims access, and the host backend (X-Api-Key): files are uploaded by a person.',
    credentials: ['bearer'],
    admit: admitUploader,
  },
  remover: {
    who: 'the company’s users with claims access and claims handlers',
    refused: 'a member without claims access, the host backend (X-Api-Key), and anyone but the person who uploaded the file.',
    credentials: ['bearer'],
    admit: admitUploader,
  },
  documentHandler: {
    who: 'claims handlers',
    refused: 'the company’s users and the host backend: handlers request, waive and review documents.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user' || principal.role !== 'handler') {
        throw forbidden('Only claims handlers request, waive and review documents; the company uploads them.');
      }
      return principal;
    },
  },
  anyCaller: {
    who: 'any authenticated caller',
    refused: 'nobody who authenticated.',
    credentials: ['bearer', 'apiKey'],
    admit: (principal) => principal,
  },
  hostBackend: {
    who: 'the host backend (X-Api-Key)',
    refused: 'users’ tokens.',
    credentials: ['apiKey'],
    admit(principal) {
      if (principal.kind !== 'service') throw forbidden('Syncing users is for the host backend: send the X-Api-Key header.');
      return principal;
    },
  },
} as const satisfies Record<string, CallerRule<Principal>>;

/**
 * The route's caller check, as route-level middleware placed before its validator. The handler
 * reads `c.var.caller`, typed as the rule narrowed it.
 */
export function allow<P extends Principal>(rule: CallerRule<P>): MiddlewareHandler<{ Variables: { caller: P } }> {
  return documented(
    async function allow(c, next) {
      c.set('caller', rule.admit(c.get('principal')));
      await next();
    },
    {
      security: rule.credentials.map((credential) => ({ [credential]: [] })),
      responses: { 403: problem(`Only ${rule.who} may call this. Refused: ${rule.refused}`) },
    },
  );
}
