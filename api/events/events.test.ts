import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../testing/harness.ts';
import { claimsStatus, setClaimsAccess } from '../testing/api-process.ts';
import { checkedFetch } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';
import { eventually } from '../testing/webhooks.ts';
import { appendEvent } from './events.repository.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';

let server: RunningServer;
let databaseUrl: string;
let tokens: Record<'admin' | 'otherAdmin' | 'handler' | 'memberWithoutAccess', string>;

async function post(path: string, body: unknown, auth: Record<string, string>, via = server) {
  const res = await checkedFetch(`${via.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { id: string };
  assert.ok(res.status < 300, `${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const createClaim = (company = 'ferreteria', via = server) =>
  post('/claims', claimInput({ company: { id: company, name: company } }), { 'X-Api-Key': API_KEY }, via);

function stream(token: string, lastEventId?: number | string, viaQuery = false, via = server) {
  const url = new URL(`${via.url}/api/v1/events`);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) {
    if (viaQuery) url.searchParams.set('lastEventId', String(lastEventId));
    else headers['Last-Event-ID'] = String(lastEventId);
  }
  return checkedFetch(url, { headers });
}

async function maxEventId(): Promise<number> {
  const row = await server.deps.db.selectFrom('claim_events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Writes `count` claims one after another, yielding between them, while a test reads. */
async function writeConcurrently(count: number, companies: string[]) {
  for (let i = 0; i < count; i++) {
    await createClaim(companies[i % companies.length]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// One API process (and database) for the whole file; the last suite adds a second process.
before(async () => {
  databaseUrl = await createTestDatabaseUrl();
  server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 200 });
  tokens = {
    admin: await signUserToken(JWT_SECRET, USERS.admin),
    otherAdmin: await signUserToken(JWT_SECRET, USERS.otherAdmin),
    handler: await signUserToken(JWT_SECRET, USERS.handler),
    memberWithoutAccess: await signUserToken(JWT_SECRET, USERS.memberWithoutAccess),
  };
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
});

describe('live stream (GET /events)', () => {
  it('answers as an unbuffered event stream with a reconnect hint', async () => {
    const res = await stream(tokens.admin);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('x-accel-buffering'), 'no');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const sse = readSse(res);
    await sse.until(() => sse.messages.some((m) => m.retry === 3000));
    await sse.close();
  });

  it('sends heartbeat comments while idle', async () => {
    const sse = readSse(await stream(tokens.admin));
    await sse.until(() => sse.comments.includes('heartbeat'), 3000);
    await sse.close();
  });

  it('tells a new stream where it starts, so a drop before the first event loses nothing', async () => {
    const first = readSse(await stream(tokens.admin));
    await first.until(() => first.messages.length > 0);
    const opening = first.messages[0]!;
    assert.equal(opening.retry, 3000);
    assert.equal(Number(opening.id), await maxEventId());
    await first.close();
    const missed = await createClaim(); // committed while the client was away
    const second = readSse(await stream(tokens.admin, opening.id));
    await second.until(() => second.events().length === 1);
    assert.equal(JSON.parse(second.events()[0]!.data).claimId, missed.id);
    await second.close();
  });

  it('starts at "now" without Last-Event-ID, then delivers what commits', async () => {
    await createClaim();
    const sse = readSse(await stream(tokens.admin));
    await sse.until(() => sse.messages.length > 0); // the retry hint: the stream is live
    const claim = await createClaim();
    await sse.until(() => sse.events().length === 1);
    const [message] = sse.events();
    assert.equal(message?.event, 'claim.created');
    const event = JSON.parse(message!.data);
    assert.equal(event.claimId, claim.id);
    assert.equal(event.type, 'claim.created');
    assert.equal(String(event.id), message?.id);
    assert.match(event.claimReference, /^SIN-\d{4}-\d{6}$/);
    await sse.close();
  });

  it('replays from Last-Event-ID with no gap and no duplicate while events are being written', async () => {
    for (let i = 0; i < 5; i++) await createClaim(i % 2 ? 'textiles' : 'ferreteria');
    const resumeFrom = (await maxEventId()) - 3;
    const writing = writeConcurrently(40, ['ferreteria', 'textiles']);
    const sse = readSse(await stream(tokens.handler, resumeFrom));
    await writing;
    const last = await maxEventId();
    await sse.until(() => sse.ids().at(-1) === last);
    const expected = Array.from({ length: last - resumeFrom }, (_, i) => resumeFrom + 1 + i);
    assert.deepEqual(sse.ids(), expected);
    await sse.close();
  });

  it('resumes across a dropped connection without losing or repeating an event', async () => {
    const first = readSse(await stream(tokens.admin, await maxEventId()));
    const writing = writeConcurrently(30, ['ferreteria']);
    await first.until(() => first.ids().length >= 5);
    await first.close(); // the network drops mid-burst
    const resumeFrom = first.ids().at(-1)!;
    const second = readSse(await stream(tokens.admin, resumeFrom, true));
    await writing;
    const last = await maxEventId();
    await second.until(() => second.ids().at(-1) === last);
    const all = [...first.ids(), ...second.ids()];
    assert.equal(new Set(all).size, all.length, 'no duplicates');
    assert.deepEqual(all, [...all].sort((a, b) => a - b), 'in order');
    assert.equal(all.length, 30, 'every event of the burst, once');
    await second.close();
  });

  it('shows a company only its own events; handlers see every company', async () => {
    const start = await maxEventId();
    const mine = readSse(await stream(tokens.admin, start));
    const theirs = readSse(await stream(tokens.otherAdmin, start));
    const staff = readSse(await stream(tokens.handler, start));
    const a = await createClaim('ferreteria');
    const b = await createClaim('textiles');
    await staff.until(() => staff.events().length === 2);
    await mine.until(() => mine.events().length === 1);
    await theirs.until(() => theirs.events().length === 1);
    assert.equal(JSON.parse(mine.events()[0]!.data).claimId, a.id);
    assert.equal(JSON.parse(theirs.events()[0]!.data).claimId, b.id);
    // Nothing else trickles in afterwards.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(mine.events().length, 1);
    assert.equal(theirs.events().length, 1);
    await Promise.all([mine.close(), theirs.close(), staff.close()]);
  });

  it('delivers accept and transition events as they commit', async () => {
    const claim = await createClaim();
    const sse = readSse(await stream(tokens.admin, await maxEventId()));
    await post(`/claims/${claim.id}/accept`, {}, { Authorization: `Bearer ${tokens.admin}` });
    await post(`/claims/${claim.id}/transitions`, { to: 'review', note: 'Todo recibido' }, { Authorization: `Bearer ${tokens.handler}` });
    await sse.until(() => sse.events().length === 2);
    assert.deepEqual(sse.events().map((m) => m.event), ['claim.accepted', 'claim.transitioned']);
    const transition = JSON.parse(sse.events()[1]!.data);
    assert.deepEqual(transition.data, { from: 'documentation', to: 'review', note: 'Todo recibido' });
    assert.equal(transition.actor.kind, 'handler');
    assert.equal(transition.actor.name, USERS.handler.name);
    await sse.close();
  });

  it('frees the stream when the client goes away', async () => {
    const openStreams = async (expected: number) => {
      const deadline = Date.now() + 3000;
      while (server.deps.feed.size !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return server.deps.feed.size;
    };
    assert.equal(await openStreams(0), 0, 'earlier tests’ streams are gone');
    const sse = readSse(await stream(tokens.admin));
    await sse.until(() => sse.messages.length > 0);
    assert.equal(server.deps.feed.size, 1);
    await sse.close();
    assert.equal(await openStreams(0), 0);
  });

  it('refuses a malformed Last-Event-ID, a member without access and a missing token', async () => {
    const bad = await stream(tokens.admin, 'abc');
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
    assert.match(((await bad.json()) as { detail: string }).detail, /Last-Event-ID/);
    const noAccess = await stream(tokens.memberWithoutAccess);
    assert.equal(noAccess.status, 403);
    await noAccess.body?.cancel();
    const anonymous = await checkedFetch(`${server.url}/api/v1/events`);
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
  });
});

describe('live stream across processes', { skip: testEngine !== 'postgres' && 'set TEST_DATABASE_URL to a PostgreSQL database' }, () => {
  let other: RunningServer;
  before(async () => {
    // A second API process on the same database, as behind a load balancer.
    // It holds its users' rows for a minute: only a NOTIFY can make it read one again in time.
    other = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 60_000, heldReadsTtlMs: 60_000 });
  });
  after(() => other.close());

  it('wakes a stream on one process when another commits, through LISTEN/NOTIFY', async () => {
    // `other` heartbeats once a minute, so only a NOTIFY from `server` can wake it in time.
    const sse = readSse(await stream(tokens.handler, undefined, false, other));
    await sse.until(() => sse.messages.length > 0);
    const claim = await createClaim('ferreteria', server);
    await sse.until(() => sse.events().length === 1, 10_000);
    assert.equal(JSON.parse(sse.events()[0]!.data).claimId, claim.id);
    await sse.close();
  });

  it('refuses a user on one process once another removed their access, through LISTEN/NOTIFY', async () => {
    const member = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.member)}` };
    const me = (await (await checkedFetch(`${server.url}/api/v1/me`, { headers: member })).json()) as { id: string };
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    await setClaimsAccess(server.url, admin, me.id, true);
    assert.equal(await claimsStatus(other.url, member), 200, 'read there, and held');
    await setClaimsAccess(server.url, admin, me.id, false);
    await eventually('the other process refuses the member', async () => (await claimsStatus(other.url, member)) === 403);
  });

  it('keeps the replay gap-free while two processes write at once', async () => {
    const resumeFrom = await maxEventId();
    const sse = readSse(await stream(tokens.handler, resumeFrom));
    await Promise.all([
      (async () => { for (let i = 0; i < 20; i++) await createClaim('ferreteria', server); })(),
      (async () => { for (let i = 0; i < 20; i++) await createClaim('textiles', other); })(),
    ]);
    const last = await maxEventId();
    await sse.until(() => sse.ids().at(-1) === last);
    assert.deepEqual(sse.ids(), Array.from({ length: last - resumeFrom }, (_, i) => resumeFrom + 1 + i));
    await sse.close();
  });

  it('never lets a later event id become visible while an earlier one is uncommitted', async () => {
    const claim = await createClaim();
    const { db } = server.deps;
    const event = { claimId: claim.id, companyId: 'ferreteria', type: 'claim.transitioned' as const, actor: { kind: 'system' as const, id: null, name: 'test' }, data: {} };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let earlierId = 0;
    const earlier = db.transaction().execute(async (trx) => {
      earlierId = (await appendEvent(trx, event)).id;
      await held; // still uncommitted
    });
    while (earlierId === 0) await new Promise((r) => setTimeout(r, 5));
    const later = db.transaction().execute((trx) => appendEvent(trx, event));
    let visible: unknown[];
    try {
      // Give the later append every chance to commit ahead; it must wait instead.
      await new Promise((r) => setTimeout(r, 300));
      visible = await db.selectFrom('claim_events').select('id').where('id', '>', earlierId).execute();
    } finally {
      release();
      await earlier;
    }
    assert.deepEqual(visible, [], 'nothing after the open append was visible before it committed');
    assert.ok((await later).id > earlierId);
  });
});

