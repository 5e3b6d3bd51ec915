import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type DB } from '../db/connect.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';
import { startApiProcess, stopApiProcess, type ApiProcess } from '../testing/api-process.ts';
import { API_KEY, claimInput } from '../testing/harness.ts';
import { eventually, seedEndpoint, startReceiver, type Receiver } from '../testing/webhooks.ts';
import { sealingKeyOf } from './secrets.ts';

// Two real API processes (`npm run api`) on one database — a PostgreSQL schema, or an SQLite
// file — each with its webhook worker, draining one table: every delivery reaches its receiver
// once (no crash here, so no repeat), each endpoint's in event order and one at a time.

const CLAIMS = 40;
const WEBHOOK_PROCESS_SETTINGS = {
  // Unset, the sealing key is derived from CLAIMS_API_KEY, as sealingKeyOf({ apiKey }) seeds with.
  WEBHOOK_SECRET_KEY: undefined,
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WRITES_PER_MINUTE_PER_ADDRESS: '100000',
};

describe(`two API processes delivering webhooks from one database (${testEngine})`, () => {
  let databaseUrl: string;
  let dir: string | undefined;
  let db: DB;
  let processes: ApiProcess[] = [];
  let receiver: Receiver;

  before(async () => {
    if (testEngine === 'sqlite') {
      dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-webhook-processes-'));
      databaseUrl = `sqlite:${path.join(dir, 'claims.sqlite')}`;
    } else {
      databaseUrl = await createTestDatabaseUrl();
    }
    processes = [await startApiProcess(databaseUrl, WEBHOOK_PROCESS_SETTINGS)]; // migrates the database first
    processes.push(await startApiProcess(databaseUrl, WEBHOOK_PROCESS_SETTINGS));
    db = openDatabase(databaseUrl);
  });
  after(async () => {
    await Promise.all(processes.map(stopApiProcess));
    await db?.destroy();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    else await dropTestDatabase(databaseUrl);
  });

  it('delivers every webhook-id exactly once, in event order per endpoint, one at a time', async () => {
    const open = new Map<string, number>();
    let overlapped = 0;
    receiver = await startReceiver((request, response) => {
      const now = (open.get(request.path) ?? 0) + 1;
      open.set(request.path, now);
      if (now > 1) overlapped++;
      // A little time on each, so the two processes' workers have every chance to race.
      setTimeout(() => {
        open.set(request.path, (open.get(request.path) ?? 1) - 1);
        response.writeHead(200).end();
      }, Math.random() * 15);
    });
    const openClaim = (via: ApiProcess) =>
      fetch(`${via.url}/api/v1/claims`, { method: 'POST', headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(claimInput()) }).then((res) =>
        assert.equal(res.status, 201),
      );
    // A company's first claim makes the company, which its endpoints then belong to.
    await openClaim(processes[0]!);
    const key = sealingKeyOf({ apiKey: API_KEY });
    await seedEndpoint(db, key, { url: `${receiver.url}/a`, companyId: 'ferreteria' });
    await seedEndpoint(db, key, { url: `${receiver.url}/b`, companyId: 'ferreteria' });
    await seedEndpoint(db, key, { url: `${receiver.url}/operator`, companyId: null });

    await Promise.all(Array.from({ length: CLAIMS }, (_, i) => openClaim(processes[i % 2]!)));
    const queued = await db.selectFrom('webhook_deliveries').select(['id', 'endpoint_id']).execute();
    assert.equal(queued.length, CLAIMS * 3);
    const done = async () => (await db.selectFrom('webhook_deliveries').select('id').where('status', '!=', 'delivered').execute()).length === 0;
    await eventually('every delivery is delivered', done, 60_000);

    const times = new Map<string, number>();
    for (const request of receiver.received) times.set(request.id, (times.get(request.id) ?? 0) + 1);
    assert.deepEqual([...times.values()].filter((n) => n !== 1), [], 'no webhook-id arrived twice');
    assert.deepEqual(new Set(times.keys()), new Set(queued.map((row) => row.id)), 'every one arrived');
    for (const endpoint of ['/a', '/b', '/operator']) {
      const eventIds = receiver.received.filter((r) => r.path === endpoint).map((r) => JSON.parse(r.body).id as number);
      assert.equal(eventIds.length, CLAIMS);
      assert.deepEqual(eventIds, [...eventIds].sort((x, y) => x - y), `${endpoint} got its events in order`);
    }
    assert.equal(overlapped, 0, 'no endpoint ever had two deliveries at once');
  });
});
