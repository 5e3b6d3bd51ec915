import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../server.ts';
import { createTestApi, API_KEY, JWT_SECRET, type Caller } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { checkAnswer, checkedFetch } from '../testing/openapi-check.ts';
import { signUserToken } from '../auth/tokens.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A body of `total` bytes made as it is read, 64 KiB at a time: `pulled` says how much was. */
function generatedBody(total: number) {
  const chunk = new Uint8Array(CHUNK).fill('a'.charCodeAt(0));
  const progress = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (progress.pulled >= total) return controller.close();
      progress.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, progress };
}

function assertProblem(res: { status: number; headers: Headers; body: any }, status: number, detail?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.status, status);
  if (detail) assert.match(res.body.detail, detail);
}

describe('request bodies', () => {
  let api: TestApi;
  let claimId: string;
  before(async () => {
    api = await createTestApi({ settings: { maxJsonBytes: 4096 } });
    claimId = (await api.createClaim()).id;
  });
  after(() => api.close());

  it('refuses a JSON body over MAX_JSON_BYTES with a 413 that says the limit', async () => {
    const res = await api.call('admin', 'POST', `/claims/${claimId}/decline`, { reason: 'x'.repeat(5000) });
    assertProblem(res, 413, /4 KiB \(4096 bytes\).*MAX_JSON_BYTES/);
    assert.equal(res.body.maxBytes, 4096);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { stream, progress } = generatedBody(100 * MiB);
    const res = await api.app.request(`/api/v1/claims/${claimId}/decline`, {
      method: 'POST',
      headers: { ...(await api.headersFor('admin')), 'Content-Type': 'application/json', 'Content-Length': String(100 * MiB) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.ok(progress.pulled <= 2 * CHUNK, `read ${progress.pulled} bytes`);
  });

  it('answers a member without claims access 403 before reading the body', async () => {
    const { stream, progress } = generatedBody(100 * MiB);
    const res = await api.app.request(`/api/v1/claims/${claimId}/decline`, {
      method: 'POST',
      headers: { ...(await api.headersFor('memberWithoutAccess')), 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { detail: string }).detail, /administrator/);
    assert.ok(progress.pulled <= 4 * CHUNK, `read ${progress.pulled} bytes of a body it should not have read`);
  });

  for (const [caller, path] of [
    ['admin', '/claims'],
    ['admin', '/claims/:id/transitions'],
    ['handler', '/claims/:id/decline'],
    ['member', '/users/:id'],
    ['admin', '/companies/ferreteria/users/someone'],
  ] as const) {
    it(`refuses ${caller} on ${path} with 403 before reading the body`, async () => {
      const { stream, progress } = generatedBody(10 * MiB);
      const method = path.startsWith('/users') ? 'PATCH' : path.startsWith('/companies') ? 'PUT' : 'POST';
      const res = await api.app.request(`/api/v1${path.replace(':id', claimId)}`, {
        method,
        headers: { ...(await api.headersFor(caller)), 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      assert.equal(res.status, 403, await res.text());
      assert.ok(progress.pulled <= 4 * CHUNK, `read ${progress.pulled} bytes`);
    });
  }

  it('answers 415 to a JSON route sent text/plain, instead of reading it as {}', async () => {
    const res = await api.call('admin', 'POST', `/claims/${claimId}/decline`, '{"reason":"No."}', { 'Content-Type': 'text/plain' });
    assertProblem(res, 415, /Content-Type: application\/json \(not text\/plain\)/);
  });

  it('answers 415 to a JSON route sent no Content-Type at all', async () => {
    const res = await api.app.request(`/api/v1/claims/${claimId}/decline`, {
      method: 'POST',
      headers: await api.headersFor('admin'),
      body: '{"reason":"No."}',
    });
    assert.equal(res.status, 415);
  });

  it('takes any +json media type', async () => {
    const fresh = await api.createClaim();
    const res = await api.call('admin', 'POST', `/claims/${fresh.id}/decline`, { reason: 'We handle it with the carrier.' }, {
      'Content-Type': 'application/vnd.claimdesk+json; charset=utf-8',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});

describe('a 100 MB body over a real socket', () => {
  let server: RunningServer;
  let databaseUrl: string;
  let claimId: string;
  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [] });
    const res = await checkedFetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        company: { id: 'ferreteria', name: 'Ferretería Martínez S.L.' },
        externalRef: 'BIG-1',
        type: 'breakage',
        goods: 'pallet',
        scope: 'national',
        carrier: 'Transportes Azkar',
        trackingNumber: 'AZK-1',
        description: 'Palé roto',
        incidentAt: '2026-11-20T09:30:00Z',
        declaredValue: { amountCents: 1000, currency: 'EUR' },
      }),
    });
    claimId = ((await res.json()) as { id: string }).id;
  });
  after(async () => {
    await server.close();
    await dropTestDatabase(databaseUrl);
  });

  it('is refused with 413 at once, streamed without a length, and memory stays flat', async () => {
    const token = await signUserToken(JWT_SECRET, { sub: 'ana', company: 'ferreteria', role: 'admin', name: 'Ana', email: 'ana@ferreteria.test' });
    const { stream } = generatedBody(100 * MiB);
    const before = process.memoryUsage();
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const res = await checkedFetch(`${server.url}/api/v1/claims/${claimId}/decline`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as { detail: string };
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    await stream.cancel().catch(() => {});

    assert.equal(res.status, 413);
    assert.match(body.detail, /1 MiB/);
    assert.ok(elapsed < 2000, `answered in ${elapsed.toFixed(0)} ms`);
    const grew = (peakRss - before.rss) / MiB;
    assert.ok(grew < 40, `RSS grew by ${grew.toFixed(1)} MB for a 100 MB body`);
    assert.ok((process.memoryUsage().heapUsed - before.heapUsed) / MiB < 40, 'the heap did not take the body in');
    const health = await checkedFetch(`${server.url}/api/v1/health`);
    assert.equal(health.status, 200);
  });

  it('is refused with 413 from its declared Content-Length before a byte of it is sent', async () => {
    const url = new URL(`${server.url}/api/v1/claims/${claimId}/decline`);
    const answer = await new Promise<{ status: number; headers: Headers; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': 100 * MiB } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.once('end', () => {
            req.destroy();
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, String(value));
            resolve({ status: res.statusCode ?? 0, headers, body });
          });
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(answer.status, 413);
    await checkAnswer(url, 'POST', answer.status, answer.headers, answer.body);
  });
});

describe('HTTP answers that do not depend on credentials', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  for (const caller of ['anonymous', 'admin'] as const satisfies readonly Caller[]) {
    it(`answers an unknown path 404 to ${caller}`, async () => {
      assertProblem(await api.call(caller, 'GET', '/nothing/here'), 404, /There is no GET \/api\/v1\/nothing\/here/);
    });
  }

  it('answers an unknown path 404 even with a wrong API key', async () => {
    assertProblem(await api.call('anonymous', 'GET', '/nothing', undefined, { 'X-Api-Key': 'wrong' }), 404);
  });

  it('answers a wrong method on a known path 405 with Allow, before authentication', async () => {
    const res = await api.call('anonymous', 'DELETE', '/claims');
    assertProblem(res, 405, /does not take DELETE/);
    assert.equal(res.headers.get('allow'), 'GET, HEAD, POST, OPTIONS');
    const onClaim = await api.call('admin', 'PUT', '/claims/clm_x/decline');
    assert.equal(onClaim.status, 405);
    assert.equal(onClaim.headers.get('allow'), 'POST, OPTIONS');
  });

  it('still answers CORS preflights', async () => {
    const res = await api.app.request('/api/v1/claims', {
      method: 'OPTIONS',
      headers: { Origin: 'https://host.test', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://host.test');
  });

  for (const [label, headers, challenge] of [
    ['no credentials', {}, /^Bearer/],
    ['a wrong X-Api-Key', { 'X-Api-Key': 'wrong-key' }, /^ApiKey realm="claimdesk", Bearer$/],
    ['a token that is not a JWT', { Authorization: 'Bearer garbage' }, /^Bearer error="invalid_token"$/],
    ['another scheme', { Authorization: 'Basic eDp5' }, /^Bearer/],
  ] as const) {
    it(`says how to authenticate on the 401 for ${label}`, async () => {
      const res = await api.call('anonymous', 'GET', '/claims', undefined, headers);
      assertProblem(res, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', challenge);
    });
  }
});

describe('paths that cannot name anything', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  for (const caller of ['admin', 'anonymous'] as const) {
    it(`answers NUL in a path parameter with 400, never reaching the database (${caller})`, async () => {
      const res = await api.call(caller, 'GET', '/claims/%00');
      assertProblem(res, 400, /NUL/);
      assert.equal((await api.call(caller, 'GET', '/claims/clm%00x/events')).status, 400);
    });
  }

  for (const path of ['/api/v1/claims/%ED%A0%80', '/api/v1/claims/%E0%A4%A', '/widget/%E0%A4%A', '/widget/%ZZ']) {
    it(`answers malformed percent-encoding 404, without credentials: ${path}`, async () => {
      const res = await api.app.request(path);
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { detail: string }).detail, /not valid percent-encoded UTF-8/);
    });
  }

  it('keeps ordinary encoded ids working', async () => {
    const res = await api.call('admin', 'GET', '/claims/clm%20does-not-exist');
    assertProblem(res, 404, /does not exist/);
  });
});

describe('security headers', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  const BASELINE = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
    'cross-origin-opener-policy': 'same-origin',
  };

  for (const [label, path, status] of [
    ['JSON', '/api/v1/health', 200],
    ['a problem', '/api/v1/nothing', 404],
    ['a 401', '/api/v1/claims', 401],
  ] as const) {
    it(`sends them, with a CSP that allows nothing, on ${label}`, async () => {
      const res = await api.app.request(path);
      assert.equal(res.status, status);
      for (const [name, value] of Object.entries(BASELINE)) assert.equal(res.headers.get(name), value, name);
      assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
    });
  }

  it('gives the API reference a strict page policy, framed by itself only by default', async () => {
    const res = await api.app.request('/api/v1/reference/');
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or eval');
    assert.match(csp, /frame-ancestors 'self'$/);
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it('lets the hosts in FRAME_ANCESTORS frame the pages', async () => {
    const framed = await createTestApi({ settings: { frameAncestors: ["'self'", 'https://erp.example.com'] } });
    try {
      const res = await framed.app.request('/api/v1/reference/');
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'self' https:\/\/erp\.example\.com$/);
      assert.equal(res.headers.get('x-frame-options'), null, 'X-Frame-Options cannot say "these hosts", so it is left out');
      const json = await framed.app.request('/api/v1/health');
      assert.match(json.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    } finally {
      await framed.close();
    }
  });
});
