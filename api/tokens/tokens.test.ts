import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';
import { signUserToken } from '../auth/tokens.ts';
import { EXCHANGE_ISS } from '../auth/exchange.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** A user of ferreteria the ERP signs in, as its own user table knows them. */
const ERP_USER = { id: 'erp-4711', name: 'Pau Serra', email: 'pau@ferreteria.test', role: 'member' } as const;

describe('token exchange (POST /tokens)', () => {
  let api: TestApi;
  let key: { id: string; secret: string };
  before(async () => {
    api = await createTestApi();
    const created = await api.call('admin', 'POST', '/company/api-keys', { name: 'ERP widget', scopes: ['tokens:issue'] });
    assert.equal(created.status, 201, 'a key with the new scope is created as any other');
    key = { id: created.body.id, secret: created.body.secret };
  });
  after(() => api.close());

  const withKey = (secret: string) => (method: string, path: string, body?: unknown) => api.call('anonymous', method, path, body, { 'X-Api-Key': secret });
  const bearer = (token: string) => (method: string, path: string, body?: unknown) => api.call('anonymous', method, path, body, { Authorization: `Bearer ${token}` });
  /** A key of ferreteria's, made by its admin for this test alone. */
  async function newKey(scopes: string[] = ['tokens:issue']): Promise<{ id: string; secret: string }> {
    const { status, body } = await api.call('admin', 'POST', '/company/api-keys', { name: `ERP ${scopes.join('+')}`, scopes });
    assert.equal(status, 201);
    return { id: body.id, secret: body.secret };
  }

  it('answers a token of the company’s user, not to be cached, that works for that user only', async () => {
    const own = await api.createClaim();
    const other = await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    const before = Date.now();
    const res = await withKey(key.secret)('POST', '/tokens', { user: { ...ERP_USER, role: 'admin', lang: 'ca' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const expiresAt = Date.parse(res.body.expiresAt);
    assert.ok(Math.abs(expiresAt - (before + 600_000)) < 5000, `expires in 10 minutes by default, not at ${res.body.expiresAt}`);
    const claims = decodeJwt(res.body.token);
    assert.equal(claims.iss, EXCHANGE_ISS);
    assert.equal(claims.cdk, key.id);
    assert.equal(claims.company, 'ferreteria');

    const asUser = bearer(res.body.token);
    const me = await asUser('GET', '/me');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.externalId, ERP_USER.id);
    assert.equal(me.body.companyId, 'ferreteria');
    assert.equal(me.body.role, 'admin');
    assert.equal(me.body.lang, 'ca');
    const list = await asUser('GET', '/claims');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((claim: { id: string }) => claim.id === own.id));
    assert.ok(list.body.items.every((claim: { companyId: string }) => claim.companyId === 'ferreteria'));
    assert.equal((await asUser('GET', `/claims/${other.id}`)).status, 404, 'another company’s claim does not exist for them');
  });

  it('takes the company as the key’s when named, and refuses any other company: 403', async () => {
    assert.equal((await withKey(key.secret)('POST', '/tokens', { companyId: 'ferreteria', user: ERP_USER })).status, 201);
    const refused = await withKey(key.secret)('POST', '/tokens', { companyId: 'textiles', user: ERP_USER });
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /company ferreteria’s: it exchanges tokens for that company’s users only, not for company textiles’s/);
  });

  it('never signs in a claims handler: 400 naming the role', async () => {
    const refused = await withKey(key.secret)('POST', '/tokens', { user: { ...ERP_USER, role: 'handler' } });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors.map((error: { field: string }) => error.field), ['user.role']);
    assert.match(refused.body.detail, /must be admin or member: a company key signs in its company’s users, never a claims handler/);
  });

  it('bounds the token’s life by CLAIMS_TOKEN_MAX_LIFETIME: 400 above it', async () => {
    const longest = await withKey(key.secret)('POST', '/tokens', { user: ERP_USER, ttlSeconds: 3600 });
    assert.equal(longest.status, 201);
    const refused = await withKey(key.secret)('POST', '/tokens', { user: ERP_USER, ttlSeconds: 3601 });
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /ttlSeconds is 3601, but tokens may live 3600 s at most \(CLAIMS_TOKEN_MAX_LIFETIME\)/);
    assert.deepEqual(refused.body.errors, [{ field: 'ttlSeconds', message: 'must be at most 3600' }]);
    assert.equal((await withKey(key.secret)('POST', '/tokens', { user: ERP_USER, ttlSeconds: 5 })).status, 400, 'too short to be used');
  });

  it('is refused to a key without the tokens:issue scope, to users and to the operator’s key: 403', async () => {
    const reader = await newKey(['claims:read']);
    const refused = await withKey(reader.secret)('POST', '/tokens', { user: ERP_USER });
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /without the tokens:issue scope/);
    assert.equal((await api.call('admin', 'POST', '/tokens', { user: ERP_USER })).status, 403);
    const operator = await api.call('apiKey', 'POST', '/tokens', { companyId: 'ferreteria', user: ERP_USER });
    assert.equal(operator.status, 403);
    assert.match(operator.body.detail, /signs its users’ tokens itself, with CLAIMS_JWT_SECRET/);
  });

  it('refuses the key’s tokens (401) from the moment the key is revoked', async () => {
    const doomed = await newKey();
    const { body } = await withKey(doomed.secret)('POST', '/tokens', { user: ERP_USER });
    const asUser = bearer(body.token);
    assert.equal((await asUser('GET', '/me')).status, 200);
    assert.equal((await api.call('admin', 'DELETE', `/company/api-keys/${doomed.id}`)).status, 204);
    const refused = await asUser('GET', '/me');
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
    assert.match(refused.body.detail, /API key this token was exchanged for \(POST \/tokens\) has been revoked/);
    assert.equal((await withKey(doomed.secret)('POST', '/tokens', { user: ERP_USER })).status, 401, 'nor is the key exchanged again');
    assert.equal((await withKey(key.secret)('GET', '/me')).status, 403, 'the other key lives on');
  });

  it('trusts no token that claims to be exchanged without being signed by the API', async () => {
    // The shared secret itself is not the exchange's key: a host cannot mint "exchanged" tokens with it.
    const forged = await signUserToken(JWT_SECRET, { ...USERS.handler, iss: EXCHANGE_ISS, cdk: key.id } as never, 600);
    const refused = await bearer(forged)('GET', '/me');
    assert.equal(refused.status, 401);
    assert.match(refused.body.detail, /signature does not match/);
  });

  it('ends the live stream opened with the token once the key is revoked', async () => {
    const streaming = await createTestApi({ settings: { keyRecheckMs: 20 } });
    try {
      const created = await streaming.call('admin', 'POST', '/company/api-keys', { name: 'ERP widget', scopes: ['tokens:issue'] });
      const exchanged = await streaming.call('anonymous', 'POST', '/tokens', { user: { ...ERP_USER, role: 'admin' } }, { 'X-Api-Key': created.body.secret });
      assert.equal(exchanged.status, 201);
      const response = await streaming.app.request('/api/v1/events', { headers: { Authorization: `Bearer ${exchanged.body.token}`, Accept: 'text/event-stream' } });
      assert.equal(response.status, 200);
      const stream = readSse(response);
      await stream.until(() => stream.messages.length > 0);
      const claim = await streaming.createClaim();
      await stream.until(() => stream.events().some((event) => JSON.parse(event.data).claimId === claim.id));
      assert.equal((await streaming.call('admin', 'DELETE', `/company/api-keys/${created.body.id}`)).status, 204);
      await assert.rejects(stream.until(() => false, 2000), /stream ended/, 'the stream ends within a recheck of the revocation');
    } finally {
      await streaming.close();
    }
  });
});
