import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';
import { MAX_ACTIVE_API_KEYS } from './api-keys.routes.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

describe('company API keys', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  const withKey = (key: string) => (method: string, path: string, body?: unknown) => api.call('anonymous', method, path, body, { 'X-Api-Key': key });

  it('shows the key once at creation, then only its prefix', async () => {
    const created = await api.call('admin', 'POST', '/company/api-keys', { name: 'ERP SAP', scopes: ['claims:read'] });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^cdk_[a-z0-9]{8}_[\w-]{43}$/);
    assert.equal(created.body.prefix, created.body.secret.slice(0, 12));
    assert.deepEqual(created.body.createdBy, { id: created.body.createdBy.id, name: 'Ana Martínez' });
    assert.equal(created.headers.get('location'), '/api/v1/company/api-keys');

    const list = await api.call('admin', 'GET', '/company/api-keys');
    const listed = list.body.items.find((key: { id: string }) => key.id === created.body.id);
    assert.equal(listed.name, 'ERP SAP');
    assert.equal(listed.lastUsedAt, null);
    assert.equal(JSON.stringify(list.body).includes(created.body.secret.slice(13)), false, 'the secret part is never listed again');
  });

  it('acts for its company only, and notes when it was last used', async () => {
    const own = await api.createClaim();
    const other = await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    const { body } = await api.call('admin', 'POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read'] });
    const erp = withKey(body.secret);

    assert.equal((await erp('GET', `/claims/${own.id}`)).status, 200);
    assert.equal((await erp('GET', `/claims/${other.id}`)).status, 404, 'another company’s claim does not exist for it');
    const list = await erp('GET', '/claims');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length > 0);
    assert.ok(list.body.items.every((claim: { companyId: string }) => claim.companyId === 'ferreteria'));

    const keys = await api.call('admin', 'GET', '/company/api-keys');
    assert.ok(keys.body.items.find((key: { id: string }) => key.id === body.id).lastUsedAt);
  });

  it('does only what its scopes allow, and says which scope is missing', async () => {
    const claim = await api.createClaim();
    const { body } = await api.call('admin', 'POST', '/company/api-keys', { name: 'Webhooks only', scopes: ['webhooks:manage'] });
    const refused = await withKey(body.secret)('GET', `/claims/${claim.id}`);
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /without the claims:read scope/);
  });

  it('never does what is the operator’s', async () => {
    const erp = withKey((await api.call('admin', 'POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read', 'claims:write', 'webhooks:manage'] })).body.secret);
    const { claimInput } = await import('../testing/harness.ts');
    assert.equal((await erp('POST', '/claims', claimInput())).status, 403, 'intake is the operator’s');
    assert.equal((await erp('GET', '/companies')).status, 403);
    assert.equal((await erp('PUT', '/companies/ferreteria/users/x', { name: 'X', email: 'x@x.test', role: 'admin' })).status, 403);
    assert.equal((await erp('GET', '/companies/ferreteria/api-keys')).status, 403);
    assert.equal((await erp('POST', '/company/api-keys', { name: 'Another', scopes: ['claims:read'] })).status, 403, 'a key does not mint keys');
  });

  it('is refused the moment it is revoked', async () => {
    const { body } = await api.call('admin', 'POST', '/company/api-keys', { name: 'Old ERP', scopes: ['claims:read'] });
    const erp = withKey(body.secret);
    assert.equal((await erp('GET', '/claims')).status, 200);
    assert.equal((await api.call('admin', 'DELETE', `/company/api-keys/${body.id}`)).status, 204);
    const refused = await erp('GET', '/claims');
    assert.equal(refused.status, 401);
    assert.match(refused.body.detail, /revoked/);
    const listed = (await api.call('admin', 'GET', '/company/api-keys')).body.items.find((key: { id: string }) => key.id === body.id);
    assert.ok(listed.revokedAt);
    assert.equal(listed.revokedBy, 'Ana Martínez');
    assert.equal((await api.call('admin', 'DELETE', `/company/api-keys/${body.id}`)).status, 204, 'revoking twice changes nothing');
  });

  it('ends the key’s open stream once it is revoked, as it refuses its next request', async () => {
    const streaming = await createTestApi({ settings: { keyRecheckMs: 20 } });
    try {
      const { body } = await streaming.call('admin', 'POST', '/company/api-keys', { name: 'ERP listening', scopes: ['claims:read'] });
      const response = await streaming.app.request('/api/v1/events', { headers: { 'X-Api-Key': body.secret, Accept: 'text/event-stream' } });
      assert.equal(response.status, 200);
      const stream = readSse(response);
      await stream.until(() => stream.messages.length > 0);
      const claim = await streaming.createClaim();
      await stream.until(() => stream.events().some((event) => JSON.parse(event.data).claimId === claim.id));
      assert.equal((await streaming.call('admin', 'DELETE', `/company/api-keys/${body.id}`)).status, 204);
      await assert.rejects(
        stream.until(() => false, 2000),
        /stream ended/,
        'the stream ends within a recheck of the revocation',
      );
    } finally {
      await streaming.close();
    }
  });

  it('is managed by the company’s administrators only', async () => {
    const { body } = await api.call('admin', 'POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read'] });
    assert.equal((await api.call('member', 'GET', '/company/api-keys')).status, 403);
    assert.equal((await api.call('handler', 'POST', '/company/api-keys', { name: 'x', scopes: ['claims:read'] })).status, 403);
    assert.equal((await api.call('otherAdmin', 'DELETE', `/company/api-keys/${body.id}`)).status, 404, 'another company’s key does not exist for them');
    const otherList = await api.call('otherAdmin', 'GET', '/company/api-keys');
    assert.equal(otherList.body.items.some((key: { id: string }) => key.id === body.id), false);
  });

  it('refuses bad input with the field named', async () => {
    for (const [input, field] of [
      [{ name: '', scopes: ['claims:read'] }, 'name'],
      [{ name: 'ERP', scopes: [] }, 'scopes'],
      [{ name: 'ERP', scopes: ['claims:delete'] }, 'scopes.0'],
      [{ name: 'ERP', scopes: ['claims:read', 'claims:read'] }, 'scopes'],
      [{ name: 'ERP', scopes: ['claims:read'], companyId: 'textiles' }, 'companyId'],
    ] as const) {
      const res = await api.call('admin', 'POST', '/company/api-keys', input);
      assert.equal(res.status, 400, JSON.stringify(input));
      assert.ok(
        res.body.errors.some((error: { field: string; message: string }) => error.field === field || error.message.includes(`"${field}"`)),
        `${JSON.stringify(res.body.errors)} names ${field}`,
      );
    }
    const unknownKey = await api.call('anonymous', 'GET', '/claims', undefined, { 'X-Api-Key': 'cdk_nothere0_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    assert.equal(unknownKey.status, 401);
    assert.equal((await api.call('admin', 'DELETE', '/company/api-keys/key_missing')).status, 404);
  });

  it('holds at most a set number of active keys per company', async () => {
    const active = (await api.call('otherAdmin', 'GET', '/company/api-keys')).body.items.filter((key: { revokedAt: string | null }) => !key.revokedAt).length;
    for (let i = active; i < MAX_ACTIVE_API_KEYS; i += 1) {
      assert.equal((await api.call('otherAdmin', 'POST', '/company/api-keys', { name: `Key ${i}`, scopes: ['claims:read'] })).status, 201);
    }
    const refused = await api.call('otherAdmin', 'POST', '/company/api-keys', { name: 'One too many', scopes: ['claims:read'] });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.type, 'https://claimdesk.dev/problems/api-key-limit');
  });

  it('lets the operator’s backend manage any company’s keys', async () => {
    await api.createClaim();
    const created = await api.call('apiKey', 'POST', '/companies/ferreteria/api-keys', { name: 'Set up by the operator', scopes: ['claims:read', 'claims:write'] });
    assert.equal(created.status, 201);
    assert.equal(created.body.createdBy, null);
    const listed = await api.call('apiKey', 'GET', '/companies/ferreteria/api-keys');
    assert.ok(listed.body.items.some((key: { id: string }) => key.id === created.body.id));
    assert.equal((await api.call('apiKey', 'DELETE', `/companies/textiles/api-keys/${created.body.id}`)).status, 404, 'the key is not textiles’');
    assert.equal((await api.call('apiKey', 'DELETE', `/companies/ferreteria/api-keys/${created.body.id}`)).status, 204);
    assert.equal((await api.call('apiKey', 'GET', '/companies/nobody/api-keys')).status, 404);
    assert.equal((await api.call('admin', 'GET', '/companies/ferreteria/api-keys')).status, 403);
  });
});
