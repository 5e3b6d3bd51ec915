import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ApiKeyScope, Role } from '../../domain/constants.ts';
import type { UserRow } from '../db/database.ts';
import { documented, problem, shared } from '../http/describe.ts';
import { forbidden, noClaimsAccess, Problem, unauthorized } from '../http/problem.ts';
import { hasClaimsAccess } from './access.ts';
import type { TokenClaims, VerifyUserToken, Vouch } from './tokens.ts';

/** Every company key starts so (api/keys/): an X-Api-Key that does not must be CLAIMS_API_KEY. */
export const COMPANY_KEY_PREFIX = 'cdk_';

export type UserWithCompany = UserRow & { company_name: string };

/**
 * Who is calling: a host user (customer or handler), the operator's backend with CLAIMS_API_KEY
 * (`service`: every company), or one company's integration with a key its admins created
 * (`companyKey`: that company only, and only what the key's scopes allow).
 */
export type Principal =
  | {
      kind: 'user';
      user: UserWithCompany;
      role: Role;
      companyId: string;
      /** When the token expires (epoch seconds): live streams end then. */
      tokenExpiresAt: number;
      /** The company API key the token was exchanged for (POST /tokens): its revocation ends the streams the token opened. */
      apiKeyId?: string | undefined;
      /** The issuer that verified the token: its removal, or its key's, ends the streams the token opened. */
      vouch?: Vouch | undefined;
    }
  | { kind: 'service' }
  | CompanyKeyPrincipal;

export interface CompanyKeyPrincipal {
  kind: 'companyKey';
  keyId: string;
  /** The name the company's admins gave the key ("ERP SAP"): how the history names its changes. */
  keyName: string;
  companyId: string;
  scopes: ReadonlySet<ApiKeyScope>;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

export interface AuthenticateOptions {
  /** The claims of a bearer token its trusted issuers vouch for (tokens.ts), or a 401 saying what is wrong. */
  verifyToken: VerifyUserToken;
  apiKey: string;
  /** The company key an X-Api-Key other than CLAIMS_API_KEY is, if it is a live one (api/keys/). */
  companyKeyOf: (secret: string) => Promise<CompanyKeyPrincipal | undefined>;
  /** The user a verified token names, created on first sight and kept in step with the token. */
  userOf: (claims: TokenClaims) => Promise<UserWithCompany>;
  /** Whether the company key a token was exchanged for (its `cdk`) was revoked: the token is refused then (api/keys/revocations.ts). */
  apiKeyRevoked: (keyId: string) => Promise<boolean>;
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
export function authenticate({ verifyToken, apiKey, companyKeyOf, userOf, apiKeyRevoked }: AuthenticateOptions): MiddlewareHandler {
  const expectedKey = Buffer.from(apiKey);
  return documented(async function authenticate(c, next) {
    const key = c.req.header('x-api-key');
    if (key !== undefined) {
      const given = Buffer.from(key);
      if (given.length === expectedKey.length && timingSafeEqual(given, expectedKey)) {
        c.set('principal', { kind: 'service' });
        return next();
      }
      const companyKey = key.startsWith(COMPANY_KEY_PREFIX) ? await companyKeyOf(key) : undefined;
      if (!companyKey) {
        throw unauthorized(
          key.startsWith(COMPANY_KEY_PREFIX)
            ? 'The X-Api-Key is not a company API key, or it has been revoked. Ask an administrator of the company for a new one.'
            : 'The X-Api-Key header matches neither CLAIMS_API_KEY nor a company API key.',
          API_KEY_CHALLENGE,
        );
      }
      c.set('principal', companyKey);
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
    const claims = await verifyToken(match[1]).catch((error: unknown) => {
      throw error instanceof Problem && error.status === 401 ? unauthorized(error.detail, INVALID_TOKEN_CHALLENGE) : error;
    });
    if (claims.cdk !== undefined && (await apiKeyRevoked(claims.cdk))) {
      throw unauthorized(
        'The company API key this token was exchanged for (POST /tokens) has been revoked, and its tokens with it: exchange a fresh token with a live key.',
        INVALID_TOKEN_CHALLENGE,
      );
    }
    const user = await userOf(claims);
    c.set('principal', { kind: 'user', user, role: user.role, companyId: user.company_id, tokenExpiresAt: claims.exp, apiKeyId: claims.cdk, vouch: claims.vouch });
    return next();
  }, { responses: { 401: shared('Unauthorized') } });
}

/** Which company's rows the principal may read: one id, or null for staff and the operator's backend. */
export function companyScope(principal: Principal): string | null {
  if (principal.kind === 'service') return null;
  if (principal.kind === 'companyKey') return principal.companyId;
  return principal.role === 'handler' ? null : principal.companyId;
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

function hasAccess(principal: Principal): boolean {
  if (principal.kind === 'service') return true;
  if (principal.kind === 'companyKey') {
    requireScope(principal, 'claims:read');
    return true;
  }
  return hasClaimsAccess(principal.user);
}

/** Refuses a company key created without `scope`, saying which scope it lacks. */
export function requireScope(key: CompanyKeyPrincipal, scope: ApiKeyScope): void {
  if (!key.scopes.has(scope)) {
    throw forbidden(`This API key («${key.keyName}») was created without the ${scope} scope. An administrator of the company can create a key that has it.`);
  }
}

/** The operator's side: its backend (CLAIMS_API_KEY) and its claims handlers. */
const isOperator = (principal: Principal) => principal.kind === 'service' || (principal.kind === 'user' && principal.role === 'handler');

/**
 * Who adds to a claim's documents and conversation: a person with claims access, the operator's
 * key, a company key with claims:write (the history names the integration). The route that
 * removes a file also checks it is the caller's own.
 */
function admitContributor(principal: Principal): Principal {
  if (principal.kind === 'service') return principal;
  if (principal.kind === 'companyKey') {
    requireScope(principal, 'claims:write');
    return principal;
  }
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
    refused: 'the company’s users, who do not open claims or correct them.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (isOperator(principal)) return principal;
      throw forbidden('Only claims handlers or the host backend (X-Api-Key) can open claims and correct them.');
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
      if (isOperator(principal)) return principal;
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
  webhookManager: {
    who: 'the company’s administrators, its API keys with the webhooks:manage scope, and the operator’s key (CLAIMS_API_KEY)',
    refused: 'members, claims handlers, and company API keys without the webhooks:manage scope.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (principal.kind === 'service') return principal;
      if (principal.kind === 'companyKey') {
        if (principal.scopes.has('webhooks:manage')) return principal;
        throw forbidden('This API key lacks the webhooks:manage scope: an administrator of the company can create a key that has it.');
      }
      if (principal.role !== 'admin') {
        throw forbidden('Only an administrator of the company (or an API key with the webhooks:manage scope) manages its webhooks.');
      }
      return principal;
    },
  },
  participant: {
    who: 'the company’s users with claims access, and claims handlers',
    refused: 'a member without claims access, and API keys: read receipts and typing are a person’s.',
    credentials: ['bearer'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind !== 'user') throw forbidden('Read receipts and typing are a person’s: send a user’s bearer token, not an API key.');
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
  contributor: {
    who: 'the company’s users with claims access, claims handlers, the operator’s key (CLAIMS_API_KEY) and company keys with the claims:write scope',
    refused: 'a member without claims access, and company keys without the claims:write scope.',
    credentials: ['bearer', 'apiKey'],
    admit: admitContributor,
  },
  messageWriter: {
    who: 'the company’s users with claims access, claims handlers, the operator’s key (CLAIMS_API_KEY) and company keys with the claims:write scope (a message that asks for a document: claims handlers only)',
    refused:
      'a member without claims access, company keys without the claims:write scope, and a documentRequest from anyone but a claims handler (the company uploads documents; handlers ask for them).',
    credentials: ['bearer', 'apiKey'],
    // Who may ask for a document depends on the body: the command admits the requester with documentHandler.
    admit: admitContributor,
  },
  remover: {
    who: 'whoever uploaded the file: a user with claims access, a claims handler, the operator’s key or a company key with the claims:write scope',
    refused: 'a member without claims access, company keys without the claims:write scope, and anyone but whoever uploaded the file (the same user or API key).',
    credentials: ['bearer', 'apiKey'],
    admit: admitContributor,
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
  keyManager: {
    who: 'the company’s administrators',
    refused: 'anyone but an administrator of the company: its members, handlers and API keys.',
    credentials: ['bearer'],
    admit(principal) {
      if (principal.kind !== 'user' || principal.role !== 'admin') {
        throw forbidden('Only an administrator of the company creates and revokes its API keys (the operator’s backend does it with /companies/{companyId}/api-keys).');
      }
      return principal;
    },
  },
  tokenExchanger: {
    who: 'company API keys with the tokens:issue scope',
    refused: 'users’ tokens, the operator’s key (it signs its users’ tokens itself, with CLAIMS_JWT_SECRET) and company keys without the tokens:issue scope.',
    credentials: ['apiKey'],
    admit(principal) {
      if (principal.kind !== 'companyKey') {
        throw forbidden(
          principal.kind === 'service'
            ? 'POST /tokens exchanges a company API key for a token of one of that company’s users; the operator’s backend signs its users’ tokens itself, with CLAIMS_JWT_SECRET.'
            : 'POST /tokens is for a company’s backend: send a company API key with the tokens:issue scope as X-Api-Key, not a user’s token.',
        );
      }
      requireScope(principal, 'tokens:issue');
      return principal;
    },
  },
  operatorBackend: {
    who: 'the operator’s backend (CLAIMS_API_KEY)',
    refused: 'users’ tokens and company API keys.',
    credentials: ['apiKey'],
    admit(principal) {
      if (principal.kind !== 'service') throw forbidden('This is for the operator’s backend: send CLAIMS_API_KEY as X-Api-Key (a company key cannot).');
      return principal;
    },
  },
  dossierReader: {
    who: 'claims handlers, the company’s administrators, the host backend (X-Api-Key) and company keys with the claims:read scope',
    refused: 'the company’s members: a claim’s whole dossier is for its administrators.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (!hasAccess(principal)) throw noClaimsAccess();
      if (principal.kind === 'user' && principal.role === 'member') {
        throw forbidden('A claim’s dossier is downloaded by the company’s administrators and by claims handlers; ask an administrator of your company for it.');
      }
      return principal;
    },
  },
  letterWriter: {
    who: 'claims handlers and the host backend (X-Api-Key)',
    refused: 'the company’s users and company keys: the letter to the carrier is the claims handler’s to send.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (isOperator(principal)) return principal;
      throw forbidden('Only claims handlers and the host backend (X-Api-Key) draw the letter to the carrier; the company finds it in the claim’s dossier.');
    },
  },
  rateKeeper: {
    who: 'claims handlers and the operator’s backend (CLAIMS_API_KEY)',
    refused: 'the company’s users and company API keys: the rates carriers’ liability limits are counted with are the operator’s to keep.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (isOperator(principal)) return principal;
      throw forbidden('Liability rates are kept by the operator: its claims handlers, or its backend with CLAIMS_API_KEY. A company’s users and API keys neither see nor change them.');
    },
  },
  analyticsReader: {
    who: 'claims handlers and the operator’s backend (CLAIMS_API_KEY)',
    refused: 'the company’s users and company API keys: the analytics span every company.',
    credentials: ['bearer', 'apiKey'],
    admit(principal) {
      if (isOperator(principal)) return principal;
      throw forbidden(
        principal.kind === 'companyKey'
          ? 'Analytics are for the claims team: they span every company, and a company API key reads its own company’s claims only (GET /claims).'
          : 'Analytics are for the claims team. Your company’s claims, with their status and deadlines, are in GET /claims.',
      );
    },
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
