import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { migrateToLatest, openDatabase, type DB } from '../db/connect.ts';
import { startServer, type RunningServer } from '../server.ts';
import { API_KEY, JWT_SECRET, USERS, type TestUser } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';
import { checkedFetch, loadServedDocument } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';
import { createPostgresEventBus, createSqliteEventBus, type EventBus } from './bus.ts';
import type { LiveSignal } from './events.schema.ts';

// Ephemeral signals (typing): never stored, without an event id, for the others who may see the
// claim and never for the sender; across processes through NOTIFY or SQLite's relay table.

const typing = (user: { id: string; name: string }, companyId = 'ferreteria', claimId = 'clm_x'): LiveSignal => ({
  type: 'typing',
  data: { claimId, companyId, user: { ...user, kind: 'user' }, at: new Date().toISOString() },
});

describe('signals on the live stream', () => {
  let databaseUrl: string;
  let server: RunningServer;
  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 60_000 });
    await loadServedDocument(server.url);
  });
  after(async () => {
    await server.close();
    await dropTestDatabase(databaseUrl);
  });

  async function streamOf(user: TestUser) {
    const token = await signUserToken(JWT_SECRET, user);
    const res = await checkedFetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const sse = readSse(res);
    await sse.until(() => sse.messages.length > 0);
    const me = await checkedFetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    return { sse, id: ((await me.json()) as { id: string }).id };
  }

  it('reach the claim’s company and staff, not the sender’s own streams nor another company, and carry no id', async () => {
    const sender = await streamOf(USERS.admin);
    const senderOtherTab = await streamOf(USERS.admin);
    const handler = await streamOf(USERS.handler);
    const otherCompany = await streamOf(USERS.otherAdmin);
    try {
      server.deps.bus.signal(typing({ id: sender.id, name: USERS.admin.name }));
      await handler.sse.until(() => handler.sse.messages.some((m) => m.event === 'typing'));
      const received = handler.sse.messages.find((m) => m.event === 'typing')!;
      assert.equal(received.id, undefined, 'a signal has no event id, so Last-Event-ID does not move');
      assert.equal(JSON.parse(received.data).user.name, USERS.admin.name);

      // An event committed after the signal arrives after it on every stream: once the sender's
      // and the other company's streams have it, the signal had its chance to reach them.
      const claim = await checkedFetch(`${server.url}/api/v1/claims`, {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          company: { id: 'ferreteria' },
          externalRef: `INC-${Math.random()}`,
          type: 'loss',
          goods: 'parcel',
          scope: 'national',
          carrier: 'SEUR',
          trackingNumber: 'X1',
          description: 'Lost',
          incidentAt: '2026-11-20T09:30:00Z',
          declaredValue: { amountCents: 1000, currency: 'EUR' },
        }),
      });
      assert.equal(claim.status, 201);
      await sender.sse.until(() => sender.sse.events().length > 0);
      await senderOtherTab.sse.until(() => senderOtherTab.sse.events().length > 0);
      assert.ok(!sender.sse.messages.some((m) => m.event === 'typing'), 'the sender does not see its own typing');
      assert.ok(!senderOtherTab.sse.messages.some((m) => m.event === 'typing'), 'nor in another tab');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(!otherCompany.sse.messages.some((m) => m.event === 'typing'), 'another company never sees it');
      assert.equal(handler.sse.messages.filter((m) => m.event === 'typing').length, 1, 'delivered once');
    } finally {
      await Promise.all([sender, senderOtherTab, handler, otherCompany].map((s) => s.sse.close()));
    }
  });
});

/** Two processes' buses on one database: each signal reaches the other once and never comes back. */
async function exchange(first: EventBus, second: EventBus) {
  const seenByFirst: LiveSignal[] = [];
  const seenBySecond: LiveSignal[] = [];
  first.onSignal((s) => seenByFirst.push(s));
  second.onSignal((s) => seenBySecond.push(s));
  const signal = typing({ id: 'usr_a', name: 'Ana' });
  first.signal(signal);
  const deadline = Date.now() + 5000;
  while (seenBySecond.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  // Long enough for an echo or a second delivery to show up, were there one.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(seenBySecond, [signal], 'the other process gets it once');
  assert.deepEqual(seenByFirst, [signal], 'the sending process gets it once, at once, and no echo');
}

describe('signals across processes', () => {
  it('on PostgreSQL, through NOTIFY', { skip: testEngine !== 'postgres' && 'set TEST_DATABASE_URL to run on PostgreSQL' }, async () => {
    const url = await createTestDatabaseUrl();
    const [first, second] = await Promise.all([createPostgresEventBus(url), createPostgresEventBus(url)]);
    try {
      await exchange(first, second);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await dropTestDatabase(url);
    }
  });

  it('on one SQLite file, through the relay table', { skip: testEngine === 'postgres' && 'SQLite only' }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-signals-'));
    const url = `sqlite:${path.join(dir, 'shared.sqlite')}`;
    const dbs: DB[] = [openDatabase(url), openDatabase(url)];
    await migrateToLatest(dbs[0]!);
    const [first, second] = dbs.map((db) => createSqliteEventBus(db, 20));
    try {
      // Let both polls take their first reading, as running processes would have.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await exchange(first!, second!);

      // The relay keeps only what is fresh: stale rows go as signals keep coming.
      const stale = new Date(Date.now() - 120_000).toISOString();
      await dbs[0]!.insertInto('live_signals').values({ payload: '{}', created_at: stale }).execute();
      for (let i = 0; i < 100; i++) first!.signal(typing({ id: 'usr_a', name: 'Ana' }));
      const deadline = Date.now() + 5000;
      const staleLeft = () => dbs[0]!.selectFrom('live_signals').select('id').where('created_at', '=', stale).execute();
      while ((await staleLeft()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal((await staleLeft()).length, 0, 'rows older than a minute are pruned');
    } finally {
      await Promise.all([first!.close(), second!.close()]);
      await Promise.all(dbs.map((db) => db.destroy()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
