import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../server.ts';
import { API_KEY, JWT_SECRET, USERS } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { signUserToken } from '../auth/tokens.ts';

// A host page on https://host.test calls the API from the browser: what its fetches rely on,
// over real HTTP (the answers go through @hono/node-server as in production).
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

const get = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });
const preflight = (path: string, origin: string) =>
  fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });

describe('CORS for host pages (CORS_ORIGINS)', () => {
  it('answers a preflight from an allowed origin with what it may send, on any path', async () => {
    for (const path of ['/api/v1/claims', '/api/v1/claims/clm_x/messages', '/api/v1/nowhere']) {
      const res = await preflight(path, 'https://host.test');
      assert.equal(res.status, 204, path);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://host.test');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization.*Content-Type.*X-Api-Key.*Last-Event-ID.*If-Match.*If-None-Match/);
      assert.equal(res.headers.get('access-control-max-age'), '600');
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('gives another origin no permission, on a preflight or an answer', async () => {
    const res = await preflight('/api/v1/claims', 'https://evil.test');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const answer = await get('/api/v1/claims', { Origin: 'https://evil.test', Authorization: `Bearer ${token}` });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.equal(answer.headers.get('access-control-expose-headers'), null);
    assert.match(answer.headers.get('vary') ?? '', /Origin/);
  });

  it('lets an allowed page read answers, errors included, and the headers it needs', async () => {
    for (const [path, status] of [
      ['/api/v1/claims', 200],
      ['/api/v1/claims/clm_missing', 404],
      ['/api/v1/nowhere', 404],
    ] as const) {
      const res = await get(path, { Origin: 'https://host.test', Authorization: `Bearer ${token}` });
      assert.equal(res.status, status, path);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://host.test', path);
      assert.deepEqual(
        (res.headers.get('access-control-expose-headers') ?? '').split(','),
        ['X-Request-Id', 'Content-Disposition', 'ETag', 'Retry-After', 'WWW-Authenticate', 'Location', 'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Upload-Offset', 'Upload-Length', 'Upload-Expires'],
        path,
      );
      assert.match(res.headers.get('vary') ?? '', /Origin/, path);
      // The security headers are still on every answer.
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.ok(res.headers.get('x-request-id'), path);
      await res.arrayBuffer();
    }
  });

  it('marks the live stream and the widget bundle for the page too', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/events`, {
      headers: { Origin: 'https://host.test', Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('access-control-allow-origin'), 'https://host.test');
    controller.abort();
    const bundle = await get('/widget/claimdesk.js', { Origin: 'https://host.test' });
    assert.ok(bundle.status === 200 || bundle.status === 404, `bundle: ${bundle.status}`);
    assert.equal(bundle.headers.get('access-control-allow-origin'), 'https://host.test');
    await bundle.arrayBuffer();
  });
});
