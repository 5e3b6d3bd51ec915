import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { unavailable } from '../http/problem.ts';
import { StartupError } from '../db/connect.ts';

/**
 * What an issuer may vouch for. The operator's issuers sign for its claims handlers and for any
 * company's users; a company's issuer only for that company's admins and members.
 */
export type IssuerScope = { kind: 'operator' } | { kind: 'company'; companyId: string };

/** HMAC with the shared secret: the one algorithm a secret issuer's tokens may use. */
const SECRET_ALGORITHMS = ['HS256'] as const;
/**
 * What a key set's tokens may be signed with: public-key signatures only. Never `none`, and never
 * an HMAC, which would make the published public key the secret.
 */
const JWKS_ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;

/**
 * The floor between two fetches of a JWKS URL for a `kid` its cached set lacks: a new key is
 * found within this of being published, and tokens naming keys that do not exist cost one fetch
 * per this, however many arrive.
 */
export const JWKS_REFETCH_FLOOR_MS = 30_000;
/** How long a fetched set is used before it is fetched again, so that a removed key stops verifying. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** A JWKS URL that has not answered by then fails the request waiting for it (503), not the process. */
const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** What a client refused because the key set could not be fetched is told to wait. */
const JWKS_RETRY_AFTER_S = 5;

/** One party whose signed tokens the API accepts, and what it may sign for. */
export interface TrustedIssuer {
  /**
   * The `iss` its tokens carry, which picks this issuer. Only the operator's shared secret goes
   * without: the tokens hosts signed before issuers existed carry none.
   */
  readonly iss: string | undefined;
  readonly scope: IssuerScope;
  /** Where its keys are, as a 401 names them to whoever signs ("CLAIMS_JWT_SECRET", "the JWKS at https://…"). */
  readonly keys: string;
  readonly algorithms: readonly string[];
  /** Checks the signature (with the algorithm pinned to `algorithms`) and `nbf`/`exp`/`aud`; the payload it vouches for. */
  verify(token: string, options: { audience: string | undefined; clockToleranceSeconds: number }): Promise<JWTPayload>;
  /**
   * A key set fetched by URL, which can drop a key: whether it still publishes the key `kid`
   * names, as last fetched (fetched again once the set is older than JWKS_CACHE_MAX_AGE_MS).
   * The live streams of a token whose key was rotated out end by it.
   */
  publishes?(kid: string | undefined): Promise<boolean>;
}

/** Who an issuer is. A company's issuer always names itself in `iss`: only the operator's may go without. */
type IssuerIdentity = { iss?: string | undefined; scope: { kind: 'operator' } } | { iss: string; scope: { kind: 'company'; companyId: string } };

/** An issuer whose tokens are HS256 with a secret it shares with the API. */
export function sharedSecretIssuer(secret: string, { iss, scope, keys = 'CLAIMS_JWT_SECRET' }: IssuerIdentity & { keys?: string }): TrustedIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    iss,
    scope,
    keys,
    algorithms: SECRET_ALGORITHMS,
    async verify(token, { audience, clockToleranceSeconds }) {
      const { payload } = await jwtVerify(token, key, { algorithms: [...SECRET_ALGORITHMS], audience, clockTolerance: clockToleranceSeconds });
      return payload;
    },
  };
}

/**
 * An issuer publishing its public keys at `url`. The set is fetched on first use, kept for
 * JWKS_CACHE_MAX_AGE_MS, and fetched again for a `kid` it lacks at most once per
 * JWKS_REFETCH_FLOOR_MS: adding a key is seen without a restart, and several keys valid at once
 * make rotation a non-event.
 */
export function jwksUrlIssuer(url: URL, identity: IssuerIdentity & { iss: string }): TrustedIssuer {
  const keySet = createRemoteJWKSet(url, {
    cooldownDuration: JWKS_REFETCH_FLOOR_MS,
    cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
    timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
  });
  const keys = `the JWKS at ${url.href}`;
  const getKey: JWTVerifyGetKey = (header, token) =>
    keySet(header, token).catch((error: unknown) => {
      // No key or several keys matching the token is the token's problem (401); a set that cannot
      // be fetched is ours, and says nothing about the token.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw unavailable(`The keys that verify this token could not be fetched from ${keys} (${reason}). Retry in ${JWKS_RETRY_AFTER_S} s.`, JWKS_RETRY_AFTER_S);
    });
  return {
    ...keySetIssuer(getKey, keys, identity),
    async publishes(kid) {
      if (!keySet.fresh) {
        // A set that cannot be fetched now says nothing about the key: the stream goes on, and asks again.
        await keySet.reload().catch(() => {});
      }
      const published = keySet.jwks()?.keys;
      if (published === undefined) return true;
      return kid === undefined ? published.length > 0 : published.some((key) => key.kid === kid);
    },
  };
}

/** An issuer whose public keys are a JWKS given at start (CLAIMS_JWKS_FILE); a changed set takes a restart. */
export function jwksIssuer(jwks: JSONWebKeySet, { keys, ...identity }: IssuerIdentity & { iss: string; keys: string }): TrustedIssuer {
  return keySetIssuer(createLocalJWKSet(jwks), keys, identity);
}

function keySetIssuer(getKey: JWTVerifyGetKey, keys: string, { iss, scope }: IssuerIdentity & { iss: string }): TrustedIssuer {
  return {
    iss,
    scope,
    keys,
    algorithms: JWKS_ALGORITHMS,
    async verify(token, { audience, clockToleranceSeconds }) {
      const { payload } = await jwtVerify(token, getKey, { algorithms: [...JWKS_ALGORITHMS], audience, clockTolerance: clockToleranceSeconds });
      return payload;
    },
  };
}

/**
 * The operator's own key set, by URL (CLAIMS_JWKS_URL) or in a file (CLAIMS_JWKS_FILE), and the
 * `iss` its tokens carry (CLAIMS_TOKEN_ISSUER).
 */
export type OperatorJwks = { iss: string } & ({ url: string } | { file: string });

/** The operator's key-set issuer. A file is read here, once: one that is not a set of public keys stops the start. */
export function operatorJwksIssuer(jwks: OperatorJwks): TrustedIssuer {
  const identity = { iss: jwks.iss, scope: { kind: 'operator' } } as const;
  if ('url' in jwks) return jwksUrlIssuer(new URL(jwks.url), identity);
  return jwksIssuer(readJwksFile(jwks.file), { ...identity, keys: `the JWKS in ${jwks.file}` });
}

function readJwksFile(file: string): JSONWebKeySet {
  let jwks: unknown;
  try {
    jwks = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StartupError(`CLAIMS_JWKS_FILE ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new StartupError(`CLAIMS_JWKS_FILE ${file} is not a JSON Web Key Set: it must be { "keys": [ … ] } with at least one public key.`);
  }
  if (keys.some((key: { d?: unknown; k?: unknown }) => key.d !== undefined || key.k !== undefined)) {
    throw new StartupError(`CLAIMS_JWKS_FILE ${file} holds a private or secret key ("d" or "k"): it must hold the public keys only.`);
  }
  return jwks as JSONWebKeySet;
}
