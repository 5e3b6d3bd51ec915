import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it, mock } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { StartupError } from '../db/connect.ts';
import { Problem } from '../http/problem.ts';
import { createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import {
  JWKS_CACHE_MAX_AGE_MS,
  JWKS_REFETCH_FLOOR_MS,
  jwksIssuer,
  jwksUrlIssuer,
  operatorJwksIssuer,
  sharedSecretIssuer,
  type TrustedIssuer,
} from './issuers.ts';
import { CLOCK_SKEW_SECONDS, createTokenVerifier, signUserToken, type VerifyUserToken } from './tokens.ts';

const OPERATOR = { kind: 'operator' } as const;
const OPERATOR_ISS = 'https://auth.operator.test';
const HOUR = 3600;

type Algorithm = 'ES256' | 'EdDSA' | 'RS256';

interface SigningKey {
  kid: string;
  alg: Algorithm;
  privateKey: CryptoKey;
  /** The public half, as a JWKS lists it. */
  jwk: JWK;
}

async function signingKey(alg: Algorithm, kid = `${alg}-${randomUUID().slice(0, 8)}`): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const now = () => Math.floor(Date.now() / 1000);

/** A complete user claim set, valid for ten minutes, with a `jti` so that no two tokens are alike. */
function userClaims(overrides: JWTPayload = {}): JWTPayload {
  return { ...USERS.member, exp: now() + 600, jti: randomUUID(), ...overrides };
}

/** A token signed with `key` as a host with its own keys signs it: its kid, the operator's iss. */
function signWith(key: SigningKey, overrides: JWTPayload = {}): Promise<string> {
  return new SignJWT(userClaims({ iss: OPERATOR_ISS, ...overrides })).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
}

function signWithSecret(secret: string, overrides: JWTPayload = {}, alg = 'HS256'): Promise<string> {
  return new SignJWT(userClaims(overrides)).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

function verifierOf(issuers: TrustedIssuer[], options: { audience?: string; maxLifetimeSeconds?: number } = {}): VerifyUserToken {
  return createTokenVerifier({ issuers, maxLifetimeSeconds: HOUR, ...options });
}

/** Asserts `verifying` is refused with a 401 whose detail matches `detail`. */
async function assertRefused(verifying: Promise<unknown>, detail: RegExp, status = 401): Promise<void> {
  await assert.rejects(verifying, (error: unknown) => {
    assert.ok(error instanceof Problem, `a Problem, not ${String(error)}`);
    assert.equal(error.status, status);
    assert.match(error.detail, detail);
    return true;
  });
}

/** A JWKS endpoint on a real HTTP server: the keys it serves can change, and it counts its fetches. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  private readonly server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') return response.writeHead(404).end();
    this.fetches++;
    response.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(pathname = '/jwks.json'): URL {
    return new URL(pathname, `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
  }

  /** Serves `keys` from now on, counting fetches afresh; and an issuer of the operator with its own cache of them. */
  serving(...keys: SigningKey[]): TrustedIssuer {
    this.keys = keys.map((key) => key.jwk);
    this.fetches = 0;
    return jwksUrlIssuer(this.url(), { iss: OPERATOR_ISS, scope: OPERATOR });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('token issuers', () => {
  const jwks = new JwksServer();
  before(() => jwks.start());
  after(() => jwks.close());
  // The floor between fetches and the cache's age are read from the clock: tests move it instead of waiting.
  afterEach(() => mock.timers.reset());
  const moveClock = (ms: number) => mock.timers.tick(ms);
  const mockClock = () => mock.timers.enable({ apis: ['Date'], now: Date.now() });

  describe('a JWKS served by URL', () => {
    it('verifies ES256, EdDSA and RS256 tokens with the key their kid names, fetching the set once', async () => {
      const keys = await Promise.all((['ES256', 'EdDSA', 'RS256'] as const).map((alg) => signingKey(alg)));
      const verify = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR }), jwks.serving(...keys)]);
      for (const key of keys) {
        const claims = await verify(await signWith(key, { sub: `user-${key.alg}` }));
        assert.equal(claims.sub, `user-${key.alg}`, key.alg);
      }
      assert.equal(jwks.fetches, 1);
    });

    it('rotates without refusing a valid token: a key published beside the old one, then the old one dropped', async () => {
      mockClock();
      const [a, b] = [await signingKey('ES256', 'key-a'), await signingKey('ES256', 'key-b')];
      const verify = verifierOf([jwks.serving(a)]);
      // Longer-lived than the set's cache: still valid when A is dropped.
      const rememberedOfA = await signWith(a, { exp: now() + 3000 });
      await verify(rememberedOfA);

      // Published beside A; the host starts signing with B once the floor has passed.
      jwks.keys = [a.jwk, b.jwk];
      moveClock(JWKS_REFETCH_FLOOR_MS + 1000);
      await verify(await signWith(b));
      await verify(await signWith(a));
      assert.equal(jwks.fetches, 2, 'the set was fetched again once, for B');

      // A dropped: tokens A signed before keep working while the set is cached, B's throughout.
      jwks.keys = [b.jwk];
      await verify(await signWith(a));
      await verify(await signWith(b));
      assert.equal(jwks.fetches, 2, 'the cached set served both');
      moveClock(JWKS_CACHE_MAX_AGE_MS);
      await verify(await signWith(b));
      assert.equal(jwks.fetches, 3, 'the aged set was fetched again');
      await assertRefused(verify(await signWith(a)), /No key in the JWKS at http:\/\/127\.0\.0\.1:\d+\/jwks\.json has the token's kid \(key-a\) for ES256/);
      assert.equal(jwks.fetches, 3, 'the set had just been fetched: no fetch for A');
      // Verified before the key was dropped, and not remembered past it.
      await assertRefused(verify(rememberedOfA), /has the token's kid \(key-a\)/);
    });

    it('fetches the set again for an unknown kid once, then not again within the floor, however many tokens name it', async () => {
      mockClock();
      const published = await signingKey('EdDSA');
      const unpublished = await signingKey('EdDSA', 'never-published');
      const verify = verifierOf([jwks.serving(published)]);
      await verify(await signWith(published));
      moveClock(JWKS_REFETCH_FLOOR_MS + 1000);

      const unknown = await Promise.all(Array.from({ length: 20 }, () => signWith(unpublished)));
      await Promise.all(unknown.slice(0, 10).map((token) => assertRefused(verify(token), /kid \(never-published\)/)));
      for (const token of unknown.slice(10)) await assertRefused(verify(token), /Publish the public key there before signing with it/);
      assert.equal(jwks.fetches, 2, '1 for the first token, 1 for the unknown kid, over 20 requests');

      moveClock(JWKS_REFETCH_FLOOR_MS + 1000);
      await assertRefused(verify(await signWith(unpublished)), /never-published/);
      assert.equal(jwks.fetches, 3, 'past the floor, the set is looked at again');
    });

    it('refuses HS256 tokens, `alg: none` and algorithms it does not pin, whatever key they use', async () => {
      const key = await signingKey('ES256');
      const verify = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR }), jwks.serving(key)]);
      // The classic swap: HMAC "signed" with the public key, which anyone can read.
      await assertRefused(verify(await signWithSecret(JSON.stringify(key.jwk), { iss: OPERATOR_ISS })), /signed with HS256; it must be a JWT signed with ES256, EdDSA, or RS256 with the JWKS at/);
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { iss: OPERATOR_ISS })), /signed with HS256/);
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(userClaims({ iss: OPERATOR_ISS }))).toString('base64url')}.`;
      await assertRefused(verify(unsigned), /signed with none/);
      const es384 = await generateKeyPair('ES384');
      const token = await new SignJWT(userClaims({ iss: OPERATOR_ISS })).setProtectedHeader({ alg: 'ES384', kid: key.kid }).sign(es384.privateKey);
      await assertRefused(verify(token), /signed with ES384/);
    });

    it('answers 503, not 401, when the set cannot be fetched: the token may well be valid', async () => {
      const key = await signingKey('RS256');
      const verify = verifierOf([jwksUrlIssuer(jwks.url('/gone.json'), { iss: OPERATOR_ISS, scope: OPERATOR })]);
      await assertRefused(verify(await signWith(key)), /could not be fetched from the JWKS at http:\/\/127\.0\.0\.1:\d+\/gone\.json .*Retry/, 503);
    });
  });

  describe('a JWKS file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-jwks-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('verifies the tokens of the keys it lists, read at start', async () => {
      const key = await signingKey('EdDSA');
      const file = path.join(dir, 'jwks.json');
      writeFileSync(file, JSON.stringify({ keys: [key.jwk] }));
      const verify = verifierOf([operatorJwksIssuer({ iss: OPERATOR_ISS, file })]);
      assert.equal((await verify(await signWith(key, { sub: 'from-file' }))).sub, 'from-file');
    });

    it('stops the start when it is not a set of public keys', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const withPrivate = path.join(dir, 'private.json');
      writeFileSync(withPrivate, JSON.stringify({ keys: [await exportJWK(privateKey)] }));
      const notJson = path.join(dir, 'broken.json');
      writeFileSync(notJson, '{ "keys": [');
      for (const [file, message] of [
        [withPrivate, /holds a private or secret key/],
        [notJson, /could not be read as JSON/],
        [path.join(dir, 'missing.json'), /could not be read/],
      ] as const) {
        assert.throws(() => operatorJwksIssuer({ iss: OPERATOR_ISS, file }), (error: Error) => error instanceof StartupError && message.test(error.message), file);
      }
    });
  });

  describe('claims', () => {
    const verify = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR })]);

    it('accepts HS256 tokens signed with the shared secret and no iss, as before', async () => {
      const claims = await verify(await signUserToken(JWT_SECRET, USERS.admin, 600));
      assert.equal(claims.sub, USERS.admin.sub);
      await assertRefused(verify(await signWithSecret('another-secret-0123456789abcdef0123')), /signature does not match; it must be signed with HS256 with CLAIMS_JWT_SECRET/);
    });

    it('refuses a token whose iss no trusted issuer has, naming it', async () => {
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { iss: 'https://evil.test' })), /issuer \(iss "https:\/\/evil\.test"\) is not trusted here/);
    });

    it('requires exp, and at most the lifetime bound (plus the clock skew) ahead', async () => {
      const { exp: _, ...withoutExp } = userClaims();
      const token = await new SignJWT(withoutExp).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JWT_SECRET));
      await assertRefused(verify(token), /invalid claims: exp\./);
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { exp: now() + 365 * 24 * HOUR })), /tokens may live 3600 s at most \(CLAIMS_TOKEN_MAX_LIFETIME\)/);
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { exp: now() + HOUR + CLOCK_SKEW_SECONDS + 5 })), /CLAIMS_TOKEN_MAX_LIFETIME/);
      await verify(await signWithSecret(JWT_SECRET, { exp: now() + HOUR + CLOCK_SKEW_SECONDS - 5 }));
      const shortLived = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR })], { maxLifetimeSeconds: 300 });
      await assertRefused(shortLived(await signWithSecret(JWT_SECRET, { exp: now() + 600 })), /expires in \d+ s, but tokens may live 300 s at most/);
    });

    it('refuses nbf and iat further in the future than the clock skew, and tolerates less', async () => {
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { nbf: now() + 120 })), /not valid yet \(nbf is in the future\)/);
      await assertRefused(verify(await signWithSecret(JWT_SECRET, { iat: now() + 120 })), /iat is 1\d\d s in the future/);
      await verify(await signWithSecret(JWT_SECRET, { nbf: now() + CLOCK_SKEW_SECONDS - 10, iat: now() + CLOCK_SKEW_SECONDS - 10 }));
    });

    it('checks aud when an audience is configured, and only then', async () => {
      const audience = 'https://claims.example.test';
      const verifyForAudience = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR })], { audience });
      await assertRefused(verifyForAudience(await signWithSecret(JWT_SECRET)), /aud must include "https:\/\/claims\.example\.test" \(CLAIMS_TOKEN_AUDIENCE\)/);
      await assertRefused(verifyForAudience(await signWithSecret(JWT_SECRET, { aud: 'https://other.test' })), /aud must include/);
      await verifyForAudience(await signWithSecret(JWT_SECRET, { aud: ['https://other.test', audience] }));
      await verify(await signWithSecret(JWT_SECRET, { aud: 'https://other.test' }));
    });

    it('refuses two issuers with the same iss: the token could not pick one', () => {
      assert.throws(() => verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR }), sharedSecretIssuer('x'.repeat(32), { scope: OPERATOR })]), /same iss/);
    });
  });

  describe('an issuer bound to a company', () => {
    const COMPANY_ISS = 'https://sso.ferreteria.test';
    let key: SigningKey;
    let verify: VerifyUserToken;
    before(async () => {
      key = await signingKey('ES256');
      const company = jwksIssuer({ keys: [key.jwk] }, { iss: COMPANY_ISS, scope: { kind: 'company', companyId: 'ferreteria' }, keys: 'ferreteria’s JWKS' });
      verify = verifierOf([sharedSecretIssuer(JWT_SECRET, { scope: OPERATOR }), company]);
    });

    it('vouches for its own company’s admins and members', async () => {
      assert.equal((await verify(await signWith(key, { ...USERS.admin, iss: COMPANY_ISS }))).role, 'admin');
      assert.equal((await verify(await signWith(key, { ...USERS.member, iss: COMPANY_ISS }))).role, 'member');
    });

    it('cannot mint a claims handler', async () => {
      await assertRefused(verify(await signWith(key, { ...USERS.member, role: 'handler', iss: COMPANY_ISS })), /vouches for the admins and members of company ferreteria only, not for claims handlers/);
    });

    it('cannot mint another company’s user', async () => {
      await assertRefused(verify(await signWith(key, { ...USERS.otherAdmin, iss: COMPANY_ISS })), /names company textiles, but its issuer \(iss "https:\/\/sso\.ferreteria\.test"\) vouches for company ferreteria only/);
    });

    it('leaves the operator’s shared secret free to mint handlers and any company’s users', async () => {
      assert.equal((await verify(await signUserToken(JWT_SECRET, USERS.handler, 600))).role, 'handler');
      assert.equal((await verify(await signUserToken(JWT_SECRET, USERS.otherAdmin, 600))).company, 'textiles');
    });
  });

  describe('through the API (GET /me)', () => {
    let key: SigningKey;
    let api: Awaited<ReturnType<typeof createTestApi>>;
    before(async () => {
      key = await signingKey('ES256');
      api = await createTestApi({ settings: { tokenIssuers: [jwks.serving(key)] } });
    });
    after(() => api.close());
    const me = async (token: string) => api.call('anonymous', 'GET', '/me', undefined, { Authorization: `Bearer ${token}` });

    it('lets an ES256 token from the operator’s JWKS in, and the shared secret’s still', async () => {
      const res = await me(await signWith(key, { ...USERS.admin, iss: OPERATOR_ISS }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.externalId, USERS.admin.sub);
      assert.equal(res.body.companyId, 'ferreteria');
      assert.equal((await api.call('handler', 'GET', '/me')).status, 200);
    });

    it('answers a token that lives too long with a 401 problem+json saying so', async () => {
      const res = await me(await signWith(key, { iss: OPERATOR_ISS, exp: now() + 24 * HOUR }));
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      assert.match(res.body.detail, /tokens may live 3600 s at most \(CLAIMS_TOKEN_MAX_LIFETIME\)/);
    });
  });
});
