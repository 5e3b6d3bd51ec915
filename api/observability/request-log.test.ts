import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { API_KEY, createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { captureLog, type LogLine } from '../testing/log.ts';

// The request log an operator reads and ships: one line per request, found by the id the client
// saw, naming the route and who called by ids only — and never a credential, an address, a name
// or anything a person wrote, whatever the request carried.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const log = captureLog();
let api: Api;

before(async () => {
  api = await createTestApi({ settings: { logger: log.logger } });
  await api.grantAccess('member');
});
after(() => api.close());

/** The request line of the request with this id. */
function requestLine(requestId: string): LogLine {
  const lines = log.lines.filter((line) => line.component === 'http' && line.requestId === requestId && 'status' in line);
  assert.equal(lines.length, 1, `one request line for ${requestId}: ${JSON.stringify(lines)}`);
  return lines[0]!;
}

const logged = () => log.lines.map((line) => JSON.stringify(line)).join('\n');

describe('the request log', () => {
  it('logs each request once, under the X-Request-Id it came with, with the route pattern, status, duration and the caller’s ids', async () => {
    const claim = await api.createClaim();
    await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
    const me = (await api.call('admin', 'GET', '/me')).body;
    const res = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: crypto.randomUUID() }, { 'X-Request-Id': 'trace-4f1c_9a' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('x-request-id'), 'trace-4f1c_9a', 'the client is told the id it sent');

    const { level, requestId, method, route, status, durationMs, caller, userId, companyId } = requestLine('trace-4f1c_9a');
    assert.deepEqual(
      { level, requestId, method, route, status, caller, userId, companyId },
      { level: 30, requestId: 'trace-4f1c_9a', method: 'POST', route: '/api/v1/claims/:id/messages', status: 201, caller: 'user', userId: me.id, companyId: me.companyId },
    );
    assert.ok(typeof durationMs === 'number' && durationMs >= 0, `durationMs: ${durationMs}`);
  });

  it('names integrations by key id, and the operator’s backend as such', async () => {
    const secret = await api.createCompanyKey('admin', { name: 'ERP de pruebas', scopes: ['claims:read'] });
    const byKey = await api.call('anonymous', 'GET', '/claims', undefined, { 'X-Api-Key': secret, 'X-Request-Id': 'by-company-key' });
    assert.equal(byKey.status, 200);
    const keyLine = requestLine('by-company-key');
    assert.equal(keyLine.caller, 'companyKey');
    assert.match(String(keyLine.keyId), /^\w+_/);
    assert.equal(keyLine.userId, undefined);

    const byService = await api.call('apiKey', 'GET', '/claims', undefined, { 'X-Request-Id': 'by-service' });
    assert.equal(byService.status, 200);
    assert.equal(requestLine('by-service').caller, 'service');
  });

  it('makes its own request id when the one sent is not a sane token', async () => {
    for (const sent of ['two words', 'a'.repeat(256), 'id;drop', '']) {
      const res = await api.call('anonymous', 'GET', '/health', undefined, { 'X-Request-Id': sent });
      const given = res.headers.get('x-request-id')!;
      assert.match(given, /^[0-9a-f-]{36}$/, `${JSON.stringify(sent.slice(0, 20))} was replaced by a fresh id`);
      assert.equal(requestLine(given).route, '/api/v1/health');
    }
  });

  it('logs what no route takes as unmatched, not as the path asked', async () => {
    const res = await api.call('admin', 'GET', '/no-such-page/ana@ferreteria.test', undefined, { 'X-Request-Id': 'unknown-path' });
    assert.equal(res.status, 404);
    const line = requestLine('unknown-path');
    assert.equal(line.route, 'unmatched');
    assert.equal(line.status, 404);
    // Refused before authentication: who asked is not known, and not guessed.
    assert.equal(line.userId, undefined);
  });

  it('logs a 500 with the request id the answer gave the user, and its cause', async () => {
    // The same API with one more route, which fails as a bug or a broken disk would.
    const app = createApp({ db: api.db, bus: api.bus, reactions: api.reactions, feed: api.feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], storage: api.storage, logger: log.logger });
    app.get('/test/fails', () => {
      throw new Error('the disk is on fire');
    });
    const res = await app.request('/test/fails', { headers: { 'X-Request-Id': 'fails-once' } });
    assert.equal(res.status, 500);
    const { detail } = (await res.json()) as { detail: string };
    assert.match(detail, /logged as request fails-once/);
    const errors = log.lines.filter((line) => line.level >= 50 && line.requestId === 'fails-once');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.err!.message, 'the disk is on fire');
    assert.match(errors[0]!.err!.stack ?? '', /request-log\.test\.ts/);
    assert.equal(requestLine('fails-once').status, 500);
  });

  it('never logs a token, an API key, an email address, a name, a message’s text or a query string', async () => {
    const text = 'Mensaje-con-texto-reconocible-8842';
    const claim = await api.createClaim();
    await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
    assert.equal((await api.call('member', 'POST', `/claims/${claim.id}/messages`, { body: text, clientId: crypto.randomUUID() })).status, 201);
    await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: `${text} (respuesta)`, clientId: crypto.randomUUID() });
    await api.call('admin', 'GET', `/claims?q=${encodeURIComponent('Busqueda-secreta-5531')}`);
    await api.call('anonymous', 'GET', '/claims', undefined, { Authorization: 'Bearer not.a.valid-token-7719' });
    const secret = await api.createCompanyKey('admin', { name: 'Clave-nombrada-6620', scopes: ['claims:read'] });
    await api.call('anonymous', 'GET', '/claims', undefined, { 'X-Api-Key': secret });

    const all = logged();
    const tokens = await Promise.all((['admin', 'member', 'handler'] as const).map(async (who) => (await api.headersFor(who)).Authorization!.slice('Bearer '.length)));
    const people = [USERS.admin, USERS.member, USERS.handler];
    const forbidden = [
      ...tokens,
      'not.a.valid-token-7719',
      API_KEY,
      secret,
      ...people.flatMap((user) => [user.email, user.name]),
      text,
      'Busqueda-secreta-5531',
      'Clave-nombrada-6620',
    ];
    for (const value of forbidden) assert.ok(!all.includes(value), `the log holds ${value.slice(0, 12)}…`);
    assert.doesNotMatch(all, /@ferreteria\.test|@operator\.test/, 'no email address at all');
    assert.ok(log.lines.some((line) => line.route === '/api/v1/claims/:id/messages' && line.status === 201), 'the requests themselves were logged');
  });
});
