import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { JWKS_CACHE_MAX_AGE_MS } from '../auth/issuers.ts';
import { createTokenVerifier } from '../auth/tokens.ts';
import { Problem } from '../http/problem.ts';
import { API_KEY, createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';
import { sealingKeyOf } from '../webhooks/secrets.ts';
import { StoredIssuers } from './registry.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const now = () => Math.floor(Date.now() / 1000);

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid = `es256-${randomUUID().slice(0, 8)}`): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** A user's claims as a company's sign-on would put them in its token, valid ten minutes. */
const claimsOf = (iss: string, user: object, overrides: JWTPayload = {}): JWTPayload => ({ ...user, iss, exp: now() + 600, jti: randomUUID(), ...overrides });

const signWithKey = (key: SigningKey, claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(key.privateKey);
const signWithSecret = (secret: string, claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

/** A company's JWKS endpoint on a real HTTP server. */
class JwksServer {
  keys: JWK[] = [];
  private readonly server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `check` every 50 ms until it holds, for at most `ms`: what another process sees is seen within its reload interval. */
async function eventually(check: () => Promise<boolean>, ms = 1500): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`did not hold within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('trusted token issuers kept as data (/token-issuers)', () => {
  const jwks = new JwksServer();
  let api: TestApi;
  before(async () => {
    await jwks.start();
    api = await createTestApi({ settings: { keyRecheckMs: 20 } });
  });
  after(async () => {
    await api.close();
    await jwks.close();
  });

  const bearer = (token: string) => (method: string, path: string) => api.call('anonymous', method, path, undefined, { Authorization: `Bearer ${token}` });
  const addIssuer = async (body: object) => {
    const res = await api.call('apiKey', 'POST', '/token-issuers', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };

  it('lets a company’s secret issuer vouch for its admins and members, and for no handler nor other company (401)', async () => {
    const iss = `https://sso.ferreteria.test/${randomUUID()}`;
    const created = await api.call('apiKey', 'POST', '/token-issuers', { iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('cache-control'), 'no-store');
    assert.match(created.body.secret, /^cdiss_[\w-]{43}$/);
    assert.deepEqual(created.body.keys, { kind: 'secret' });
    const listed = await api.call('apiKey', 'GET', '/token-issuers');
    assert.equal(JSON.stringify(listed.body).includes(created.body.secret), false, 'the secret is shown once');
    assert.ok(listed.body.items.some((issuer: { id: string }) => issuer.id === created.body.id));

    const claim = await api.createClaim();
    const admin = bearer(await signWithSecret(created.body.secret, claimsOf(iss, USERS.admin)));
    assert.equal((await admin('GET', '/me')).body.role, 'admin');
    assert.equal((await admin('GET', `/claims/${claim.id}`)).status, 200);
    assert.equal((await bearer(await signWithSecret(created.body.secret, claimsOf(iss, USERS.member)))('GET', '/me')).status, 200);

    const handler = await bearer(await signWithSecret(created.body.secret, claimsOf(iss, USERS.handler)))('GET', '/me');
    assert.equal(handler.status, 401);
    assert.match(handler.body.detail, /vouches for the admins and members of company ferreteria only, not for claims handlers/);
    const other = await bearer(await signWithSecret(created.body.secret, claimsOf(iss, USERS.otherAdmin)))('GET', '/me');
    assert.equal(other.status, 401);
    assert.match(other.body.detail, /names company textiles, but its issuer .* vouches for company ferreteria only/);
  });

  it('lets a company’s JWKS by URL vouch for its users, never for a handler', async () => {
    const key = await signingKey();
    jwks.keys = [key.jwk];
    const iss = `https://sso.textiles.test/${randomUUID()}`;
    const created = await addIssuer({ iss, scope: { kind: 'company', companyId: 'textiles' }, keys: { kind: 'jwks_url', url: jwks.url } });
    assert.equal(created.secret, undefined);
    assert.equal((await bearer(await signWithKey(key, claimsOf(iss, USERS.otherAdmin)))('GET', '/me')).body.companyId, 'textiles');
    assert.equal((await bearer(await signWithKey(key, claimsOf(iss, USERS.handler)))('GET', '/me')).status, 401);
    assert.equal((await bearer(await signWithKey(key, claimsOf(iss, USERS.admin)))('GET', '/me')).status, 401);
  });

  it('lets an operator’s inline JWKS sign for claims handlers', async () => {
    const key = await signingKey();
    const iss = `https://auth.operator.test/${randomUUID()}`;
    const created = await addIssuer({ iss, scope: { kind: 'operator' }, keys: { kind: 'jwks', jwks: { keys: [key.jwk] } } });
    assert.deepEqual(created.keys, { kind: 'jwks', kids: [key.kid] });
    assert.equal((await bearer(await signWithKey(key, claimsOf(iss, USERS.handler)))('GET', '/me')).body.role, 'handler');
  });

  it('refuses a taken iss (409), a private key (400), and anyone but the operator’s backend (403)', async () => {
    const iss = `https://sso.dup.test/${randomUUID()}`;
    await addIssuer({ iss, scope: { kind: 'operator' }, keys: { kind: 'secret' } });
    const again = await api.call('apiKey', 'POST', '/token-issuers', { iss, scope: { kind: 'operator' }, keys: { kind: 'secret' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.type, 'https://claimdesk.dev/problems/token-issuer-conflict');
    assert.equal((await api.call('apiKey', 'POST', '/token-issuers', { iss: 'claimdesk:exchange', scope: { kind: 'operator' }, keys: { kind: 'secret' } })).status, 409);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const leaked = await api.call('apiKey', 'POST', '/token-issuers', {
      iss: `https://x.test/${randomUUID()}`,
      scope: { kind: 'operator' },
      keys: { kind: 'jwks', jwks: { keys: [await exportJWK(privateKey)] } },
    });
    assert.equal(leaked.status, 400);
    assert.match(leaked.body.detail, /must be a public key/);
    const unusable = await api.call('apiKey', 'POST', '/token-issuers', {
      iss: `https://z.test/${randomUUID()}`,
      scope: { kind: 'operator' },
      keys: { kind: 'jwks', jwks: { keys: [{ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' }, { kty: 'EC', crv: 'P-256', x: 'not-a-point', y: 'AA' }] } },
    });
    assert.equal(unusable.status, 400);
    assert.deepEqual(unusable.body.errors.map((error: { field: string }) => error.field), ['keys.jwks.keys.0', 'keys.jwks.keys.1']);
    assert.match(unusable.body.detail, /keys\.jwks\.keys\.0 must be an EC P-256 \(ES256\), OKP Ed25519 \(EdDSA\) or RSA \(RS256\) public key; keys\.jwks\.keys\.1 is not a usable ES256 public key/);
    const plain = await api.call('apiKey', 'POST', '/token-issuers', { iss: `https://y.test/${randomUUID()}`, scope: { kind: 'operator' }, keys: { kind: 'jwks_url', url: 'http://sso.example.com/jwks.json' } });
    assert.equal(plain.status, 400);
    assert.match(plain.body.detail, /must be an https:\/\/ URL \(http:\/\/ only for localhost\)/);
    for (const caller of ['admin', 'handler', 'companyKey'] as const) {
      assert.equal((await api.call(caller, 'GET', '/token-issuers')).status, 403, caller);
      assert.equal((await api.call(caller, 'POST', '/token-issuers', { iss: 'x', scope: { kind: 'operator' }, keys: { kind: 'secret' } })).status, 403, caller);
    }
    assert.equal((await api.call('apiKey', 'DELETE', '/token-issuers/iss_missing')).status, 404);
  });

  it('refuses a removed issuer’s tokens at once, verified before or not, and ends the streams they opened', async () => {
    const iss = `https://sso.ferreteria.test/${randomUUID()}`;
    const created = await addIssuer({ iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });
    const token = await signWithSecret(created.secret, claimsOf(iss, USERS.admin));
    assert.equal((await bearer(token)('GET', '/me')).status, 200);
    const response = await api.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } });
    assert.equal(response.status, 200);
    const stream = readSse(response);
    await stream.until(() => stream.messages.length > 0);

    assert.equal((await api.call('apiKey', 'DELETE', `/token-issuers/${created.id}`)).status, 204);
    const refused = await bearer(token)('GET', '/me');
    assert.equal(refused.status, 401, 'the token verified before is not remembered past its issuer');
    assert.match(refused.body.detail, /is not trusted here/);
    await assert.rejects(stream.until(() => false, 2000), /stream ended/, 'its stream ends within a recheck');
  });

  it('rotates a secret issuer’s secret: the old one’s tokens are refused at once and their streams end', async () => {
    const iss = `https://sso.ferreteria.test/${randomUUID()}`;
    const created = await addIssuer({ iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });
    const oldToken = await signWithSecret(created.secret, claimsOf(iss, USERS.admin));
    assert.equal((await bearer(oldToken)('GET', '/me')).status, 200);
    const response = await api.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${oldToken}`, Accept: 'text/event-stream' } });
    const stream = readSse(response);
    await stream.until(() => stream.messages.length > 0);

    const rotated = await api.call('apiKey', 'POST', `/token-issuers/${created.id}/rotate-secret`);
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.equal(rotated.headers.get('cache-control'), 'no-store');
    assert.notEqual(rotated.body.secret, created.secret);
    assert.equal(rotated.body.id, created.id);
    const refused = await bearer(oldToken)('GET', '/me');
    assert.equal(refused.status, 401, 'the old secret’s token, verified before, is refused');
    assert.match(refused.body.detail, /signature does not match/);
    assert.equal((await bearer(await signWithSecret(rotated.body.secret, claimsOf(iss, USERS.admin)))('GET', '/me')).status, 200);
    await assert.rejects(stream.until(() => false, 2000), /stream ended/, 'the old secret’s stream ends within a recheck');

    const keySet = await addIssuer({ iss: `https://sso.keys.test/${randomUUID()}`, scope: { kind: 'operator' }, keys: { kind: 'jwks', jwks: { keys: [(await signingKey()).jwk] } } });
    const noSecret = await api.call('apiKey', 'POST', `/token-issuers/${keySet.id}/rotate-secret`);
    assert.equal(noSecret.status, 400);
    assert.match(noSecret.body.detail, /verifies with a key set \(jwks\), not a secret/);
    assert.equal((await api.call('apiKey', 'POST', '/token-issuers/iss_missing/rotate-secret')).status, 404);
  });

  it('ends a stream whose signing key its JWKS dropped, once the set is fetched again', { timeout: 10_000 }, async () => {
    const [old, next] = [await signingKey(), await signingKey()];
    jwks.keys = [old.jwk, next.jwk];
    const iss = `https://sso.rotating.test/${randomUUID()}`;
    await addIssuer({ iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'jwks_url', url: jwks.url } });
    // Long enough to outlive the set's cache age, which the clock is moved past below.
    const exp = now() + 3000;
    const open = async (token: string) => {
      const response = await api.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } });
      assert.equal(response.status, 200);
      const stream = readSse(response);
      await stream.until(() => stream.messages.length > 0);
      return stream;
    };
    const oldStream = await open(await signWithKey(old, claimsOf(iss, USERS.admin, { exp })));
    const nextStream = await open(await signWithKey(next, claimsOf(iss, { ...USERS.admin, sub: 'ana-2', email: 'ana2@ferreteria.test' }, { exp })));
    jwks.keys = [next.jwk];
    try {
      // The cached set ages past JWKS_CACHE_MAX_AGE_MS: the streams' next recheck fetches it again.
      mock.timers.enable({ apis: ['Date'], now: Date.now() + JWKS_CACHE_MAX_AGE_MS + 1000 });
      await assert.rejects(oldStream.until(() => false, 60_000), /stream ended/, 'the stream of the dropped key ends');
    } finally {
      mock.timers.reset();
    }
    assert.equal(nextStream.ended, false, 'the other key’s stream goes on');
    await nextStream.close();
  });
});

describe('the stored issuers of a process (registry.ts)', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('reads the issuers again for an unknown iss once within the floor, however many tokens name it', async () => {
    const stored = new StoredIssuers(api.db, { sealingKey: sealingKeyOf({ apiKey: API_KEY }), reloadMs: 60_000, unknownIssFloorMs: 60_000 });
    const verify = createTokenVerifier({ issuers: [], stored, maxLifetimeSeconds: 3600 });
    const unknown = await Promise.all(Array.from({ length: 10 }, () => signWithSecret(JWT_SECRET, claimsOf('https://nobody.test', USERS.admin))));
    await assert.rejects(verify(unknown[0]!), (error: unknown) => error instanceof Problem && error.status === 401);
    const reads = stored.reads;
    assert.equal(reads, 2, 'the first use reads the set; the unknown iss reads it again');
    for (const token of unknown.slice(1)) await assert.rejects(verify(token), /not trusted here/);
    assert.equal(stored.reads, reads, 'no more reads within the floor');
  });

  it('sees another process add and remove an issuer within its reload interval', async () => {
    // Another process: its own app, memory and registry, over the same database.
    const other = api.anotherProcess({ tokenIssuersReloadMs: 200 });
    const meThere = async (token: string) => (await other.app.request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status;
    const iss = `https://sso.elsewhere.test/${randomUUID()}`;
    const early = await signWithSecret(JWT_SECRET, claimsOf(iss, USERS.admin));
    assert.equal(await meThere(early), 401, 'not added yet: looked for, and the floor set');

    const created = await api.call('apiKey', 'POST', '/token-issuers', { iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });
    assert.equal(created.status, 201);
    const token = await signWithSecret(created.body.secret, claimsOf(iss, USERS.admin));
    await eventually(async () => (await meThere(token)) === 200);

    assert.equal((await api.call('apiKey', 'DELETE', `/token-issuers/${created.body.id}`)).status, 204);
    await eventually(async () => (await meThere(token)) === 401);
  });
});
