import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_CHANGE_EVENT_TYPES } from '../../domain/constants.ts';
import { API_KEY, createTestApi } from '../testing/harness.ts';
import { eventually, startReceiver, type Receiver } from '../testing/webhooks.ts';
import { newDelivery } from './deliveries.ts';
import { MAX_ENDPOINTS } from './endpoints.commands.ts';
import { openSecret, sealingKeyOf } from './secrets.ts';
import { startWebhookWorker, type WebhookWorker } from './worker.ts';

// Managing webhooks through the API: who may, what is validated, the secret shown once and
// rotated, the delivery log, tests and redeliveries — against a real receiver and the worker.

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const URL_OK = 'https://erp.ferreteria.example/claimdesk/webhooks';
/** The key the routes seal with when WEBHOOK_SECRET_KEY is unset: derived from the API key. */
const KEY = sealingKeyOf({ apiKey: API_KEY });

describe('webhook management', () => {
  let api: TestApi;

  const create = (caller: Parameters<TestApi['call']>[0], body: Record<string, unknown> = {}) =>
    api.call(caller, 'POST', '/webhooks', { url: URL_OK, eventTypes: ['*'], ...body });

  before(async () => {
    api = await createTestApi({ settings: { writesPerMinutePerUser: 100_000, writesPerMinutePerAddress: 100_000 } });
    await api.call('admin', 'GET', '/me');
    await api.call('otherAdmin', 'GET', '/me');
  });
  after(() => api.close());

  it('shows the secret once, at creation, and never again; stores it sealed', async () => {
    const res = await create('admin', { description: 'ERP', eventTypes: ['claim.created', 'claim.transitioned'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const endpoint = res.body;
    assert.match(endpoint.id, /^whe_/);
    assert.equal(res.headers.get('location'), `/api/v1/webhooks/${endpoint.id}`);
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.ok(endpoint.secret.startsWith(endpoint.secretPrefix), 'the prefix tells the secret apart');
    assert.deepEqual(
      { companyId: endpoint.companyId, url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled },
      { companyId: 'ferreteria', url: URL_OK, description: 'ERP', eventTypes: ['claim.created', 'claim.transitioned'], enabled: true },
    );

    const read = await api.call('admin', 'GET', `/webhooks/${endpoint.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.secret, undefined);
    assert.ok(read.headers.get('etag'));
    const list = await api.call('admin', 'GET', '/webhooks');
    assert.ok(list.body.items.some((item: { id: string }) => item.id === endpoint.id));
    assert.ok(list.body.items.every((item: object) => !('secret' in item)));

    const row = await api.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.ok(!row.secret_ciphertext.includes(endpoint.secret.slice(6)), 'not stored in the clear');
    assert.equal(openSecret(row.secret_ciphertext, KEY), endpoint.secret);
  });

  it('keeps each company to its own endpoints: another company’s is 404', async () => {
    const { body: endpoint } = await create('admin');
    for (const [method, path, body] of [
      ['GET', `/webhooks/${endpoint.id}`],
      ['PATCH', `/webhooks/${endpoint.id}`, { description: 'mine now' }],
      ['DELETE', `/webhooks/${endpoint.id}`],
      ['POST', `/webhooks/${endpoint.id}/rotate-secret`],
      ['POST', `/webhooks/${endpoint.id}/test`],
      ['GET', `/webhooks/${endpoint.id}/deliveries`],
      ['POST', `/webhooks/${endpoint.id}/redeliver`, { since: new Date(Date.now() - 60_000).toISOString() }],
    ] as const) {
      for (const caller of ['otherAdmin', 'otherCompanyKey'] as const) {
        const res = await api.call(caller, method, path, body);
        assert.equal(res.status, 404, `${caller} ${method} ${path}`);
      }
    }
    const theirs = await api.call('otherAdmin', 'GET', '/webhooks');
    assert.ok(!theirs.body.items.some((item: { id: string }) => item.id === endpoint.id));
    const byKey = await api.call('companyKey', 'GET', `/webhooks/${endpoint.id}`);
    assert.equal(byKey.status, 200, 'the company’s own key with webhooks:manage manages it');
  });

  it('refuses members, handlers and company keys without webhooks:manage: 403', async () => {
    await api.grantAccess('member');
    for (const caller of ['member', 'handler'] as const) {
      assert.equal((await api.call(caller, 'GET', '/webhooks')).status, 403, caller);
      assert.equal((await create(caller)).status, 403, caller);
    }
    const readOnly = await api.createCompanyKey('admin', { name: 'Read only', scopes: ['claims:read', 'claims:write'] });
    const res = await api.call('anonymous', 'GET', '/webhooks', undefined, { 'X-Api-Key': readOnly });
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /webhooks:manage/);
  });

  it('lets the operator’s key manage its own endpoints and any company’s; a company cannot name another', async () => {
    const own = await create('apiKey', { eventTypes: ['claim.created'] });
    assert.equal(own.status, 201);
    assert.equal(own.body.companyId, null);
    const forCompany = await create('apiKey', { companyId: 'textiles' });
    assert.equal(forCompany.status, 201);
    assert.equal(forCompany.body.companyId, 'textiles');
    assert.equal((await api.call('otherAdmin', 'GET', `/webhooks/${forCompany.body.id}`)).status, 200, 'the company sees it as its own');

    const every = await api.call('apiKey', 'GET', '/webhooks');
    const ids = every.body.items.map((item: { id: string }) => item.id);
    assert.ok(ids.includes(own.body.id) && ids.includes(forCompany.body.id));
    const textiles = await api.call('apiKey', 'GET', '/webhooks?companyId=textiles');
    assert.deepEqual(new Set(textiles.body.items.map((item: { companyId: string }) => item.companyId)), new Set(['textiles']));
    assert.equal((await api.call('apiKey', 'GET', `/webhooks/${own.body.id}`)).status, 200);
    assert.equal((await api.call('admin', 'GET', `/webhooks/${own.body.id}`)).status, 404, 'the operator’s endpoint is no company’s');

    const named = await create('admin', { companyId: 'textiles' });
    assert.equal(named.status, 400);
    assert.equal(named.body.errors[0].field, 'companyId');
    assert.equal((await api.call('admin', 'GET', '/webhooks?companyId=textiles')).status, 400);
    assert.equal((await create('admin', { companyId: 'ferreteria' })).status, 201, 'naming its own company is no harm');
    const unknown = await create('apiKey', { companyId: 'nobody-knows-it' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'companyId');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp?]> = [
      [{ url: 'http://erp.ferreteria.example/hooks' }, 'url', /https/],
      [{ url: 'https://10.0.0.7/hooks' }, 'url', /public/],
      [{ url: 'https://169.254.169.254/latest/meta-data' }, 'url', /public/],
      [{ url: 'https://localhost:8443/hooks' }, 'url', /this machine/],
      [{ url: 'https://[::1]/hooks' }, 'url', /public/],
      [{ url: 'https://user:pass@erp.example/hooks' }, 'url', /password/],
      [{ url: '/relative/hooks' }, 'url'],
      [{ url: 'ftp://erp.example/hooks' }, 'url'],
      [{ url: `https://erp.example/${'a'.repeat(2000)}` }, 'url', /2000/],
      [{ eventTypes: [] }, 'eventTypes', /at least one/],
      [{ eventTypes: ['claim.exploded'] }, 'eventTypes.0'],
      [{ eventTypes: ['user.updated'] }, 'eventTypes.0'],
      [{ eventTypes: ['*', 'claim.created'] }, 'eventTypes', /alone/],
      [{ eventTypes: ['claim.created', 'claim.created'] }, 'eventTypes', /repeat/],
      [{ eventTypes: '*' }, 'eventTypes'],
      [{ secret: 'whsec_mine' }, 'body'],
    ];
    for (const [body, field, message] of cases) {
      const res = await create('admin', body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(res.body)}`);
      const error = res.body.errors.find((e: { field: string }) => e.field === field) ?? res.body.errors[0];
      if (field !== 'body') assert.equal(error.field, field, JSON.stringify(res.body.errors));
      if (message) assert.match(res.body.detail, message);
    }
    const { body: endpoint } = await create('admin');
    assert.equal((await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, {})).status, 400);
    assert.equal((await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { url: 'https://192.168.1.10/x' })).status, 400);
    assert.equal((await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?status=lost`)).status, 400);
    assert.equal((await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?cursor=nonsense`)).status, 400);
    for (const since of ['yesterday', new Date(Date.now() + 3_600_000).toISOString(), new Date(Date.now() - 31 * 86_400_000).toISOString()]) {
      const res = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/redeliver`, { since });
      assert.equal(res.status, 400, since);
      assert.equal(res.body.errors[0].field, 'since');
    }
  });

  it('allows at most 20 endpoints per company: the next is 409', async () => {
    const company = api.as({ sub: 'rosa', company: 'almacenes', companyName: 'Almacenes Vidal', role: 'admin', name: 'Rosa Vidal', email: 'rosa@almacenes.test' });
    for (let n = 0; n < MAX_ENDPOINTS; n++) {
      assert.equal((await company('POST', '/webhooks', { url: `${URL_OK}/${n}`, eventTypes: ['*'] })).status, 201);
    }
    const res = await company('POST', '/webhooks', { url: URL_OK, eventTypes: ['*'] });
    assert.equal(res.status, 409);
    assert.match(res.body.type, /webhook-limit$/);
    assert.match(res.body.detail, /Delete one/);
  });

  it('changes an endpoint, with If-Match when asked; turning it off and on says why', async () => {
    const { body: endpoint } = await create('admin');
    const read = await api.call('admin', 'GET', `/webhooks/${endpoint.id}`);
    const stale = read.headers.get('etag')!;
    const changed = await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { url: `${URL_OK}/v2`, eventTypes: ['claim.accepted'] }, { 'If-Match': stale });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.url, `${URL_OK}/v2`);
    assert.deepEqual(changed.body.eventTypes, ['claim.accepted']);
    const refused = await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { description: 'late' }, { 'If-Match': stale });
    assert.equal(refused.status, 412);

    const off = await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { enabled: false });
    assert.deepEqual([off.body.enabled, off.body.disabledReason], [false, 'manual']);
    assert.ok(off.body.disabledAt);
    const test = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`);
    assert.equal(test.status, 409);
    assert.match(test.body.type, /webhook-disabled$/);
    const on = await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { enabled: true });
    assert.deepEqual([on.body.enabled, on.body.disabledReason, on.body.disabledAt, on.body.failingSince], [true, null, null, null]);
  });

  it('audits a company’s endpoint changes in its log, for its admins; never the secret', async () => {
    const { body: endpoint } = await create('companyKey', { eventTypes: ['claim.created'] });
    await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { eventTypes: ['*'], description: 'everything' });
    const { body: rotated } = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/rotate-secret`);
    assert.equal((await api.call('apiKey', 'DELETE', `/webhooks/${endpoint.id}`)).status, 204);
    const feed = await api.call('admin', 'GET', '/events?after=0&limit=500');
    const audit = feed.body.items.filter((event: { data: { webhook?: { id: string } } }) => event.data.webhook?.id === endpoint.id);
    assert.deepEqual(
      audit.map((event: { type: string; actor: { name: string }; data: { changed?: string[] } }) => [event.type, event.actor.name, event.data.changed]),
      [
        ['company.webhook_created', 'ERP companyKey', undefined],
        ['company.webhook_updated', 'Ana Martínez', ['description', 'eventTypes']],
        ['company.webhook_secret_rotated', 'Ana Martínez', undefined],
        ['company.webhook_deleted', 'Host system', undefined],
      ],
    );
    const text = JSON.stringify(audit);
    assert.ok(!text.includes(endpoint.secret) && !text.includes(rotated.secret) && !text.includes('whsec_'));
    const member = await api.call('member', 'GET', '/events?after=0&limit=500');
    assert.ok(!member.body.items.some((event: { type: string }) => event.type.startsWith('company.webhook_')), 'the admins’, not every user’s');

    const before = await api.db.selectFrom('claim_events').select('id').where('type', 'in', WEBHOOK_CHANGE_EVENT_TYPES).execute();
    const { body: operators } = await create('apiKey');
    await api.call('apiKey', 'DELETE', `/webhooks/${operators.id}`);
    const afterwards = await api.db.selectFrom('claim_events').select('id').where('type', 'in', WEBHOOK_CHANGE_EVENT_TYPES).execute();
    assert.equal(afterwards.length, before.length, 'the operator’s own endpoints belong to no company’s log');
  });

  it('deletes an endpoint with its delivery log', async () => {
    const { body: endpoint } = await create('admin');
    const test = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`);
    assert.equal(test.status, 202);
    assert.equal((await api.call('admin', 'DELETE', `/webhooks/${endpoint.id}`)).status, 204);
    assert.equal((await api.call('admin', 'GET', `/webhooks/${endpoint.id}`)).status, 404);
    assert.equal((await api.call('admin', 'DELETE', `/webhooks/${endpoint.id}`)).status, 404);
    const left = await api.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpoint.id).execute();
    assert.deepEqual(left, []);
  });
});

describe('webhook tests, secrets and redeliveries, against a receiver', () => {
  let api: TestApi;
  let receiver: Receiver;
  let worker: WebhookWorker;

  before(async () => {
    api = await createTestApi({ settings: { webhookAllowHttp: true, webhookAllowPrivate: true } });
    await api.call('admin', 'GET', '/me');
    receiver = await startReceiver();
    worker = startWebhookWorker({ write: api, secretKey: KEY, policy: { allowHttp: true, allowPrivate: true }, pollMs: 20, retryDelaysMs: [30], timeoutMs: 2000 });
  });
  after(async () => {
    await worker.stop();
    await receiver.close();
    await api.close();
  });

  const endpointAt = async (path: string, eventTypes: string[] = ['*']) => {
    const res = await api.call('admin', 'POST', '/webhooks', { url: `${receiver.url}${path}`, eventTypes });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; secret: string };
  };
  const at = (path: string) => receiver.received.filter((request) => request.path === path);

  it('queues a test event, which arrives signed with the secret shown at creation', async () => {
    const endpoint = await endpointAt('/test');
    const res = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`);
    assert.equal(res.status, 202);
    assert.deepEqual([res.body.eventType, res.body.eventId, res.body.status, res.body.attempts], ['webhook.test', null, 'pending', 0]);
    await eventually('the test arrives', () => at('/test').length === 1);
    const [request] = at('/test');
    assert.equal(request!.id, res.body.id, 'its webhook-id is the delivery’s id');
    const body = new Webhook(endpoint.secret).verify(request!.body, request!.headers) as Record<string, any>;
    assert.deepEqual([body.type, body.data], ['webhook.test', { endpointId: endpoint.id }]);
  });

  it('rotates the secret: both the new and the previous one verify for 24 hours', async () => {
    const endpoint = await endpointAt('/rotate');
    const res = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/rotate-secret`);
    assert.equal(res.status, 200);
    assert.match(res.body.secret, /^whsec_/);
    assert.notEqual(res.body.secret, endpoint.secret);
    const hours = (Date.parse(res.body.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `${hours} h`);
    const listed = await api.call('admin', 'GET', `/webhooks/${endpoint.id}`);
    assert.ok(res.body.secret.startsWith(listed.body.secretPrefix));

    await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`);
    await eventually('the test arrives', () => at('/rotate').length === 1);
    const [request] = at('/rotate');
    assert.equal(request!.signature.split(' ').length, 2, 'two signatures');
    new Webhook(res.body.secret).verify(request!.body, request!.headers);
    new Webhook(endpoint.secret).verify(request!.body, request!.headers);
  });

  it('lists deliveries newest first, a page at a time, by status, each with its attempts', async () => {
    const endpoint = await endpointAt('/log');
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`)).body.id);
    await eventually('all three are delivered', async () => {
      const res = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?status=delivered`);
      return res.body.items.length === 3;
    });
    const first = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?limit=2`);
    assert.deepEqual(first.body.items.map((d: { id: string }) => d.id), [ids[2], ids[1]]);
    assert.ok(first.body.nextCursor);
    const second = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(second.body.items.map((d: { id: string }) => d.id), [ids[0]]);
    assert.equal(second.body.nextCursor, null);
    assert.deepEqual((await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries?status=failed`)).body.items, []);

    const detail = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries/${ids[0]}`);
    assert.equal(detail.status, 200);
    assert.deepEqual([detail.body.status, detail.body.lastStatusCode, detail.body.attempts.length], ['delivered', 204, 1]);
    assert.equal(detail.body.attempts[0].statusCode, 204);
    assert.equal(typeof detail.body.attempts[0].latencyMs, 'number');
    const other = await endpointAt('/other');
    assert.equal((await api.call('admin', 'GET', `/webhooks/${other.id}/deliveries/${ids[0]}`)).status, 404, 'a delivery of another endpoint');
  });

  it('redelivers one delivery: the same webhook-id and body, its attempts kept', async () => {
    const endpoint = await endpointAt('/again');
    const { body: test } = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/test`);
    await eventually('the test arrives', () => at('/again').length === 1);
    await eventually('it is marked delivered', async () => (await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries/${test.id}`)).body.status === 'delivered');
    const res = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/deliveries/${test.id}/redeliver`);
    assert.equal(res.status, 202);
    assert.deepEqual([res.body.id, res.body.status, res.body.deliveredAt], [test.id, 'pending', null]);
    await eventually('it arrives again', () => at('/again').length === 2);
    const [once, twice] = at('/again');
    assert.equal(twice!.id, once!.id);
    assert.equal(twice!.body, once!.body);
    await eventually('both attempts are in its log', async () => {
      const detail = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries/${test.id}`);
      return detail.body.status === 'delivered' && detail.body.attempts.length === 2;
    });
    assert.equal((await api.call('admin', 'POST', `/webhooks/${endpoint.id}/deliveries/msg_nope/redeliver`)).status, 404);
  });

  it('redelivers every event since a time that the endpoint receives, in event order, as new deliveries', async () => {
    const before = await api.createClaim();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = await api.createClaim();
    await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    assert.equal((await api.call('admin', 'POST', `/claims/${first.id}/accept`)).status, 200);
    const second = await api.createClaim();

    // Created after the events: it has received none of them.
    const endpoint = await endpointAt('/since', ['claim.created', 'claim.accepted']);
    const res = await api.call('admin', 'POST', `/webhooks/${endpoint.id}/redeliver`, { since });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.queued, 3);
    await eventually('the three arrive', () => at('/since').length === 3);
    const bodies = at('/since').map((request) => new Webhook(endpoint.secret).verify(request.body, request.headers) as Record<string, any>);
    assert.deepEqual(
      bodies.map((body) => [body.type, body.data.claimId]),
      [
        ['claim.created', first.id],
        ['claim.accepted', first.id],
        ['claim.created', second.id],
      ],
      'the company’s events since then, of the types subscribed to, oldest first; not the claim before, nor another company’s',
    );
    assert.ok(bodies[0]!.id < bodies[1]!.id && bodies[1]!.id < bodies[2]!.id);
    assert.ok(!bodies.some((body) => body.data.claimId === before.id));
    assert.equal(new Set(at('/since').map((request) => request.id)).size, 3, 'each a new webhook-id');

    const off = await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { enabled: false });
    assert.equal(off.status, 200);
    assert.equal((await api.call('admin', 'POST', `/webhooks/${endpoint.id}/redeliver`, { since })).status, 409);
  });

  it('fails what is pending when an endpoint is turned off', async () => {
    const endpoint = await endpointAt('/slow');
    // Due in an hour: the worker leaves it pending.
    const later = newDelivery(endpoint.id, null, '{"type":"webhook.test"}', new Date(Date.now() + 3_600_000).toISOString());
    await api.db.insertInto('webhook_deliveries').values(later).execute();
    await api.call('admin', 'PATCH', `/webhooks/${endpoint.id}`, { enabled: false });
    const detail = await api.call('admin', 'GET', `/webhooks/${endpoint.id}/deliveries/${later.id}`);
    assert.equal(detail.body.status, 'failed');
    assert.match(detail.body.lastError, /disabled/);
  });
});
