import assert from 'node:assert/strict';
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { SseConnection } from './sse-connection.ts';
import { API_KEY, JWT_SECRET, USERS } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';
import { readSse } from '../testing/sse.ts';

// The live stream is written straight on Node's response (api/http/direct-body.ts): its head is
// still the one every answer gets from the middleware, and a HEAD opens no stream.
describe('the live stream’s response', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  let server: RunningServer;
  let databaseUrl: string;
  let token: string;
  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: ['https://host.test'] });
    token = await signUserToken(JWT_SECRET, USERS.admin);
  });
  after(async () => {
    await server.close();
    await dropTestDatabase(databaseUrl);
  });

  it('answers HEAD with the head alone and opens no stream', async () => {
    // A kept-alive connection: a stream the HEAD had opened would stay open on it.
    const agent = new http.Agent({ keepAlive: true });
    const head = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(`${server.url}/api/v1/events`, { method: 'HEAD', agent, headers: { Authorization: `Bearer ${token}` } }, resolve);
      req.on('error', reject);
      req.end();
    });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'text/event-stream');
    // A fence: once a stream opened after it has joined the feed, one the HEAD had opened would have too.
    const sse = readSse(await fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } }));
    await sse.until(() => sse.messages.length > 0);
    assert.equal(server.deps.feed.size, 1);
    await sse.close();
    agent.destroy();
  });

  it('never joins the feed with a stream whose client left before its head went out', async () => {
    const left = new PassThrough();
    left.destroy();
    const stream = new SseConnection({ companyId: 'left-early', userId: null, isAdmin: true }, null, left);
    await server.deps.feed.attach(stream, null);
    assert.ok(stream.ended);
    assert.equal(server.deps.feed.disconnectAll('left-early'), 0, 'no stream of its company is open');
  });

  it('carries the request id, CORS and the security headers beside its own, and nothing of how it is written', async () => {
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { Origin: 'https://host.test', Authorization: `Bearer ${token}`, 'X-Request-Id': 'stream-1' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('x-accel-buffering'), 'no');
    assert.equal(res.headers.get('vary'), 'Accept, Origin');
    assert.equal(res.headers.get('x-request-id'), 'stream-1');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://host.test');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-hono-already-sent'), null);
    const sse = readSse(res);
    await sse.until(() => sse.messages.some((m) => m.retry === 3000));
    await sse.close();
  });
});
