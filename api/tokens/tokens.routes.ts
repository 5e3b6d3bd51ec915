import { Hono } from 'hono';
import { signExchangedToken } from '../auth/exchange.ts';
import { allow, CALLERS } from '../auth/principal.ts';
import { describeRoute, json } from '../http/describe.ts';
import { badRequest, forbidden } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { DEFAULT_EXCHANGED_TOKEN_TTL_SECONDS, IssuedTokenSchema, IssueTokenSchema } from './tokens.schema.ts';

export interface TokenExchangeSettings {
  /** CLAIMS_JWT_SECRET: the exchanged tokens' key is derived from it (api/auth/exchange.ts). */
  jwtSecret: string;
  /** CLAIMS_TOKEN_MAX_LIFETIME: no exchanged token lives longer than any other. */
  maxLifetimeSeconds: number;
}

const DESCRIPTION = `Exchanges a company API key (X-Api-Key, with the tokens:issue scope) for a short-lived token of one of that company’s admins or members, for the widget the company embeds in its own area or ERP: call it from your backend when your user opens the page, and give the widget the token. No signing setup at all — the API signs the token itself (\`iss\` "claimdesk:exchange").

The token is for the key’s company only and never for a claims handler; a key with tokens:issue signs in any of the company’s users, administrators included, so it belongs on the server that signs them in, never in a page. It names the key it was exchanged for: once the key is revoked, the token is refused (401) and the live streams it opened end. The answer is never cached (\`Cache-Control: no-store\`).`;

/** POST /tokens: a company key's exchange for one of its users' tokens. */
export function tokensRoutes({ jwtSecret, maxLifetimeSeconds }: TokenExchangeSettings) {
  return new Hono().post(
    '/',
    describeRoute({
      operationId: 'issueUserToken',
      tags: ['Integration'],
      summary: 'Exchange a company API key for a user’s token (company key with tokens:issue)',
      description: DESCRIPTION,
      responses: {
        201: {
          ...json('The user’s token and when it expires.', IssuedTokenSchema),
          headers: { 'Cache-Control': { description: '`no-store`: a token is never kept by a cache.', required: true, schema: { type: 'string' as const } } },
        },
      },
    }),
    allow(CALLERS.tokenExchanger),
    validate('json', IssueTokenSchema),
    async (c) => {
      const key = c.var.caller;
      const { companyId = key.companyId, user, ttlSeconds = Math.min(DEFAULT_EXCHANGED_TOKEN_TTL_SECONDS, maxLifetimeSeconds) } = c.req.valid('json');
      if (companyId !== key.companyId) {
        throw forbidden(`This API key («${key.keyName}») is company ${key.companyId}’s: it exchanges tokens for that company’s users only, not for company ${companyId}’s.`);
      }
      if (ttlSeconds > maxLifetimeSeconds) {
        throw badRequest(`ttlSeconds is ${ttlSeconds}, but tokens may live ${maxLifetimeSeconds} s at most (CLAIMS_TOKEN_MAX_LIFETIME): ask for less, and exchange a new token when it runs out.`, {
          errors: [{ field: 'ttlSeconds', message: `must be at most ${maxLifetimeSeconds}` }],
        });
      }
      const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
      const token = await signExchangedToken(jwtSecret, { keyId: key.keyId, companyId, sub: user.id, name: user.name, email: user.email, role: user.role, lang: user.lang }, expiresAt);
      return c.json({ token, expiresAt: new Date(expiresAt * 1000).toISOString() }, 201, { 'Cache-Control': 'no-store' });
    },
  );
}
