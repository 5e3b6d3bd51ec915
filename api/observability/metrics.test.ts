import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { API_KEY, claimInput, createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { checkedFetch } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';

// What a Prometheus scraper reads of a real server: only with the operator's token (or on a port
// of its own), counts that follow the traffic, the live streams as they open and close, and the
// outboxes as they fill and their sends fail — on both engines.

const TOKEN = 'metrics-token-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a text exposition (label values here never hold a quote or a space). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText = '', value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, v]) => [key!, v!]));
      return { name: name!, labels, value: Number(value) };
    });
}

/** The sum of the samples named `name` whose labels include `labels`; undefined when there are none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const matching = samples.filter((s) => s.name === name && Object.entries(labels).every(([key, v]) => s.labels[key] === v));
  return matching.length === 0 ? undefined : matching.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(url: string, token: string | null = TOKEN): Promise<Sample[]> {
  const res = await fetch(url, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

/** Scrapes until `holds` says the samples show what is awaited (the workers and the feed run on their own). */
async function scrapeUntil(url: string, what: string, holds: (samples: Sample[]) => boolean): Promise<Sample[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const samples = await scrape(url);
    if (holds(samples)) return samples;
    if (Date.now() > deadline) throw new Error(`the metrics never showed ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A port nothing listens on: the SMTP server and the webhook receiver that are down. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /metrics with METRICS_TOKEN and METRICS_PORT', () => {
  let server: RunningServer;
  let databaseUrl: string;
  let metricsUrl: string;
  let downPort: number;
  const bearer = (who: keyof typeof USERS) => signUserToken(JWT_SECRET, USERS[who]).then((token) => ({ Authorization: `Bearer ${token}` }));

  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    downPort = await closedPort();
    server = await startServer({
      port: 0,
      databaseUrl,
      jwtSecret: JWT_SECRET,
      apiKey: API_KEY,
      corsOrigins: [],
      heartbeatMs: 60_000,
      metricsToken: TOKEN,
      metricsPort: 0,
      // Emails wait in the outbox until the test lets the worker at them, towards an SMTP server that is down.
      holdMail: true,
      smtpUrl: `smtp://127.0.0.1:${downPort}`,
      webhookAllowHttp: true,
      webhookAllowPrivate: true,
    });
    metricsUrl = `${server.url}/metrics`;
  });
  after(async () => {
    await server.close();
    await dropTestDatabase(databaseUrl);
  });

  it('answers 401 without the token or with another, on the API’s port and on its own', async () => {
    for (const url of [metricsUrl, server.metricsUrl!]) {
      const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong-token-0123456789abcdef' }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: TOKEN }];
      for (const headers of attempts) {
        const res = await fetch(url, { headers });
        assert.equal(res.status, 401, `${url} ${JSON.stringify(headers)}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        assert.match(((await res.json()) as { detail: string }).detail, /METRICS_TOKEN/);
      }
    }
    assert.ok((await scrape(server.metricsUrl!)).length > 0);
  });

  it('serves nothing but the metrics on METRICS_PORT', async () => {
    assert.equal((await fetch(server.metricsUrl!.replace('/metrics', '/api/v1/health'))).status, 404);
  });

  it('counts requests by route pattern and status, and times them', async () => {
    const route = { route: '/api/v1/claims/:id', status: '404' };
    const before = await scrape(metricsUrl);
    const headers = { 'X-Api-Key': API_KEY };
    for (const id of ['clm_a', 'clm_b', 'clm_c']) assert.equal((await checkedFetch(`${server.url}/api/v1/claims/${id}`, { headers })).status, 404);
    const after = await scrape(metricsUrl);
    assert.equal(valueOf(after, 'http_requests_total', { method: 'GET', ...route }), (valueOf(before, 'http_requests_total', { method: 'GET', ...route }) ?? 0) + 3);
    const timed = { method: 'GET', route: route.route, status_class: '4xx' };
    assert.equal(valueOf(after, 'http_request_duration_seconds_count', timed), (valueOf(before, 'http_request_duration_seconds_count', timed) ?? 0) + 3);
    assert.ok(!after.some((s) => s.labels.route?.includes('clm_')), 'a series per route, never per id');
    // Node's own: event-loop delay, heap, CPU.
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'process_cpu_seconds_total']) assert.notEqual(valueOf(after, name), undefined, name);
  });

  it('shows live streams as they open and close, and a feed that keeps up', async () => {
    const before = valueOf(await scrape(metricsUrl), 'claimdesk_live_streams')!;
    const stream = readSse(await checkedFetch(`${server.url}/api/v1/events`, { headers: await bearer('admin') }));
    await stream.until(() => stream.messages.length > 0);
    assert.equal(valueOf(await scrape(metricsUrl), 'claimdesk_live_streams'), before + 1);
    await stream.close();
    await scrapeUntil(metricsUrl, 'the stream closed', (samples) => valueOf(samples, 'claimdesk_live_streams') === before);
    await scrapeUntil(metricsUrl, 'no feed lag', (samples) => valueOf(samples, 'claimdesk_live_feed_lag_events') === 0);
  });

  it('shows emails and webhook deliveries waiting in the outboxes, and counts their failed sends', async () => {
    // The admin exists (and gets claims by email), and has an endpoint whose receiver is down.
    const admin = await bearer('admin');
    await checkedFetch(`${server.url}/api/v1/me`, { headers: admin });
    const endpoint = await checkedFetch(`${server.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${downPort}/hooks`, eventTypes: ['*'] }),
    });
    assert.equal(endpoint.status, 201);
    const before = await scrape(metricsUrl);
    assert.equal(valueOf(before, 'claimdesk_email_outbox_pending', { template: 'message' }), 0, 'every template has its series, 0 while none waits');

    const opened = await checkedFetch(`${server.url}/api/v1/claims`, { method: 'POST', headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(claimInput()) });
    assert.equal(opened.status, 201);
    const waiting = await scrapeUntil(metricsUrl, 'the delivery failing', (samples) => (valueOf(samples, 'claimdesk_webhook_send_failures_total') ?? 0) >= 1);
    const emailsWaiting = valueOf(waiting, 'claimdesk_email_outbox_pending', { template: 'claim_created' })!;
    assert.ok(emailsWaiting >= 1, `the claim's email waits: ${emailsWaiting}`);
    assert.ok(valueOf(waiting, 'claimdesk_email_outbox_oldest_pending_seconds', { template: 'claim_created' })! >= 0);
    assert.ok(valueOf(waiting, 'claimdesk_webhook_deliveries_pending')! >= 1, 'the failed delivery waits for its retry');
    assert.ok(valueOf(waiting, 'claimdesk_webhook_oldest_pending_seconds')! >= 0);

    server.startMail();
    const failed = await scrapeUntil(metricsUrl, 'the email failing', (samples) => (valueOf(samples, 'claimdesk_email_send_failures_total', { template: 'claim_created' }) ?? 0) >= 1);
    assert.equal(valueOf(failed, 'claimdesk_email_outbox_pending', { template: 'claim_created' }), emailsWaiting, 'a failed email waits for its retry');
  });
});

describe('metrics without a token', () => {
  it('serves them on METRICS_PORT alone, and not on the API’s port', async () => {
    const databaseUrl = await createTestDatabaseUrl();
    const server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], metricsPort: 0 });
    try {
      assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
      assert.ok(valueOf(await scrape(server.metricsUrl!, null), 'claimdesk_live_streams') !== undefined);
    } finally {
      await server.close();
      await dropTestDatabase(databaseUrl);
    }
  });

  it('keeps none when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const api = await createTestApi();
    try {
      assert.equal((await api.app.request('/metrics')).status, 404);
    } finally {
      await api.close();
    }
  });
});
