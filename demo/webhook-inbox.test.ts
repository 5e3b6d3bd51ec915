import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../api/auth/tokens.ts';
import { startServer, type RunningServer } from '../api/server.ts';
import { connectInbox, inboxRoutes, INBOX_PATH, WebhookInbox, type InboxEntry } from './webhook-inbox.ts';

// The demo's webhook inbox against a real API: connected as the demo connects it, it receives
// the company's events from the webhook worker, verifies each, and keeps what failed to verify.

const JWT_SECRET = 'inbox-test-secret-0123456789abcdef0123456789';
const API_KEY = 'inbox-test-api-key-0123456789abcdef';
const ADMIN = { sub: 'ana', company: 'ferreteria', companyName: 'Ferretería Martínez S.L.', role: 'admin', name: 'Ana Martínez', email: 'ana@ferreteria.test' } as const;

let server: RunningServer;
const inbox = new WebhookInbox();

async function api(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function openClaim(): Promise<string> {
  const { status, body } = await api('POST', '/claims', { 'X-Api-Key': API_KEY }, {
    company: { id: ADMIN.company, name: ADMIN.companyName },
    externalRef: `INC-${Math.random().toString(36).slice(2, 10)}`,
    type: 'breakage',
    goods: 'parcel',
    scope: 'national',
    carrier: 'Transportes Azkar',
    trackingNumber: 'AZK-1',
    description: 'Caja aplastada.',
    incidentAt: new Date(Date.now() - 86_400_000).toISOString(),
    declaredValue: { amountCents: 10_000, currency: 'EUR' },
    packages: 1,
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body.id as string;
}

async function arrived(check: (entry: InboxEntry) => boolean, what: string): Promise<InboxEntry> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const entry = inbox.list().find(check);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the inbox has ${JSON.stringify(inbox.list().map((e) => e.type))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the demo’s webhook inbox', () => {
  let token: string;
  const inboxUrl = () => `${server.url}${INBOX_PATH}`;

  before(async () => {
    server = await startServer({
      port: 0,
      databaseUrl: 'sqlite::memory:',
      jwtSecret: JWT_SECRET,
      apiKey: API_KEY,
      corsOrigins: [],
      webhookAllowHttp: true,
      webhookAllowPrivate: true,
      extraRoutes: (app) => app.route(INBOX_PATH, inboxRoutes(inbox)),
    });
    token = await signUserToken(JWT_SECRET, ADMIN, 600);
  });
  after(() => server?.close());

  it('receives the company’s events, each verified with the endpoint’s secret', async () => {
    inbox.useSecret(await connectInbox(`${server.url}/api/v1`, token, inboxUrl()));
    const claimId = await openClaim();
    const entry = await arrived((e) => e.type === 'claim.created', 'claim.created');
    assert.equal(entry.verified, true, entry.problem ?? '');
    assert.equal(entry.problem, null);
    assert.match(entry.headers['webhook-id']!, /\S/);
    assert.match(entry.headers['webhook-signature']!, /^v1,/);
    assert.match(entry.headers['content-type']!, /^application\/json/);
    assert.equal(entry.id, entry.headers['webhook-id']);
    assert.equal(JSON.stringify(entry.body).includes(claimId), true, 'the body names the claim');
    const { body } = await api('GET', '/webhooks', { Authorization: `Bearer ${token}` });
    const delivery = (await api('GET', `/webhooks/${body.items[0].id}/deliveries`, { Authorization: `Bearer ${token}` })).body.items[0];
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.lastStatusCode, 200);
  });

  it('keeps a delivery that does not verify, and refuses it with 401', async () => {
    const res = await fetch(inboxUrl(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,bm90IHRoZSBzaWduYXR1cmU=',
      },
      body: JSON.stringify({ type: 'claim.created', data: {} }),
    });
    assert.equal(res.status, 401);
    const entry = inbox.list()[0]!;
    assert.equal(entry.id, 'msg_forged');
    assert.equal(entry.verified, false);
    assert.match(entry.problem!, /signature/i);
  });

  it('connects the same endpoint again on a restart (another port too), with a secret that verifies', async () => {
    const before = (await api('GET', '/webhooks', { Authorization: `Bearer ${token}` })).body.items;
    inbox.useSecret(await connectInbox(`${server.url}/api/v1`, token, `${inboxUrl()}?restarted=1`));
    const after = (await api('GET', '/webhooks', { Authorization: `Bearer ${token}` })).body.items;
    assert.equal(after.length, 1, 'no second endpoint');
    assert.equal(after[0].id, before[0].id);
    assert.equal(after[0].url, `${inboxUrl()}?restarted=1`);
    const claimId = await openClaim();
    const entry = await arrived((e) => e.type === 'claim.created' && JSON.stringify(e.body).includes(claimId), 'the next claim.created');
    assert.equal(entry.verified, true, entry.problem ?? '');
  });

  it('counts a redelivery of the same webhook-id', async () => {
    const endpoint = (await api('GET', '/webhooks', { Authorization: `Bearer ${token}` })).body.items[0];
    const delivered = (await api('GET', `/webhooks/${endpoint.id}/deliveries?status=delivered`, { Authorization: `Bearer ${token}` })).body.items[0];
    assert.equal((await api('POST', `/webhooks/${endpoint.id}/deliveries/${delivered.id}/redeliver`, { Authorization: `Bearer ${token}` })).status, 202);
    const again = await arrived((e) => e.id === delivered.id && e.times === 2, 'the redelivery');
    assert.equal(again.verified, true);
  });
});
