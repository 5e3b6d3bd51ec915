import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { claimsStatus, setClaimsAccess, startApiProcess, stopApiProcess, type ApiProcess } from '../testing/api-process.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../testing/harness.ts';
import { testEngine } from '../testing/database.ts';
import { checkedFetch } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';
import { eventually } from '../testing/webhooks.ts';

// Two real API processes (`npm run api`) on one SQLite file, as someone scaling out without
// PostgreSQL would run them: writes wait for each other instead of failing, and each process's
// streams see the other's commits.

describe('two API processes on one SQLite file', { skip: testEngine === 'postgres' && 'SQLite only; the PostgreSQL suite runs two processes in events.test.ts' }, () => {
  let dir: string;
  let a: ApiProcess;
  let b: ApiProcess;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-two-processes-'));
    const databaseUrl = `sqlite:${path.join(dir, 'claims.sqlite')}`;
    a = await startApiProcess(databaseUrl); // migrates the new file first
    b = await startApiProcess(databaseUrl);
  });
  after(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopApiProcess));
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes concurrent writes through both without a single 5xx, and each process streams the other’s commits', async () => {
    const token = await signUserToken(JWT_SECRET, USERS.handler);
    const onA = readSse(await checkedFetch(`${a.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } }));
    const onB = readSse(await checkedFetch(`${b.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } }));
    await Promise.all([onA.until(() => onA.messages.length > 0), onB.until(() => onB.messages.length > 0)]);

    const statuses: number[] = [];
    const created: string[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const via = i % 2 ? a : b;
        const res = await checkedFetch(`${via.url}/api/v1/claims`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
          body: JSON.stringify(claimInput({ company: { id: i % 3 ? 'ferreteria' : 'textiles', name: 'Co' } })),
        });
        statuses.push(res.status);
        if (res.status === 201) created.push(((await res.json()) as { id: string }).id);
        else await res.body?.cancel();
      }),
    );
    assert.deepEqual([...new Set(statuses)], [201], 'every write succeeded');

    // Heartbeats come every 15 s: delivery within the wait below is the change poll's doing.
    const received = (sse: ReturnType<typeof readSse>) => new Set(sse.events().map((m) => JSON.parse(m.data).claimId as string));
    for (const sse of [onA, onB]) {
      await sse.until(() => created.every((id) => received(sse).has(id)), 5000);
      const ids = sse.ids();
      assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'in log order');
      assert.equal(new Set(ids).size, ids.length, 'each once');
    }
    await Promise.all([onA.close(), onB.close()]);
  });

  it('refuses a user on one process once the other removed their access', async () => {
    const member = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.member)}` };
    const admin = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}` };
    await (await checkedFetch(`${a.url}/api/v1/me`, { headers: admin })).body?.cancel();
    const me = (await (await checkedFetch(`${a.url}/api/v1/me`, { headers: member })).json()) as { id: string };
    await setClaimsAccess(a.url, admin, me.id, true);
    await eventually('b lets the member in', async () => (await claimsStatus(b.url, member)) === 200);
    await setClaimsAccess(a.url, admin, me.id, false);
    // B holds the member's row: the change poll (250 ms) tells it of A's commit, a second at most bounds it.
    await eventually('b refuses the member', async () => (await claimsStatus(b.url, member)) === 403);
  });
});
