import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { unauthorized } from '../http/problem.ts';
import { text } from '../http/text.ts';
import { EmailSchema, LanguageSchema, RoleSchema } from '../domain.schema.ts';

/** What the host backend puts in the JWT it signs for its logged-in user. */
export const TokenClaimsSchema = z.object({
  sub: text({ max: 200 }),
  company: text({ max: 200 }),
  companyName: text({ max: 200 }).optional(),
  role: RoleSchema,
  name: text({ max: 200 }),
  email: EmailSchema,
  lang: LanguageSchema.optional(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/** Tokens kept verified per secret, until their `exp`; the oldest goes first past this many. */
const VERIFIED_CAPACITY = 10_000;
const verifiedBySecret = new Map<string, Map<string, TokenClaims>>();

/**
 * The claims of a valid token. A client sends the same token with every request until it
 * refreshes it, and checking an HMAC and its claims each time was a good part of a request's
 * cost: a token verified once is remembered (by secret) until it expires.
 */
export async function verifyUserToken(token: string, secret: string): Promise<TokenClaims> {
  let verified = verifiedBySecret.get(secret);
  if (!verified) verifiedBySecret.set(secret, (verified = new Map()));
  const known = verified.get(token);
  if (known && known.exp * 1000 > Date.now()) {
    // Most recently used last, so the map's first entry is the one to let go.
    verified.delete(token);
    verified.set(token, known);
    return known;
  }
  verified.delete(token);
  const claims = await checkUserToken(token, secret);
  verified.set(token, claims);
  if (verified.size > VERIFIED_CAPACITY) verified.delete(verified.keys().next().value!);
  return claims;
}

async function checkUserToken(token: string, secret: string): Promise<TokenClaims> {
  let payload: unknown;
  try {
    // Pinning HS256 rejects `alg: none` and any algorithm swap before the signature is checked.
    payload = await verify(token, secret, 'HS256');
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'JwtTokenExpired') throw unauthorized('The token has expired; ask the host application for a fresh one.');
    if (name === 'JwtTokenSignatureMismatched')
      throw unauthorized('The token signature does not match; it must be signed with CLAIMS_JWT_SECRET using HS256.');
    if (name === 'JwtAlgorithmMismatch' || name === 'JwtHeaderInvalid')
      throw unauthorized('The token must be a JWT signed with HS256.');
    throw unauthorized('The bearer token is not a valid JWT.');
  }
  const claims = TokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const named = claims.error.issues.map((i) => i.path.join('.') || 'payload');
    const problems = claims.error.issues.map((i, n) => `${named[n]}: ${i.message}`).join('; ');
    throw unauthorized(
      `The token is missing or has invalid claims: ${[...new Set(named)].join(', ')}. ${problems}. Required: sub, company, role, name, email, exp.`,
    );
  }
  return claims.data;
}

/** Signs a user token the way a host backend would: used by the demo and the tests. */
export function signUserToken(
  secret: string,
  claims: Omit<TokenClaims, 'exp'>,
  ttlSeconds = 3600,
): Promise<string> {
  return sign({ ...claims, exp: Math.floor(Date.now() / 1000) + ttlSeconds }, secret, 'HS256');
}
