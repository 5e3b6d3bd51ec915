import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createTestApi } from '../testing/harness.ts';
import { eventually, seedEndpoint, startReceiver, type Receiver } from '../testing/webhooks.ts';
import { deriveWebhookSecretKey, newWebhookSecret, sealSecret } from './secrets.ts';
import { signedHeaders } from './signature.ts';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './worker.ts';

// The webhook worker against a real receiver (node:http on 127.0.0.1): what it signs, in what
// order it delivers, how it retries and gives up, and whose events go where.

const KEY = deriveWebhookSecretKey('webhook-test-key-0123456789abcdef0123');
const LOCAL = { allowHttp: true, allowPrivate: true };

describe('webhook deliveries', () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let receiver: Receiver;
  let worker: WebhookWorker | undefined;

  const start = (options: Partial<WebhookWorkerOptions> = {}) =>
    (worker = startWebhookWorker({ write: api, secretKey: KEY, policy: LOCAL, pollMs: 20, retryDelaysMs: [30], timeoutMs: 2000, ...options }));

  /** What the receiver took (answered 2xx), by webhook-id, in the order it took them. */
  const bodies = (path = '/') => receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body));

  before(async () => {
    api = await createTestApi();
    // The companies and their admins exist: what a company's endpoint is seeded for.
    await api.call('admin', 'GET', '/me');
    await api.call('otherAdmin', 'GET', '/me');
  });
  beforeEach(async () => {
    receiver = await startReceiver();
    // Each test starts with no endpoint and nothing queued.
    await api.db.deleteFrom('webhook_endpoints').execute();
  });
  after(async () => {
    await api.close();
  });
  const stop = async () => {
    await worker?.stop();
    worker = undefined;
    await receiver.close();
  };

  it('sends the event as the stream has it with the claim as it is now, signed so standardwebhooks verifies it — and refuses it changed', async (t) => {
    t.after(stop);
    const { secret } = await seedEndpoint(api.db, KEY, { url: `${receiver.url}/`, companyId: 'ferreteria' });
    start();
    const claim = await api.createClaim();
    const delivered = async () => (await api.db.selectFrom('webhook_deliveries').select('status').executeTakeFirst())?.status === 'delivered';
    await eventually('the claim.created delivery is delivered', delivered);
    const [request] = receiver.received;

    const verifier = new Webhook(secret);
    const body = verifier.verify(request!.body, request!.headers) as Record<string, any>;
    const feed = await api.call('apiKey', 'GET', '/events?after=0');
    const event = feed.body.items.find((e: { type: string; claimId: string }) => e.type === 'claim.created' && e.claimId === claim.id);
    assert.deepEqual({ id: body.id, type: body.type, at: body.at }, { id: event.id, type: 'claim.created', at: event.at });
    assert.deepEqual(body.data, event, 'data is the event exactly as the stream and the change feed give it');
    // The receiver is a company's: the carrier's liability limit, the operator's own, stays out.
    const { liabilityLimit, ...read } = (await api.call('apiKey', 'GET', `/claims/${claim.id}`)).body;
    assert.ok(liabilityLimit, 'the operator’s key reads a limit');
    assert.deepEqual(body.claim, read, 'the claim as the operator’s key reads it, but for the limit');
    assert.equal(request!.headers['content-type'], 'application/json');
    const row = await api.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.equal(request!.id, row.id, 'webhook-id is the delivery’s id');
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_status_code, 204);

    const changed = { ...request!.headers };
    assert.throws(() => verifier.verify(request!.body.replace('claim.created', 'claim.accepted'), changed), /No matching signature/, 'a changed body');
    assert.throws(() => verifier.verify(request!.body, { ...changed, 'webhook-id': `${request!.id}x` }), /No matching signature/, 'a changed id');
    assert.throws(() => verifier.verify(request!.body, { ...changed, 'webhook-timestamp': String(Number(request!.timestamp) - 1) }), /No matching signature/, 'a changed timestamp');
    assert.throws(() => new Webhook(newWebhookSecret()).verify(request!.body, changed), /No matching signature/, 'another secret');
    const old = new Date(Date.now() - 6 * 60_000);
    assert.throws(() => verifier.verify(request!.body, signedHeaders(request!.id, old, request!.body, [secret])), /too old/, 'a timestamp past the tolerance');
  });

  it('signs with the previous secret too while it is valid after a rotation, and then no more', async (t) => {
    t.after(stop);
    const { id, secret: previous } = await seedEndpoint(api.db, KEY, { url: `${receiver.url}/`, companyId: 'ferreteria' });
    const secret = newWebhookSecret();
    const rotate = (expiresAt: string) =>
      api.db
        .updateTable('webhook_endpoints')
        .set({ secret_ciphertext: sealSecret(secret, KEY), previous_secret_ciphertext: sealSecret(previous, KEY), previous_secret_expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    await rotate(new Date(Date.now() + 60_000).toISOString());
    start();
    await api.createClaim();
    await eventually('the delivery arrives', () => receiver.received.length === 1);
    const during = receiver.received[0]!;
    assert.equal(during.signature.split(' ').length, 2);
    new Webhook(secret).verify(during.body, during.headers);
    new Webhook(previous).verify(during.body, during.headers);

    await rotate(new Date(Date.now() - 1000).toISOString());
    await api.createClaim();
    await eventually('the next delivery arrives', () => receiver.received.length === 2);
    const later = receiver.received[1]!;
    assert.equal(later.signature.split(' ').length, 1);
    new Webhook(secret).verify(later.body, later.headers);
    assert.throws(() => new Webhook(previous).verify(later.body, later.headers), /No matching signature/);
  });

  it('retries a receiver that answers 500 three times, and it takes every delivery once, in event order, one at a time', async (t) => {
    t.after(stop);
    let refusals = 3;
    let open = 0;
    let mostAtOnce = 0;
    const taken: string[] = [];
    receiver.handle((request, response) => {
      open++;
      mostAtOnce = Math.max(mostAtOnce, open);
      setTimeout(() => {
        open--;
        if (refusals > 0) {
          refusals--;
          return response.writeHead(500).end('not now');
        }
        taken.push(request.id);
        response.writeHead(200).end('ok');
      }, 5);
    });
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/`, companyId: 'ferreteria' });
    start();
    for (let i = 0; i < 6; i++) await api.createClaim();
    const queued = await api.db.selectFrom('webhook_deliveries').select(['id', 'event_id']).orderBy('id').execute();
    assert.equal(queued.length, 6);
    await eventually('every delivery is taken', () => taken.length === 6);
    await worker!.stop();

    assert.deepEqual(taken, queued.map((row) => row.id), 'each webhook-id taken once, in the order queued');
    const eventIds = taken.map((id) => JSON.parse(receiver.received.find((r) => r.id === id)!.body).id as number);
    assert.deepEqual(eventIds, [...eventIds].sort((a, b) => a - b), 'in event order');
    assert.equal(mostAtOnce, 1, 'an endpoint gets one delivery at a time');
    const first = await api.db.selectFrom('webhook_attempts').select(['status_code']).where('delivery_id', '=', queued[0]!.id).orderBy('at').execute();
    assert.deepEqual(first.map((a) => a.status_code), [500, 500, 500, 200]);
    const rows = await api.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.status), Array(6).fill('delivered'));
    assert.equal(rows[0]!.attempts, 4);
    const endpoint = await api.db.selectFrom('webhook_endpoints').select('failing_since').executeTakeFirstOrThrow();
    assert.equal(endpoint.failing_since, null, 'failing no more once it answered');
  });

  it('disables an endpoint that answers 410 Gone, gives up what is pending, and records it for the company', async (t) => {
    t.after(stop);
    receiver.handle((_request, response) => response.writeHead(410).end('gone'));
    const { id } = await seedEndpoint(api.db, KEY, { url: `${receiver.url}/`, companyId: 'ferreteria' });
    await api.createClaim();
    await api.createClaim();
    start();
    await eventually('the endpoint is disabled', async () => (await api.db.selectFrom('webhook_endpoints').select('enabled').executeTakeFirstOrThrow()).enabled === 0);
    const endpoint = await api.db.selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.equal(endpoint.disabled_reason, 'gone');
    assert.ok(endpoint.disabled_at);
    assert.equal(receiver.received.length, 1, 'nothing more is sent once it said 410');
    const statuses = await api.db.selectFrom('webhook_deliveries').select('status').execute();
    assert.deepEqual(statuses.map((s) => s.status), ['failed', 'failed']);

    const feed = await api.call('admin', 'GET', '/events?after=0');
    const disabled = feed.body.items.find((e: { type: string }) => e.type === 'company.webhook_disabled');
    assert.ok(disabled, 'the company’s admins see it in the log');
    assert.deepEqual(
      { id: disabled.data.webhook.id, reason: disabled.data.webhook.reason, actor: disabled.actor.kind },
      { id, reason: 'gone', actor: 'system' },
    );
    await api.createClaim();
    assert.equal(await api.db.selectFrom('webhook_deliveries').select('id').execute().then((rows) => rows.length), 2, 'a disabled endpoint gets nothing queued');

    const notifications = await api.call('admin', 'GET', '/notifications');
    const told = notifications.body.items.filter((n: { kind: string }) => n.kind === 'webhook_disabled');
    assert.equal(told.length, 1, 'the admin is told in the customer area');
    assert.deepEqual(
      { claimId: told[0].claimId, claimReference: told[0].claimReference, webhook: told[0].data.webhook },
      { claimId: null, claimReference: null, webhook: { id, url: `${receiver.url}/`, description: 'test receiver', reason: 'gone' } },
    );
    const emails = await api.db.selectFrom('email_outbox').innerJoin('users', 'users.id', 'email_outbox.user_id').select(['users.email', 'users.role']).where('template', '=', 'webhook_disabled').execute();
    assert.deepEqual(emails, [{ email: 'ana@ferreteria.test', role: 'admin' }], 'and by email; the other company’s admin is not');
    const read = await api.call('admin', 'POST', '/notifications/read', { ids: [told[0].id] });
    assert.equal(read.status, 200);
    const after = await api.call('admin', 'GET', '/notifications');
    assert.equal(after.body.items.find((n: { id: string }) => n.id === told[0].id).read, true, 'read by its id, like any other');
  });

  it('disables an endpoint that has failed for longer than the give-up time', async (t) => {
    t.after(stop);
    receiver.handle((_request, response) => response.writeHead(503).end());
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/`, companyId: 'ferreteria' });
    await api.createClaim();
    start({ giveUpAfterMs: 300 });
    await eventually('the endpoint is disabled', async () => (await api.db.selectFrom('webhook_endpoints').select('enabled').executeTakeFirstOrThrow()).enabled === 0);
    const endpoint = await api.db.selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.equal(endpoint.disabled_reason, 'failing');
    assert.ok(endpoint.failing_since);
    assert.ok(receiver.received.length > 2, 'it was tried again meanwhile');
    const delivery = await api.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.equal(delivery.status, 'failed');
    assert.equal(delivery.attempts, receiver.received.length);
    assert.equal(delivery.last_status_code, 503);
  });

  it('sends nothing unsigned when the secret was sealed under another WEBHOOK_SECRET_KEY, and says to rotate it', async (t) => {
    t.after(stop);
    await seedEndpoint(api.db, deriveWebhookSecretKey('another-key-0123456789abcdef0123456789'), { url: `${receiver.url}/`, companyId: 'ferreteria' });
    await api.createClaim();
    start();
    await eventually('the attempt is recorded', async () => (await api.db.selectFrom('webhook_attempts').select('id').execute()).length > 0);
    const attempt = await api.db.selectFrom('webhook_attempts').selectAll().executeTakeFirstOrThrow();
    assert.match(attempt.error!, /WEBHOOK_SECRET_KEY changed.*Rotate/);
    assert.equal(receiver.received.length, 0);
  });

  it('keeps delivering to other endpoints while one never answers', async (t) => {
    t.after(stop);
    const hanging: Array<() => void> = [];
    receiver.handle((request, response) => {
      if (request.path === '/silent') hanging.push(() => response.destroy());
      else response.writeHead(204).end();
    });
    t.after(() => hanging.forEach((end) => end()));
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/silent`, companyId: 'ferreteria' });
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/ok`, companyId: 'ferreteria' });
    start({ timeoutMs: 1500, concurrency: 2 });
    for (let i = 0; i < 5; i++) await api.createClaim();
    await eventually('every delivery reaches the endpoint that answers', () => bodies('/ok').length === 5, 1200);
    assert.equal(receiver.received.filter((r) => r.path === '/silent').length, 1, 'the silent one is still on its first');
    await eventually('the silent one’s attempt times out', async () => {
      const attempt = await api.db.selectFrom('webhook_attempts').select('error').where('error', 'is not', null).executeTakeFirst();
      return attempt?.error?.startsWith('no answer within 1500 ms') ?? false;
    });
  });

  it('sends each company’s endpoints their company’s claim events only, the operator’s every company’s, each the types it chose', async (t) => {
    t.after(stop);
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/ferreteria`, companyId: 'ferreteria' });
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/textiles`, companyId: 'textiles' });
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/operator`, companyId: null });
    await seedEndpoint(api.db, KEY, { url: `${receiver.url}/accepted`, companyId: 'ferreteria', eventTypes: ['claim.accepted'] });
    start();
    const ours = await api.createClaim();
    const theirs = await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    await api.call('admin', 'POST', `/claims/${ours.id}/accept`);
    await api.call('otherAdmin', 'POST', `/claims/${theirs.id}/accept`);
    // Settings of the company and of its people: for its admins, not for its integrations.
    assert.equal((await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app_and_email' })).status, 200);
    await api.call('member', 'GET', '/me');
    await api.grantAccess('member');

    await eventually('the operator’s endpoint has all four claim events', () => bodies('/operator').length === 4);
    await eventually('the companies’ endpoints have theirs', () => bodies('/ferreteria').length === 2 && bodies('/textiles').length === 2 && bodies('/accepted').length === 1);
    const claimsOf = (path: string) => bodies(path).map((b) => `${b.type} ${b.data.claimId}`);
    assert.deepEqual(claimsOf('/ferreteria'), [`claim.created ${ours.id}`, `claim.accepted ${ours.id}`]);
    assert.deepEqual(claimsOf('/textiles'), [`claim.created ${theirs.id}`, `claim.accepted ${theirs.id}`]);
    assert.deepEqual(claimsOf('/accepted'), [`claim.accepted ${ours.id}`]);
    assert.deepEqual(new Set(claimsOf('/operator')), new Set([...claimsOf('/ferreteria'), ...claimsOf('/textiles')]));
    for (const body of bodies('/textiles')) assert.equal(body.claim.companyId, 'textiles');
    const users = await api.db.selectFrom('users').select('email').execute();
    for (const request of receiver.received) {
      for (const { email } of users) assert.ok(!request.body.includes(email), 'no person’s settings leave in a webhook');
    }
  });
});
