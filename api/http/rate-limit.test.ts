import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi, type Caller } from '../testing/harness.ts';
import { networkOf } from './client-address.ts';
import { MemoryRateLimitStore, RATE_LIMIT_WINDOW_MS } from './rate-limit.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** What @hono/node-server hands the app for a request from `address`: its socket. */
const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

async function callFrom(api: TestApi, address: string, caller: Caller | Record<string, string>, method = 'GET', path = '/claims', body?: unknown) {
  const credentials = typeof caller === 'string' ? await api.headersFor(caller) : caller;
  const res = await api.app.request(
    `/api/v1${path}`,
    {
      method,
      headers: { ...credentials, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    fromAddress(address),
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as { detail: string; retryAfter?: number } };
}

/** Counts with a clock stopped 1 s into a window: no test here runs across the end of one. */
const stoppedClockStore = () => new MemoryRateLimitStore(RATE_LIMIT_WINDOW_MS, 100_000, () => 1_021_000);

const WRONG_TOKEN = { Authorization: 'Bearer not.a.token' };
const syncedUser = (n: number) => ({ name: `Persona ${n}`, email: `p${n}@ferreteria.test`, role: 'member' });

describe('MemoryRateLimitStore', () => {
  it('allows `limit` events per clock-aligned window, then says how long to wait, then starts afresh', async () => {
    let now = 1_020_000; // 17 minutes past the epoch: a window begins
    const store = new MemoryRateLimitStore(60_000, 100, () => now);
    assert.deepEqual([await store.take('a', 3), await store.take('a', 3), await store.take('a', 3)], [0, 0, 0]);
    assert.equal(await store.take('a', 3), 60);
    assert.equal(await store.take('b', 3), 0, 'keys are counted apart');
    now += 45_500;
    assert.equal(await store.retryAfter('a', 3), 15);
    assert.equal(await store.retryAfter('a', 4), 0, 'under a higher limit it is not full');
    now += 14_500;
    assert.equal(await store.retryAfter('a', 3), 0, 'the next window');
    assert.equal(await store.take('a', 3), 0);
  });

  it('sweeps ended windows and never holds more than maxKeys', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(1_000, 50, () => now);
    for (let i = 0; i < 500; i++) await store.take(`addr-${i}`, 1);
    assert.equal(store.size, 50);
    now += 1_000;
    await store.take('late', 1);
    assert.equal(store.size, 1, 'the ended windows are gone');
  });
});

describe('networkOf', () => {
  it('counts IPv4 addresses one by one and IPv6 by /64', () => {
    assert.equal(networkOf('203.0.113.7'), '203.0.113.7');
    assert.equal(networkOf('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(networkOf('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(networkOf('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(networkOf('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(networkOf('::1'), '0:0:0:0::/64');
  });
});

describe('failed authentication, per client address', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ settings: { rateLimits: stoppedClockStore() } });
  });
  after(() => api.close());

  it('answers the 61st failed authentication in a minute 429 with Retry-After', async () => {
    for (let i = 1; i <= 60; i++) {
      const res = await callFrom(api, '198.51.100.1', WRONG_TOKEN);
      assert.equal(res.status, 401, `attempt ${i}`);
    }
    const res = await callFrom(api, '198.51.100.1', WRONG_TOKEN);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.headers.get('retry-after'), '59');
    assert.equal(res.body.retryAfter, 59);
    assert.match(res.body.detail, /60 failed authentications.*retry in 59 s/);
  });

  it('refuses even right credentials from that address until the minute is over', async () => {
    assert.equal((await callFrom(api, '198.51.100.1', 'admin')).status, 429);
  });

  it('counts a wrong API key too, and other addresses apart', async () => {
    assert.equal((await callFrom(api, '198.51.100.2', { 'X-Api-Key': 'wrong' })).status, 401);
    assert.equal((await callFrom(api, '198.51.100.2', 'admin')).status, 200);
    assert.equal((await callFrom(api, '2001:db8:1:2::99', 'admin')).status, 200);
  });

  it('does not count successful authentications', async () => {
    for (let i = 0; i < 70; i++) assert.equal((await callFrom(api, '198.51.100.3', 'admin')).status, 200);
  });
});

describe('failed authentication behind a proxy (TRUST_PROXY)', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ settings: { authFailuresPerMinute: 2, trustProxy: 1, rateLimits: stoppedClockStore() } });
  });
  after(() => api.close());

  it('counts the address the proxy saw, not what the client claims', async () => {
    const behindProxy = (forwardedFor: string) =>
      api.app.request('/api/v1/claims', { headers: { ...WRONG_TOKEN, 'X-Forwarded-For': forwardedFor } }, fromAddress('10.0.0.1'));
    assert.equal((await behindProxy('192.0.2.1')).status, 401);
    assert.equal((await behindProxy('1.1.1.1, 192.0.2.1')).status, 401, 'a forged leftmost entry changes nothing');
    assert.equal((await behindProxy('8.8.8.8, 192.0.2.1')).status, 429);
    assert.equal((await behindProxy('192.0.2.2')).status, 401, 'another client behind the same proxy');
  });
});

describe('writes, per user and per address', () => {
  let api: TestApi;
  let claimId: string;
  before(async () => {
    api = await createTestApi({ settings: { writesPerMinutePerUser: 3, writesPerMinutePerAddress: 5, rateLimits: stoppedClockStore() } });
    claimId = (await api.createClaim()).id;
  });
  after(() => api.close());

  it('answers a user’s writes past the limit 429, and leaves their reads alone', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await callFrom(api, '192.0.2.10', 'handler', 'POST', `/claims/${claimId}/transitions`, { to: 'closed' })).status);
    assert.deepEqual(statuses.slice(0, 3).map((s) => s === 429), [false, false, false]);
    assert.equal(statuses[3], 429);
    assert.equal((await callFrom(api, '192.0.2.10', 'handler')).status, 200, 'reads are not writes');
  });

  it('counts all the users of one address together', async () => {
    const statuses = [];
    let last;
    for (const caller of ['admin', 'admin', 'admin', 'otherAdmin', 'otherAdmin', 'member'] as const) {
      last = await callFrom(api, '192.0.2.11', caller, 'PATCH', '/users/usr_x', { notifications: 'in_app' });
      statuses.push(last.status);
    }
    assert.deepEqual(
      statuses.map((status) => status === 429),
      [false, false, false, false, false, true],
      `statuses: ${statuses}`,
    );
    assert.match(last!.body.detail, /More than 5 writes a minute from your address/);
  });

  it('does not throttle the API key by default', async () => {
    for (let i = 0; i < 12; i++) {
      const res = await callFrom(api, '192.0.2.12', 'apiKey', 'PUT', `/companies/ferreteria/users/bulk-${i}`, syncedUser(i));
      assert.equal(res.status, 201, `write ${i + 1}`);
    }
  });
});

describe('writes with API_KEY_WRITES_PER_MINUTE', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi({ settings: { apiKeyWritesPerMinute: 3, rateLimits: stoppedClockStore() } });
  });
  after(() => api.close());

  it('throttles the API key when it is given a limit', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await callFrom(api, '192.0.2.20', 'apiKey', 'PUT', `/companies/ferreteria/users/bulk-${i}`, syncedUser(i))).status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    const refused = await callFrom(api, '192.0.2.21', 'apiKey', 'PUT', '/companies/ferreteria/users/bulk-9', syncedUser(9));
    assert.equal(refused.status, 429, 'the API key is one client wherever it calls from');
    assert.match(refused.body.detail, /API_KEY_WRITES_PER_MINUTE/);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });
});
