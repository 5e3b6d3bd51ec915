import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { startReceiver } from '../testing/webhooks.ts';
import { destinationProblem, isPublicAddress, sendWebhook, type DestinationPolicy } from './destination.ts';

// Where a webhook may go (SSRF) and how one is sent: against a real receiver on 127.0.0.1, which
// only the test's own policy lets through.

const STRICT: DestinationPolicy = { allowHttp: false, allowPrivate: false };
const LOCAL: DestinationPolicy = { allowHttp: true, allowPrivate: true };

const send = (url: string, policy: DestinationPolicy = LOCAL, timeoutMs = 2000) =>
  sendWebhook({ url, headers: { 'Content-Type': 'application/json' }, body: '{"type":"webhook.test"}', policy, timeoutMs, maxResponseBytes: 64 * 1024, excerptBytes: 1024 });

describe('webhook destinations', () => {
  it('take https only, unless http is allowed', () => {
    assert.equal(destinationProblem('https://erp.example.com/hooks', STRICT), null);
    assert.match(destinationProblem('http://erp.example.com/hooks', STRICT)!, /must start with https:\/\//);
    assert.equal(destinationProblem('http://erp.example.com/hooks', { ...STRICT, allowHttp: true }), null);
    assert.match(destinationProblem('ftp://erp.example.com/', { ...STRICT, allowHttp: true })!, /https:\/\/ or http:\/\//);
    assert.match(destinationProblem('not a url', STRICT)!, /not valid/);
    assert.match(destinationProblem('https://user:pass@erp.example.com/', STRICT)!, /no user name or password/);
  });

  it('refuse private, loopback, link-local, unique-local and metadata addresses, unless allowed', () => {
    for (const host of ['10.1.2.3', '127.0.0.1', '127.8.0.1', '169.254.169.254', '172.16.0.1', '192.168.1.1', '100.64.0.1', '0.0.0.0', '[::1]', '[fc00::1]', '[fd00:ec2::254]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:a9fe:a9fe]', '2130706433', 'localhost', 'api.localhost']) {
      assert.ok(destinationProblem(`https://${host}/hooks`, STRICT), `${host} is refused`);
      assert.equal(destinationProblem(`https://${host}/hooks`, { ...STRICT, allowPrivate: true }), null, `${host} is allowed when private ones are`);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.ok(isPublicAddress(address), `${address} is public`);
    for (const address of ['10.0.0.1', '169.254.169.254', '::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '224.0.0.1']) assert.ok(!isPublicAddress(address), `${address} is not`);
  });

  it('refuse a name that resolves to an address that is not public, and do not connect', async (t) => {
    // This machine's own name resolves to its own (private or loopback) address.
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || addresses.some((entry) => isPublicAddress(entry.address))) return t.skip(`${name} does not resolve to a private address here`);
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const answer = await send(`http://${name}:${new URL(receiver.url).port}/`, { allowHttp: true, allowPrivate: false });
    assert.equal(answer.ok, false);
    assert.match(answer.error!, /is not a public internet address/);
    assert.equal(receiver.received.length, 0);
  });

  it('count only a 2xx as taken, follow no redirect, cut an answer past the cap, and give up on one that never comes', async (t) => {
    const receiver = await startReceiver((request, response) => {
      switch (request.path) {
        case '/created':
          return response.writeHead(201).end('{"ok":true}');
        case '/missing':
          return response.writeHead(404).end('no such hook');
        case '/moved':
          return response.writeHead(302, { Location: '/created' }).end();
        case '/endless': {
          // 200, then a body that never ends: it must be cut, not waited for.
          response.writeHead(200, { 'Content-Type': 'text/plain' });
          const chunk = Buffer.alloc(16 * 1024, 'x');
          const timer = setInterval(() => response.write(chunk), 1);
          response.on('close', () => clearInterval(timer));
          return;
        }
        case '/silent':
          return; // never answers
      }
    });
    t.after(() => receiver.close());

    const created = await send(`${receiver.url}/created`);
    assert.deepEqual({ ok: created.ok, statusCode: created.statusCode, excerpt: created.excerpt, error: created.error }, { ok: true, statusCode: 201, excerpt: '{"ok":true}', error: null });

    const missing = await send(`${receiver.url}/missing`);
    assert.deepEqual({ ok: missing.ok, statusCode: missing.statusCode, error: missing.error, excerpt: missing.excerpt }, { ok: false, statusCode: 404, error: 'answered 404', excerpt: 'no such hook' });

    const moved = await send(`${receiver.url}/moved`);
    assert.equal(moved.ok, false);
    assert.equal(moved.statusCode, 302);
    assert.match(moved.error!, /redirects are not followed/);
    assert.deepEqual(receiver.received.map((r) => r.path), ['/created', '/missing', '/moved'], 'the redirect was not followed');

    const endless = await send(`${receiver.url}/endless`, LOCAL, 5000);
    assert.equal(endless.ok, true);
    assert.ok(endless.latencyMs < 5000, `cut at the cap, not at the deadline (${endless.latencyMs} ms)`);
    assert.equal(endless.excerpt!.length, 1024, 'the delivery log keeps 1 KB');

    const silent = await send(`${receiver.url}/silent`, LOCAL, 300);
    assert.deepEqual({ ok: silent.ok, statusCode: silent.statusCode, error: silent.error }, { ok: false, statusCode: null, error: 'no answer within 300 ms' });
    assert.ok(silent.latencyMs >= 300 && silent.latencyMs < 1000);

    const refused = await send(`${receiver.url}/created`, STRICT);
    assert.equal(refused.ok, false);
    assert.match(refused.error!, /https:\/\//);
    const nobody = await send('http://127.0.0.1:9/', LOCAL);
    assert.equal(nobody.ok, false);
    assert.match(nobody.error!, /could not reach 127\.0\.0\.1:9/);
  });
});
