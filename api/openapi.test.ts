import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from './testing/harness.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;

describe('OpenAPI document and reference', () => {
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('describes every route the API serves, and nothing it does not', async () => {
    const res = await api.call('anonymous', 'GET', '/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.body;
    assert.equal(doc.openapi, '3.1.0');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(
      api.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.startsWith('/api/v1/reference'))
        .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    assert.deepEqual([...documented].sort(), [...served].sort());
  });

  it('takes its request and response shapes from the validating schemas', async () => {
    const doc = (await api.call('anonymous', 'GET', '/openapi.json')).body;
    const create = doc.paths['/claims'].post;
    assert.deepEqual(create.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/CreateClaimInput' });
    const input = doc.components.schemas.CreateClaimInput;
    assert.deepEqual(input.properties.type.enum, ['breakage', 'robbery', 'theft', 'loss']);
    assert.ok(input.required.includes('externalRef'));
    assert.ok(!input.required.includes('packages'), 'defaulted fields are optional on input');
    assert.equal(doc.components.schemas.Money.properties.amountCents.type, 'integer');
    const list = doc.paths['/claims'].get;
    assert.deepEqual(list.parameters.map((p: { name: string }) => p.name), ['status', 'type', 'q', 'cursor', 'limit']);
    assert.ok(doc.paths['/claims/{id}/accept'].post.parameters.some((p: { name: string; in: string }) => p.name === 'id' && p.in === 'path'));
    assert.deepEqual(list.security, [{ bearer: [] }, { apiKey: [] }]);
  });

  it('serves an interactive reference page without any CDN', async () => {
    const redirect = await api.app.request('/api/v1/reference');
    assert.equal(redirect.status, 302);
    const page = await api.app.request('/api/v1/reference/');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(html, /https?:\/\//);
    const bundle = await api.app.request('/api/v1/reference/swagger-ui-bundle.js');
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await api.app.request('/api/v1/reference/secrets.txt')).status, 404);
  });

  it('answers health without credentials', async () => {
    const res = await api.call('anonymous', 'GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });
});
