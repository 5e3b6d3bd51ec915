import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { createApp, liveFeedFor, writePathFor } from '../app.ts';
import { signUserToken } from '../auth/tokens.ts';
import { migrateToLatest, openDatabase } from '../db/connect.ts';
import { createEventBus } from './bus.ts';
import { startServer, type RunningServer, type StartOptions } from '../server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS, type TestUser } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { checkedFetch, checkResponses, loadServedDocument } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';
import { MemoryStorage } from '../storage/memory.ts';

// The live feed's promises, each on the engine TEST_DATABASE_URL names (SQLite by default).
// One database for the file; each suite starts the API process it needs on it.

let databaseUrl: string;
before(async () => {
  databaseUrl = await createTestDatabaseUrl();
});
after(() => dropTestDatabase(databaseUrl));

async function start(options: Partial<StartOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 60_000, ...options });
  await loadServedDocument(server.url);
  return server;
}

async function call(server: RunningServer, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await checkedFetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const bearer = async (user: TestUser, ttlSeconds?: number) => ({ Authorization: `Bearer ${await signUserToken(JWT_SECRET, user, ttlSeconds)}` });

async function createClaim(server: RunningServer, company = 'ferreteria'): Promise<{ id: string }> {
  const res = await call(server, 'POST', '/claims', { 'X-Api-Key': API_KEY }, claimInput({ company: { id: company, name: company } }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function open(server: RunningServer, headers: Record<string, string>, resume?: { header?: string; query?: string }) {
  const url = new URL(`${server.url}/api/v1/events`);
  if (resume?.query !== undefined) url.searchParams.set('lastEventId', resume.query);
  return checkedFetch(url, { headers: { ...headers, ...(resume?.header !== undefined ? { 'Last-Event-ID': resume.header } : {}) } });
}

async function openSse(server: RunningServer, headers: Record<string, string>, resume?: { header?: string; query?: string }) {
  const res = await open(server, headers, resume);
  assert.equal(res.status, 200);
  const sse = readSse(res);
  await sse.until(() => sse.messages.length > 0); // the opening block: the stream is live
  return sse;
}

async function maxEventId(server: RunningServer): Promise<number> {
  const row = await server.deps.db.selectFrom('claim_events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

const claimIdsOf = (sse: ReturnType<typeof readSse>) => sse.events().map((m) => JSON.parse(m.data).claimId as string | undefined);

describe('live feed: Last-Event-ID', () => {
  let server: RunningServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  it('treats the header and the query parameter alike, an empty value as "from now"', async () => {
    const admin = await bearer(USERS.admin);
    await createClaim(server);
    const now = await maxEventId(server);
    for (const resume of [{ header: '' }, { query: '' }, { header: '  ' }, undefined]) {
      const sse = await openSse(server, admin, resume);
      assert.equal(Number(sse.messages[0]!.id), now, `starts at the log's end with ${JSON.stringify(resume)}`);
      await sse.close();
    }
    const behind = String(now - 1);
    for (const resume of [{ header: behind }, { query: behind }]) {
      const sse = await openSse(server, admin, resume);
      await sse.until(() => sse.ids().includes(now));
      assert.deepEqual(sse.ids(), [now], `replays the one event missed with ${JSON.stringify(resume)}`);
      await sse.close();
    }
  });

  it('refuses anything but a safe non-negative integer with a 400 that says what to send', async () => {
    const admin = await bearer(USERS.admin);
    for (const bad of ['100000000000000000000', '-1', '1e3', '12abc', '9007199254740992']) {
      for (const resume of [{ header: bad }, { query: bad }]) {
        const res = await open(server, admin, resume);
        assert.equal(res.status, 400, `${JSON.stringify(resume)}`);
        assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
        assert.match(((await res.json()) as { detail: string }).detail, /Last-Event-ID must be the integer id/);
      }
    }
    const largest = await open(server, admin, { header: String(Number.MAX_SAFE_INTEGER) });
    assert.equal(largest.status, 200, 'the largest safe integer is an id (ahead of the log, so it gets a reset)');
    await largest.body?.cancel();
  });

  it('answers an id ahead of the log with a reset naming where the log is, then goes on live', async () => {
    const admin = await bearer(USERS.admin);
    const end = await maxEventId(server);
    const sse = await openSse(server, admin, { header: String(end + 1000) });
    await sse.until(() => sse.messages.some((m) => m.event === 'reset'));
    const reset = sse.messages.find((m) => m.event === 'reset')!;
    assert.equal(Number(reset.id), end);
    assert.deepEqual(JSON.parse(reset.data), { lastEventId: end });
    const claim = await createClaim(server);
    await sse.until(() => claimIdsOf(sse).includes(claim.id));
    assert.deepEqual(sse.ids(), [end, end + 1], 'the reset, then the next event');
    await sse.close();
  });
});

describe('live feed: streams end when access ends', () => {
  let server: RunningServer;
  before(async () => {
    server = await start({ maxStreamsPerUser: 3 });
  });
  after(() => server.close());

  it('ends a stream when its token expires, having delivered what came before', async () => {
    // exp is in whole seconds, so a 3 s token lasts 2 to 3 s: time for the claim to arrive on a busy machine.
    const sse = await openSse(server, await bearer(USERS.admin, 3));
    const claim = await createClaim(server);
    await sse.until(() => claimIdsOf(sse).includes(claim.id));
    await sse.until(() => sse.ended, 10_000);
    assert.equal(server.deps.feed.size, 0);
  });

  it('ends a member’s open stream when an admin revokes their access; nothing reaches it afterwards', async () => {
    const admin = await bearer(USERS.admin);
    const pau: TestUser = { sub: 'pau', company: 'ferreteria', role: 'member', name: 'Pau Serra', email: 'pau@ferreteria.test' };
    const me = await call(server, 'GET', '/me', await bearer(pau));
    assert.equal((await call(server, 'PATCH', `/users/${me.body.id}`, admin, { claimsAccess: true })).status, 200);
    const sse = await openSse(server, await bearer(pau));
    const before = await createClaim(server);
    await sse.until(() => claimIdsOf(sse).includes(before.id));

    assert.equal((await call(server, 'PATCH', `/users/${me.body.id}`, admin, { claimsAccess: false })).status, 200);
    await sse.until(() => sse.ended);
    const revocation = sse.events().at(-1)!;
    assert.equal(revocation.event, 'user.updated', 'the last thing the stream says is why it ends');
    assert.deepEqual(JSON.parse(revocation.data).data, { claimsAccess: false, notifications: 'in_app' });
    const afterwards = await createClaim(server);
    assert.ok(!claimIdsOf(sse).includes(afterwards.id));
    assert.equal((await open(server, await bearer(pau))).status, 403, 'and it cannot reopen');
  });

  it('keeps at most the configured number of streams per user, ending the oldest', async () => {
    const headers = await bearer(USERS.otherAdmin);
    const streams: Array<ReturnType<typeof readSse>> = [];
    for (let i = 0; i < 4; i++) streams.push(await openSse(server, headers));
    await streams[0]!.until(() => streams[0]!.ended);
    assert.ok(streams.slice(1).every((s) => !s.ended), 'the three newest stay open');
    const claim = await createClaim(server, 'textiles');
    for (const sse of streams.slice(1)) await sse.until(() => claimIdsOf(sse).includes(claim.id));
    await Promise.all(streams.map((s) => s.close()));
  });

  it('shows a settings change to the user it concerns and their company’s admins only', async () => {
    const admin = await bearer(USERS.admin);
    const rosa: TestUser = { sub: 'rosa', company: 'ferreteria', role: 'member', name: 'Rosa Vidal', email: 'rosa@ferreteria.test' };
    const nuria: TestUser = { sub: 'nuria', company: 'ferreteria', role: 'member', name: 'Núria Roig', email: 'nuria@ferreteria.test' };
    const rosaId = (await call(server, 'GET', '/me', await bearer(rosa))).body.id;
    const nuriaId = (await call(server, 'GET', '/me', await bearer(nuria))).body.id;
    for (const id of [rosaId, nuriaId]) await call(server, 'PATCH', `/users/${id}`, admin, { claimsAccess: true });
    const watchers = {
      rosa: await openSse(server, await bearer(rosa)),
      nuria: await openSse(server, await bearer(nuria)),
      admin: await openSse(server, admin),
      otherAdmin: await openSse(server, await bearer(USERS.otherAdmin)),
      handler: await openSse(server, await bearer(USERS.handler)),
    };
    await call(server, 'PATCH', `/users/${rosaId}`, admin, { notifications: 'in_app_and_email' });
    const marker = await createClaim(server); // everyone who sees it has also seen what came before
    await watchers.handler.until(() => claimIdsOf(watchers.handler).includes(marker.id));
    for (const sse of [watchers.rosa, watchers.nuria, watchers.admin]) await sse.until(() => claimIdsOf(sse).includes(marker.id));
    const userEvents = (sse: ReturnType<typeof readSse>) => sse.events().filter((m) => m.event === 'user.updated').map((m) => JSON.parse(m.data).userId);
    assert.deepEqual(userEvents(watchers.rosa), [rosaId]);
    assert.deepEqual(userEvents(watchers.admin), [rosaId]);
    assert.deepEqual(userEvents(watchers.nuria), []);
    assert.deepEqual(userEvents(watchers.handler), []);
    assert.deepEqual(watchers.otherAdmin.events(), []);
    await Promise.all(Object.values(watchers).map((s) => s.close()));
  });
});

describe('live feed: replay across the memory window’s edge', () => {
  let server: RunningServer;
  before(async () => {
    server = await start({ feedWindow: 5 });
  });
  after(() => server.close());

  it('resumes from memory, from the log, and exactly at the edge, with no gap and no duplicate while others write', async () => {
    const handler = await bearer(USERS.handler);
    const first = await maxEventId(server);
    for (let i = 0; i < 12; i++) await createClaim(server, i % 2 ? 'textiles' : 'ferreteria');
    // The window holds the last five events, (end - 5, end]: resume inside it, at its floor,
    // just before it, and far before it.
    for (const behind of [2, 5, 6, 'far'] as const) {
      const end = await maxEventId(server);
      const from = behind === 'far' ? first : end - behind;
      const sse = await openSse(server, handler, { header: String(from) });
      const writing = (async () => {
        for (let i = 0; i < 15; i++) await createClaim(server, i % 2 ? 'textiles' : 'ferreteria');
      })();
      await writing;
      const last = await maxEventId(server);
      await sse.until(() => sse.ids().at(-1) === last);
      assert.deepEqual(sse.ids(), Array.from({ length: last - from }, (_, i) => from + 1 + i), `resuming from ${from}`);
      await sse.close();
    }
  });

  it('replays from the log only what the viewer may see', async () => {
    const from = await maxEventId(server);
    const mine: string[] = [];
    for (let i = 0; i < 10; i++) {
      const claim = await createClaim(server, i % 3 ? 'textiles' : 'ferreteria');
      if (i % 3 === 0) mine.push(claim.id);
    }
    const sse = await openSse(server, await bearer(USERS.admin), { header: String(from) });
    await sse.until(() => claimIdsOf(sse).length === mine.length);
    const marker = await createClaim(server);
    await sse.until(() => claimIdsOf(sse).includes(marker.id));
    assert.deepEqual(claimIdsOf(sse), [...mine, marker.id]);
    await sse.close();
  });
});

describe('live feed: work per commit', () => {
  it('reads the log once per commit however many streams are open, and never per stream', async () => {
    const url = await createTestDatabaseUrl();
    const db = openDatabase(url);
    await migrateToLatest(db);
    let logReads = 0;
    const countLogReads: KyselyPlugin = {
      transformQuery({ node }) {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"claim_events"')) logReads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const bus = createEventBus();
    const feed = liveFeedFor({ db: db.withPlugin(countLogReads), bus, heartbeatMs: 60_000 });
    const app = checkResponses(createApp({ ...writePathFor(db, bus), feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], storage: new MemoryStorage() }));
    try {
      const streams = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const user = { ...(i % 2 ? USERS.handler : USERS.admin), sub: `watcher-${i}` };
          const sse = readSse(await app.request('/api/v1/events', { headers: await bearer(user) }));
          await sse.until(() => sse.messages.length > 0);
          return sse;
        }),
      );
      logReads = 0;
      for (let i = 0; i < 10; i++) {
        const res = await app.request('/api/v1/claims', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
          body: JSON.stringify(claimInput()),
        });
        assert.equal(res.status, 201);
        await Promise.all(streams.map((sse) => sse.until(() => sse.events().length === i + 1)));
      }
      assert.ok(logReads <= 10, `60 open streams, 10 commits: ${logReads} reads of the log`);
      await Promise.all(streams.map((sse) => sse.close()));
    } finally {
      await feed.close();
      await db.destroy();
      await dropTestDatabase(url);
    }
  });
});
