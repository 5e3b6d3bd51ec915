import { decodeJwt, decodeProtectedHeader, errors, SignJWT, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { z } from 'zod';
import { Problem, unauthorized } from '../http/problem.ts';
import { text } from '../http/text.ts';
import { EmailSchema, LanguageSchema, RoleSchema } from '../domain.schema.ts';
import { JWKS_REFETCH_FLOOR_MS, type TrustedIssuer } from './issuers.ts';

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
  /**
   * The company API key a token exchanged at POST /tokens came from (api/auth/exchange.ts): the
   * token is refused, and its streams end, once that key is revoked. Hosts put none.
   */
  cdk: text({ max: 200 }).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/**
 * How far the clock of the host that signs may be ahead of ours: a token may be valid from (`nbf`)
 * or issued at (`iat`) this much in the future, and its lifetime may exceed the bound by this.
 * Expiry is exact, as the live stream that ends at `exp` is.
 */
export const CLOCK_SKEW_SECONDS = 30;

/** Tokens kept verified per verifier, until their `exp`; the oldest goes first past this many. */
const VERIFIED_CAPACITY = 10_000;

/**
 * Issuers kept as data (api/token-issuers/), which can come and go while the verifier lives: an
 * `iss` the fixed issuers do not have is looked for here.
 */
export interface IssuerSource {
  /** The issuer with this `iss` now, if any (reloading from where they are kept when it is not known, within a floor). */
  find(iss: string): Promise<TrustedIssuer | undefined>;
  /** Whether `issuer`, found here before, is still trusted: not removed since. */
  trusts(issuer: TrustedIssuer): Promise<boolean>;
}

/** Who vouched for a verified token: a live stream asks it again, every so often, whether it still does. */
export interface Vouch {
  /** The issuer's `iss` (undefined: CLAIMS_JWT_SECRET's). */
  readonly iss: string | undefined;
  /** Whether the answer can change while the token lives: a stored issuer can be removed, a key set can drop the token's key. */
  readonly mayLapse: boolean;
  /** False once the issuer is no longer trusted, or no longer publishes the key that signed the token. */
  stillVouches(): Promise<boolean>;
}

/** The claims of a verified token, and who vouched for them. */
export type VerifiedClaims = TokenClaims & { readonly vouch: Vouch };

export interface TokenVerifierOptions {
  /** Whose tokens are accepted; the token's `iss` picks one (none: the issuer without an `iss`). */
  issuers: readonly TrustedIssuer[];
  /** Issuers kept as data, trusted besides `issuers` (which win on the same `iss`). */
  stored?: IssuerSource | undefined;
  /** CLAIMS_TOKEN_AUDIENCE: when set, every token's `aud` must contain it. */
  audience?: string | undefined;
  /** CLAIMS_TOKEN_MAX_LIFETIME: how far ahead `exp` may be, in seconds. */
  maxLifetimeSeconds: number;
}

/** The claims of a valid token, or a 401 whose detail says what is wrong with it. */
export type VerifyUserToken = (token: string) => Promise<VerifiedClaims>;

/**
 * Verifies user tokens against `issuers`. A client sends the same token with every request until
 * it refreshes it, and checking a signature and its claims each time was a good part of a
 * request's cost: a token verified once is remembered until it expires. It is remembered by this
 * verifier only, so under the one issuer its `iss` picks here: a changed list of issuers is a new
 * verifier, which trusts nothing the old one remembered. Stored issuers (`stored`) change under a
 * living verifier instead, and a key set can drop a key: a token whose issuer may stop vouching is
 * served from memory only while it still does, and each verified token says who vouched for it
 * (`vouch`), so that a live stream can ask again.
 */
export function createTokenVerifier({ issuers, stored, audience, maxLifetimeSeconds }: TokenVerifierOptions): VerifyUserToken {
  const issuerByIss = new Map<string | undefined, TrustedIssuer>();
  for (const issuer of issuers) {
    if (issuerByIss.has(issuer.iss)) throw new Error(`Two trusted issuers have the same iss (${issuer.iss ?? 'none'}): the token's iss must pick one.`);
    issuerByIss.set(issuer.iss, issuer);
  }
  const checks = { audience, maxLifetimeSeconds };
  const verified = new Map<string, VerifiedClaims>();
  const isStored = (issuer: TrustedIssuer) => issuerByIss.get(issuer.iss) !== issuer;
  return async function verifyUserToken(token) {
    const known = verified.get(token);
    verified.delete(token);
    // An issuer that may stop vouching (removed since, or its key set dropped the token's key) is
    // asked again, and a token it no longer vouches for is verified anew, which refuses it.
    if (known && known.exp * 1000 > Date.now() && (!known.vouch.mayLapse || (await known.vouch.stillVouches()))) {
      // Most recently used last, so the map's first entry is the one to let go.
      verified.set(token, known);
      return known;
    }
    const issuer = await issuerOf(token, issuerByIss, stored);
    const claims = await checkUserToken(token, issuer, checks);
    const kid = decodeProtectedHeader(token).kid;
    const fromStore = stored !== undefined && isStored(issuer);
    const vouch: Vouch = {
      iss: issuer.iss,
      mayLapse: fromStore || issuer.publishes !== undefined,
      async stillVouches() {
        if (fromStore && !(await stored.trusts(issuer))) return false;
        return issuer.publishes ? issuer.publishes(kid) : true;
      },
    };
    const verifiedClaims = { ...claims, vouch };
    verified.set(token, verifiedClaims);
    if (verified.size > VERIFIED_CAPACITY) verified.delete(verified.keys().next().value!);
    return verifiedClaims;
  };
}

async function checkUserToken(
  token: string,
  issuer: TrustedIssuer,
  { audience, maxLifetimeSeconds }: Pick<TokenVerifierOptions, 'audience' | 'maxLifetimeSeconds'>,
): Promise<TokenClaims> {
  const header = decodeProtectedHeader(token);
  let payload: JWTPayload;
  try {
    // Each issuer pins its algorithms, rejecting `alg: none` and any algorithm swap before the
    // signature is checked. The tolerance covers `nbf`; expiry is checked exactly below.
    payload = await issuer.verify(token, { audience, clockToleranceSeconds: CLOCK_SKEW_SECONDS });
  } catch (error) {
    throw refusalOf(error, issuer, header, audience);
  }
  const claims = TokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const named = claims.error.issues.map((i) => i.path.join('.') || 'payload');
    const problems = claims.error.issues.map((i, n) => `${named[n]}: ${i.message}`).join('; ');
    throw unauthorized(
      `The token is missing or has invalid claims: ${[...new Set(named)].join(', ')}. ${problems}. Required: sub, company, role, name, email, exp.`,
    );
  }
  const now = Date.now() / 1000;
  if (claims.data.exp <= now) throw unauthorized(EXPIRED);
  if (claims.data.exp > now + maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    throw unauthorized(
      `The token expires in ${Math.round(claims.data.exp - now)} s, but tokens may live ${maxLifetimeSeconds} s at most (CLAIMS_TOKEN_MAX_LIFETIME): sign it with an exp closer to now.`,
    );
  }
  if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw unauthorized(
      `The token's iat is ${Math.round(payload.iat - now)} s in the future: the clock of the host that signs it is ahead of ours by more than ${CLOCK_SKEW_SECONDS} s.`,
    );
  }
  checkScope(issuer, claims.data);
  return claims.data;
}

const EXPIRED = 'The token has expired; ask the host application for a fresh one.';
const NOT_A_JWT = 'The bearer token is not a valid JWT.';
const ONE_OF = new Intl.ListFormat('en', { type: 'disjunction' });

/** The issuer the token's `iss` names, read before anything is verified: it says which keys verify the rest. */
async function issuerOf(token: string, issuerByIss: ReadonlyMap<string | undefined, TrustedIssuer>, stored: IssuerSource | undefined): Promise<TrustedIssuer> {
  let iss: unknown;
  try {
    decodeProtectedHeader(token);
    iss = decodeJwt(token).iss;
  } catch {
    throw unauthorized(NOT_A_JWT);
  }
  if (iss !== undefined && typeof iss !== 'string') throw unauthorized('The token\'s iss must be a string naming its issuer.');
  const issuer = issuerByIss.get(iss) ?? (iss !== undefined ? await stored?.find(iss) : undefined);
  if (issuer) return issuer;
  throw unauthorized(
    iss === undefined
      ? 'The token has no iss: name its issuer in iss.'
      : `The token's issuer (iss "${iss}") is not trusted here. Tokens signed with CLAIMS_JWT_SECRET carry no iss; a key set's tokens carry the iss the operator configured for it (CLAIMS_TOKEN_ISSUER, or a trusted issuer added with POST /token-issuers).`,
  );
}

/** What a failed verification tells whoever signed the token. */
function refusalOf(error: unknown, issuer: TrustedIssuer, header: ProtectedHeaderParameters, audience: string | undefined): Problem {
  // A key set that could not be fetched (503) says nothing about the token.
  if (error instanceof Problem) return error;
  const signing = `${ONE_OF.format(issuer.algorithms)} with ${issuer.keys}`;
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthorized(`The token is signed with ${header.alg ?? 'no algorithm'}; it must be a JWT signed with ${signing}.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthorized(`The token signature does not match; it must be signed with ${signing}.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return unauthorized(
      `No key in ${issuer.keys} has the token's kid (${header.kid ?? 'none'}) for ${header.alg}. Publish the public key there before signing with it: a new kid is looked for at most every ${JWKS_REFETCH_FLOOR_MS / 1000} s.`,
    );
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthorized(`Several keys in ${issuer.keys} could verify the token: put the signing key's kid in the token's header.`);
  }
  if (error instanceof errors.JWTExpired) return unauthorized(EXPIRED);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return unauthorized(`The token's aud must include "${audience}" (CLAIMS_TOKEN_AUDIENCE): this API is its audience.`);
    if (error.claim === 'nbf') {
      return unauthorized(
        `The token is not valid yet (nbf is in the future): the clock of the host that signs it is ahead of ours by more than ${CLOCK_SKEW_SECONDS} s, or nbf is wrong.`,
      );
    }
    return unauthorized(`The token's ${error.claim} claim is invalid: ${error.message}.`);
  }
  return unauthorized(NOT_A_JWT);
}

/**
 * A company's issuer vouches for that company's admins and members only: the operator's issuers
 * alone sign for claims handlers, who see every company.
 */
function checkScope(issuer: TrustedIssuer, claims: TokenClaims): void {
  if (issuer.scope.kind === 'operator') return;
  const { companyId } = issuer.scope;
  if (claims.role === 'handler') {
    throw unauthorized(
      `The token's issuer (iss "${issuer.iss}") vouches for the admins and members of company ${companyId} only, not for claims handlers: a handler's token comes from the operator.`,
    );
  }
  if (claims.company !== companyId) {
    throw unauthorized(`The token names company ${claims.company}, but its issuer (iss "${issuer.iss}") vouches for company ${companyId} only.`);
  }
}

/** Signs a user token with the shared secret, as a host backend would: used by the demo and the tests. */
export function signUserToken(secret: string, claims: Omit<TokenClaims, 'exp'>, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
