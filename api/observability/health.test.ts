import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp, liveFeedFor, writePathFor } from '../app.ts';
import { migrateToLatest, openDatabase, type DB } from '../db/connect.ts';
import { createEventBus } from '../events/bus.ts';
import { startServer } from '../server.ts';
import { MemoryStorage } from '../storage/memory.ts';
import type { KeyedStorage } from '../storage/storage.ts';
import { createTestDatabaseUrl, dropTestDatabase, openTestDatabase, testEngine } from '../testing/database.ts';
import { API_KEY, createTestApi, JWT_SECRET } from '../testing/harness.ts';
import { captureLog } from '../testing/log.ts';
import { checkedFetch, checkResponses } from '../testing/openapi-check.ts';

// What a load balancer (readiness) and an orchestrator (liveness) ask each process, and that each
// answer says what is wrong in words an operator can act on, on both engines.

type Api = Awaited<ReturnType<typeof createTestApi>>;

/**
 * An app of its own over `db` and `storage`, answers checked against the document, with what it
 * logs kept. Its live feed reads `feedDb` (default `db`): a feed must start on a database that answers.
 */
function appOver(db: DB, storage: KeyedStorage, { readinessTimeoutMs, feedDb = db }: { readinessTimeoutMs?: number; feedDb?: DB } = {}) {
  const bus = createEventBus();
  const log = captureLog();
  const feed = liveFeedFor({ db: feedDb, bus, heartbeatMs: 60_000 });
  const app = checkResponses(
    createApp({ ...writePathFor(db, bus), feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], storage, logger: log.logger, ...(readinessTimeoutMs ? { readinessTimeoutMs } : {}) }),
  );
  const get = async (path: string) => {
    const res = await app.request(`/api/v1${path}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  return { get, log, close: () => feed.close() };
}

/** A storage whose check() does what `check` says; the rest is memory. */
function storageChecking(check: () => Promise<void>): KeyedStorage {
  return Object.assign(new MemoryStorage(), { check });
}

describe('liveness and readiness', () => {
  let api: Api;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('answers liveness and readiness without credentials while everything answers', async () => {
    const live = await api.call('anonymous', 'GET', '/health/live');
    assert.equal(live.status, 200);
    assert.deepEqual(live.body, { status: 'ok' });
    const ready = await api.call('anonymous', 'GET', '/health/ready');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, { status: 'ready', checks: { database: { status: 'ok' }, storage: { status: 'ok' }, migrations: { status: 'ok' } } });
    assert.deepEqual((await api.call('anonymous', 'GET', '/health')).body, { status: 'ok' }, 'the contract’s /health answers as before');
  });

  it('is not ready while a migration is not applied, naming it, and ready again once it is', async () => {
    const [latest] = (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(api.db)).rows;
    await sql`delete from kysely_migration where name = ${latest!.name}`.execute(api.db);
    try {
      const res = await api.call('anonymous', 'GET', '/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(Number(res.headers.get('retry-after')) > 0, 'the balancer is told when to ask again');
      assert.match(res.body.detail, new RegExp(`^Not ready: 1 migration is not applied \\(${latest!.name}\\): run \`npm run migrate\`\\.$`));
      assert.deepEqual(res.body.checks.database, { status: 'ok' });
      assert.equal(res.body.checks.migrations.status, 'failing');
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${latest!.name}, ${latest!.timestamp})`.execute(api.db);
    }
    assert.equal((await api.call('anonymous', 'GET', '/health/ready')).status, 200);
  });
});

describe('readiness when something does not answer', () => {
  it('is not ready when the file storage cannot be written, naming the storage, and logs why', async () => {
    const { db, close } = await openTestDatabase();
    const app = appOver(db, storageChecking(() => Promise.reject(new Error('EROFS: read-only file system, access /var/lib/claimdesk/files/.tmp'))));
    try {
      const res = await app.get('/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.body.detail, 'Not ready: the file storage cannot be written.');
      assert.deepEqual(res.body.checks, { database: { status: 'ok' }, storage: { status: 'failing', detail: 'the file storage cannot be written' }, migrations: { status: 'ok' } });
      assert.doesNotMatch(JSON.stringify(res.body), /EROFS|\/var\/lib/, 'the cause stays out of the public answer');
      const warned = app.log.lines.filter((line) => line.msg.startsWith('readiness: storage is failing'));
      assert.equal(warned.length, 1);
      assert.match(warned[0]!.err!.message, /EROFS/, 'the cause is in the log');
      await app.get('/health/ready');
      assert.equal(app.log.lines.filter((line) => line.msg.startsWith('readiness: storage is failing')).length, 1, 'a balancer asking again does not log it again');
    } finally {
      await app.close();
      await close();
    }
  });

  it('answers within the timeout when the storage never answers', async () => {
    const { db, close } = await openTestDatabase();
    // Long enough that the database's own check never runs out on a busy machine (CI's PostgreSQL took over 50 ms).
    const app = appOver(db, storageChecking(() => new Promise<void>(() => {})), { readinessTimeoutMs: 1500 });
    try {
      const res = await app.get('/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.body.detail, 'Not ready: the file storage did not answer within 1500 ms.');
      assert.deepEqual(res.body.checks.database, { status: 'ok' });
    } finally {
      await app.close();
      await close();
    }
  });

  it('is not ready when the database is closed, naming the database, and alive all the same', async () => {
    const url = await createTestDatabaseUrl();
    const db = openDatabase(url);
    await migrateToLatest(db);
    const app = appOver(db, new MemoryStorage());
    try {
      await app.close();
      await db.destroy();
      const res = await app.get('/health/ready');
      assert.equal(res.status, 503);
      assert.match(res.body.detail, /^Not ready: the database refused a query; the database did not say which migrations are applied\.$/);
      assert.deepEqual(res.body.checks.storage, { status: 'ok' });
      assert.equal((await app.get('/health/live')).status, 200, 'liveness does not depend on the database');
    } finally {
      await dropTestDatabase(url);
    }
  });

  it('is not ready when PostgreSQL cannot be reached', { skip: testEngine !== 'postgres' && 'PostgreSQL only' }, async () => {
    // Port 9 (discard) refuses connections on a machine that runs no such service.
    const reachable = await openTestDatabase();
    const db = openDatabase('postgres://claimdesk:nobody@127.0.0.1:9/claimdesk');
    const app = appOver(db, new MemoryStorage(), { readinessTimeoutMs: 1000, feedDb: reachable.db });
    try {
      const res = await app.get('/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.body.checks.database.status, 'failing');
      assert.doesNotMatch(res.body.detail, /127\.0\.0\.1|ECONNREFUSED/, 'no internal address in the public answer');
    } finally {
      await app.close();
      await db.destroy();
      await reachable.close();
    }
  });
});

describe('readiness while the server drains', () => {
  it('answers 503 as soon as the server starts draining, while requests in flight finish', async () => {
    const databaseUrl = await createTestDatabaseUrl();
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = await startServer({
      port: 0,
      databaseUrl,
      jwtSecret: JWT_SECRET,
      apiKey: API_KEY,
      corsOrigins: [],
      extraRoutes(app) {
        // A request that stays in flight until the test lets it go: the server drains meanwhile.
        app.get('/test/hold', async (c) => {
          arrived();
          await released;
          return c.text('done');
        });
      },
    });
    try {
      assert.equal((await checkedFetch(`${server.url}/api/v1/health/ready`)).status, 200);
      const held = fetch(`${server.url}/test/hold`);
      await inFlight;
      const closed = server.close();
      const res = await checkedFetch(`${server.url}/api/v1/health/ready`);
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { detail: string }).detail, /shutting down/);
      release();
      assert.equal((await held).status, 200, 'the request in flight was answered');
      await closed;
    } finally {
      release();
      await dropTestDatabase(databaseUrl);
    }
  });
});
