import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { openDatabase, type DB } from '../db/connect.ts';
import { startApiProcess, stopApiProcess, type ApiProcess } from '../testing/api-process.ts';
import { createTestDatabaseUrl, dropTestDatabase, openTestDatabase, testEngine } from '../testing/database.ts';
import { createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.ts';
import { MemoryRateLimitStore, RATE_LIMIT_WINDOW_MS, type RateLimitStore } from './rate-limit.ts';
import { DatabaseRateLimitStore } from './rate-limit-database.ts';

const POSTGRES_ONLY = testEngine !== 'postgres' && 'the limits count in the database on PostgreSQL only: set TEST_DATABASE_URL';

/** 10:00:01 on a day: a window began a second ago. */
const IN_A_WINDOW = Date.UTC(2026, 11, 8, 10, 0, 1);

describe('the database store: two processes counting on one database', { skip: POSTGRES_ONLY }, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let otherProcessDb: DB;
  before(async () => {
    database = await openTestDatabase();
    // Another pool on the same database, as another API process has.
    otherProcessDb = openDatabase(database.url);
  });
  after(async () => {
    await otherProcessDb.destroy();
    await database.close();
  });

  /** Takes for `key` from each store in turn: what a balancer handing requests round does. */
  async function takeInTurns(stores: RateLimitStore[], key: string, events: number): Promise<number[]> {
    const waits = [];
    for (let i = 0; i < events; i++) waits.push(await stores[i % stores.length]!.take(key, 3));
    return waits;
  }

  it('holds a limit once between them, where two memory stores each allow it', async () => {
    let now = IN_A_WINDOW;
    const clock = () => now;
    const shared = [new DatabaseRateLimitStore(database.db, { now: clock }), new DatabaseRateLimitStore(otherProcessDb, { now: clock })];
    assert.deepEqual(await takeInTurns(shared, 'writes-user:a', 6), [0, 0, 0, 59, 59, 59]);
    const separate = [new MemoryRateLimitStore(RATE_LIMIT_WINDOW_MS, 100, clock), new MemoryRateLimitStore(RATE_LIMIT_WINDOW_MS, 100, clock)];
    assert.deepEqual(await takeInTurns(separate, 'writes-user:a', 6), [0, 0, 0, 0, 0, 0], 'in memory, two processes allow twice the limit');

    const rows = await database.db.selectFrom('rate_limit_windows').selectAll().where('key', '=', 'writes-user:a').execute();
    assert.deepEqual(rows, [{ key: 'writes-user:a', window_start: '2026-12-08T10:00:00.000Z', count: 3 }], 'refused events are not counted');

    const third = new DatabaseRateLimitStore(otherProcessDb, { now: clock });
    assert.equal(await third.retryAfter('writes-user:a', 3), 59, 'a process that counted none of them sees the limit reached');
    assert.equal(await third.retryAfter('writes-user:a', 4), 0, 'under a higher limit the key is not full');
    assert.equal(await third.retryAfter('writes-user:b', 3), 0, 'keys are counted apart');

    now += 59_000;
    assert.equal(await shared[1]!.take('writes-user:a', 3), 0, 'the next minute starts afresh, in a process that had refused the key');
  });

  it('answers checks made at once, read together, each with its own key’s count', async () => {
    const clock = () => IN_A_WINDOW;
    const counter = new DatabaseRateLimitStore(database.db, { now: clock });
    for (let i = 0; i < 3; i++) await counter.take('auth-failures:192.0.2.30', 3);
    await counter.take('auth-failures:192.0.2.31', 3);
    const checker = new DatabaseRateLimitStore(otherProcessDb, { now: clock });
    const addresses = ['192.0.2.30', '192.0.2.31', '192.0.2.32', '192.0.2.30'];
    const waits = await Promise.all(addresses.map((address) => checker.retryAfter(`auth-failures:${address}`, 3)));
    assert.deepEqual(waits, [59, 0, 0, 59]);
  });

  it('deletes the windows that have ended, and only those', async () => {
    let now = IN_A_WINDOW + 3 * RATE_LIMIT_WINDOW_MS;
    const store = new DatabaseRateLimitStore(database.db, { now: () => now });
    await store.take('auth-failures:192.0.2.1', 5);
    now += RATE_LIMIT_WINDOW_MS;
    await store.take('auth-failures:192.0.2.2', 5);
    await store.deleteEndedWindows();
    const left = await database.db.selectFrom('rate_limit_windows').select(['key', 'window_start']).execute();
    assert.deepEqual(left, [{ key: 'auth-failures:192.0.2.2', window_start: '2026-12-08T10:04:00.000Z' }]);
  });
});

describe('a rate limit store that cannot be reached', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let unreachable: DB;
  before(async () => {
    // Nothing listens on port 1: every query fails at once.
    unreachable = openDatabase('postgres://claimdesk:claimdesk@127.0.0.1:1/claimdesk');
    api = await createTestApi({ settings: { rateLimits: new DatabaseRateLimitStore(unreachable) } });
  });
  after(async () => {
    await api.close();
    await unreachable.destroy();
  });

  it('fails the request with a 500 problem rather than letting it through unlimited', async () => {
    const res = await api.call('admin', 'GET', '/me');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.match(res.body.detail, /Something failed on our side/);
  });
});

/**
 * Runs `attempt` once more when the end of a minute fell within it: the windows follow the clock,
 * and a count that starts afresh half-way fails an attempt through no fault of the code. Each
 * attempt takes clients of its own, so the second does not inherit the first one's counts.
 */
async function withinOneWindow(attempt: () => Promise<void>): Promise<void> {
  const minute = () => Math.floor(Date.now() / RATE_LIMIT_WINDOW_MS);
  const started = minute();
  try {
    await attempt();
  } catch (error) {
    if (minute() === started) throw error;
    await attempt();
  }
}

describe('two API processes on one PostgreSQL database behind a balancer', { skip: POSTGRES_ONLY }, () => {
  const LIMITS = { TRUST_PROXY: '1', AUTH_FAILURES_PER_MINUTE: '6', WRITES_PER_MINUTE_PER_USER: '5' };
  let databaseUrl: string;
  const processes: ApiProcess[] = [];
  let balancer: RoundRobinProxy;
  let clients = 0;
  /** A client address no earlier attempt used. */
  const freshAddress = () => `198.51.100.${++clients}`;

  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    processes.push(await startApiProcess(databaseUrl, LIMITS)); // migrates the database first
    processes.push(await startApiProcess(databaseUrl, LIMITS));
    // The test plays many clients: each request says which in a header the balancer reads.
    balancer = await startRoundRobinProxy(
      processes.map((p) => p.url),
      { clientAddress: (request) => String(request.headers['x-test-client']) },
    );
  });
  after(async () => {
    await balancer?.close();
    await Promise.all(processes.map(stopApiProcess));
    await dropTestDatabase(databaseUrl);
  });

  async function call(address: string, credentials: Record<string, string>, method = 'GET', path = '/me', body?: unknown) {
    const res = await fetch(`${balancer.url}/api/v1${path}`, {
      method,
      headers: { ...credentials, 'X-Test-Client': address, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { detail?: string } };
  }
  const bearer = async (sub: string) => ({ Authorization: `Bearer ${await signUserToken(JWT_SECRET, { ...USERS.admin, sub })}` });

  it('refuses the 7th failed authentication from an address whichever process it reaches, and then its right token too', async () => {
    const rightToken = await bearer('ana');
    await withinOneWindow(async () => {
      const guesser = freshAddress();
      const sentBefore = [...balancer.sent];
      for (let i = 1; i <= 6; i++) assert.equal((await call(guesser, { Authorization: 'Bearer not.a.token' })).status, 401, `failure ${i}`);
      assert.deepEqual(
        balancer.sent.map((n, i) => n - sentBefore[i]!),
        [3, 3],
        'each process answered three of the failures: counting alone, neither would refuse the next',
      );
      const seventh = await call(guesser, { Authorization: 'Bearer not.a.token' });
      assert.equal(seventh.status, 429);
      assert.match(seventh.body.detail!, /More than 6 failed authentications from your address/);
      assert.equal((await call(guesser, { 'X-Api-Key': 'another-guess' })).status, 429, 'the other process refuses too');
      assert.equal((await call(guesser, rightToken)).status, 429, 'a right token from that address, on one process');
      assert.equal((await call(guesser, rightToken)).status, 429, 'and on the other');
      assert.equal((await call(freshAddress(), rightToken)).status, 200, 'another address is not affected');
    });
  });

  it('refuses the 6th write of a user whichever process it reaches, and leaves another user alone', async () => {
    await withinOneWindow(async () => {
      const address = freshAddress();
      const writer = await bearer(`writer-${clients}`);
      const markAllRead = (credentials: Record<string, string>) => call(address, credentials, 'POST', '/notifications/read', { all: true });
      for (let i = 1; i <= 5; i++) assert.equal((await markAllRead(writer)).status, 200, `write ${i}`);
      const sixth = await markAllRead(writer);
      assert.equal(sixth.status, 429);
      assert.match(sixth.body.detail!, /More than 5 writes a minute from this user/);
      assert.equal((await markAllRead(writer)).status, 429, 'the other process refuses too');
      assert.equal((await call(address, writer)).status, 200, 'reads are not writes');
      assert.equal((await markAllRead(await bearer(`other-writer-${clients}`))).status, 200, 'another user from the same address writes on');
    });
  });
});
