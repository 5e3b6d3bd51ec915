import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';

// A query parameter an operation does not take is refused, naming it and those it takes, on
// every operation (issue 22: `?externalRef=INC-1` and `?statuz=` answered everything).

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
let doc: { paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ in: string; name: string }> }>> };
before(async () => {
  api = await createTestApi();
  doc = (await api.call('anonymous', 'GET', '/openapi.json')).body;
});
after(() => api.close());

describe('query parameters an operation does not take', () => {
  it('are refused with 400 on every operation, naming them, whoever asks', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
    assert.ok(operations.length > 30);
    for (const { method, path, op } of operations) {
      const url = `${path.replace(/\{\w+\}/g, 'x')}?statuz=review`;
      for (const caller of ['anonymous', 'admin'] as const) {
        const res = await api.call(caller, method, url);
        assert.equal(res.status, 400, `${caller} ${method} ${url}: ${JSON.stringify(res.body)}`);
        if (method === 'HEAD') continue;
        assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['statuz'], `${method} ${url}`);
        const known = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        assert.match(res.body.detail, known.length ? new RegExp(`It takes ${known.join(', ')}\\.`) : /It takes no query parameters\./, `${method} ${url}`);
      }
    }
  });

  it('say which parameters GET /claims takes, and name each unknown one', async () => {
    const res = await api.call('admin', 'GET', '/claims?statuz=review&status=review&order=asc');
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /does not take the query parameters "statuz", "order"/);
    assert.match(res.body.detail, /It takes status, type, q,/);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['statuz', 'order']);
  });

  it('leave the parameters an operation declares alone, where the validators judge them', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'GET', '/claims?status=notified&limit=5')).status, 200);
    assert.equal((await api.call('admin', 'GET', `/claims/${claim.id}/messages?limit=5`)).status, 200);
    assert.equal((await api.call('admin', 'GET', '/notifications?limit=5')).status, 200);
    assert.equal((await api.call('admin', 'GET', '/events?after=0&limit=1')).status, 200, 'the change feed’s after and limit');
    const stream = await api.app.request('/api/v1/events?lastEventId=0', { headers: await api.headersFor('admin') });
    assert.equal(stream.status, 200, 'the stream’s lastEventId, for clients that cannot send headers');
    await stream.body?.cancel();
    const invalid = await api.call('admin', 'GET', '/claims?limit=0');
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.errors[0].field, 'limit');
  });

  it('say a parameter that takes one value was given several times, rather than blame its type', async () => {
    const twice = await api.call('admin', 'GET', '/claims?view=summary&view=full&limit=5&limit=6');
    assert.equal(twice.status, 400);
    assert.deepEqual(
      [...twice.body.errors].sort((a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field)),
      [
        { field: 'limit', message: 'is given 2 times; give it once' },
        { field: 'view', message: 'is given 2 times; give it once' },
      ],
    );
    assert.match(twice.body.detail, /view: is given 2 times; give it once/);
    const once = await api.call('admin', 'GET', '/claims?view=sumary');
    assert.equal(once.body.errors[0].message, 'must be full or summary', 'a value given once is judged as before');
  });

  it('do not concern what is not an operation: the reference’s pages, the widget’s files', async () => {
    assert.equal((await api.app.request('/api/v1/reference/?v=2')).status, 200);
    const bundle = await api.app.request('/widget/claimdesk.js?v=2');
    assert.notEqual(bundle.status, 400);
    await bundle.arrayBuffer();
  });
});
