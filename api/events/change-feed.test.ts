import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EVENT_TYPES, SIGNAL_TYPES } from '../../domain/constants.ts';
import { createTestApi, type Caller } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';
import { eventsById } from './events.repository.ts';
import { eventJson, type EventPage, type LiveEvent } from './events.schema.ts';
import { record } from './record.ts';

// The change feed (GET /events as JSON pages), on the engine TEST_DATABASE_URL names. One API
// and one log for the file: a few hundred events of two companies, mostly the other company's
// first, so that reading the log and filtering afterwards would come back short or empty.

let api: Awaited<ReturnType<typeof createTestApi>>;
let claims: Record<'ferreteria' | 'textiles', { id: string; companyId: string }>;
let jordi: string;

interface Row {
  id: number;
  companyId: string;
  claimId: string | null;
  userId: string | null;
}

/** Every event of the log, read straight from the table. */
async function log(): Promise<Row[]> {
  const rows = await api.db.selectFrom('claim_events').select(['id', 'company_id', 'claim_id', 'user_id']).orderBy('id').execute();
  return rows.map((row) => ({ id: Number(row.id), companyId: row.company_id, claimId: row.claim_id, userId: row.user_id }));
}

/** What each caller may see, said once more, plainly, for the test to hold the SQL to. */
const SEES: Partial<Record<Caller, (row: Row) => boolean>> = {
  admin: (row) => row.companyId === 'ferreteria',
  member: (row) => row.companyId === 'ferreteria' && (row.claimId !== null || row.userId === jordi),
  otherAdmin: (row) => row.companyId === 'textiles',
  companyKey: (row) => row.companyId === 'ferreteria' && row.claimId !== null,
  handler: (row) => row.claimId !== null,
  apiKey: (row) => row.claimId !== null,
};

async function visibleIds(caller: Caller): Promise<number[]> {
  return (await log()).filter(SEES[caller]!).map((row) => row.id);
}

/** Appends `count` message.read events on the company's claim in one change (cheap: no reaction writes for them). */
async function readEvents(company: keyof typeof claims, count: number): Promise<void> {
  const claim = claims[company];
  await record(api, async (_trx, append) => {
    for (let i = 0; i < count; i++) {
      await append({ type: 'message.read', claimId: claim.id, companyId: claim.companyId, actor: { kind: 'system', id: null, name: 'Claimdesk' }, data: { message: { id: `msg_${i}` } } });
    }
  });
}

async function page(caller: Caller, query: string, headers: Record<string, string> = {}) {
  return api.call(caller, 'GET', `/events${query}`, undefined, headers);
}

/** Pages through the whole feed as `caller`, checking that no page but the last comes back short. */
async function pageThrough(caller: Caller, limit: number, from = 0): Promise<{ items: LiveEvent[]; last: EventPage }> {
  const items: LiveEvent[] = [];
  for (let cursor = from; ; ) {
    const res = await page(caller, `?after=${cursor}&limit=${limit}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const body = res.body as EventPage;
    items.push(...body.items);
    if (!body.hasMore) return { items, last: body };
    assert.equal(body.items.length, limit, 'a page comes back full while more events are visible');
    assert.equal(body.nextAfter, body.items.at(-1)!.id);
    cursor = body.nextAfter;
  }
}

before(async () => {
  api = await createTestApi();
  claims = { ferreteria: await api.createClaim(), textiles: await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } }) };
  await api.grantAccess('member');
  jordi = (await api.call('member', 'GET', '/me')).body.id;
  await api.call('memberWithoutAccess', 'GET', '/me');
  await api.call('otherAdmin', 'PATCH', '/company', { defaultNotifications: 'in_app_and_email' });
  // The other company's events first: a first page read from the log and filtered afterwards would be empty.
  await readEvents('textiles', 260);
  for (let i = 0; i < 6; i++) {
    await readEvents('ferreteria', 17);
    await readEvents('textiles', 23);
  }
  await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app' });
});
after(() => api.close());

describe('change feed (GET /events?after=)', () => {
  for (const caller of ['admin', 'member', 'otherAdmin', 'companyKey', 'handler', 'apiKey'] as const) {
    it(`pages ${caller} through every event they may see, once and in order, each page full but the last`, async () => {
      const expected = await visibleIds(caller);
      assert.ok(expected.length > 100, `${caller} sees ${expected.length} events`);
      const { items, last } = await pageThrough(caller, 37);
      assert.deepEqual(items.map((event) => event.id), expected);
      assert.equal(last.nextAfter, (await log()).at(-1)!.id, 'the last page ends at the end of the log');
      assert.equal(last.reset, false);
    });
  }

  it('never shows a company’s users another company’s events, however many come first', async () => {
    const expected = await visibleIds('admin');
    const first = await page('admin', '?after=0&limit=100');
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.items.map((event: LiveEvent) => event.id), expected.slice(0, 100));
    assert.equal(first.body.hasMore, true);
    for (const [caller, company] of [['admin', 'ferreteria'], ['member', 'ferreteria'], ['otherAdmin', 'textiles'], ['companyKey', 'ferreteria']] as const) {
      const { items } = await pageThrough(caller, 500);
      assert.ok(items.every((event) => event.companyId === company), caller);
    }
    const { items: theirs } = await pageThrough('member', 500);
    assert.ok(theirs.every((event) => !('userId' in event) || event.userId === jordi), 'a member sees the user events about themselves only');
    assert.ok(!theirs.some((event) => event.type === 'company.updated'), 'company events are for administrators');
  });

  it('shows the API key and handlers every company’s claim events', async () => {
    for (const caller of ['apiKey', 'handler'] as const) {
      const { items } = await pageThrough(caller, 500);
      assert.deepEqual(new Set(items.map((event) => event.companyId)), new Set(['ferreteria', 'textiles']), caller);
      assert.ok(items.every((event) => 'claimId' in event), caller);
    }
  });

  it('refuses a member without claims access, as the stream does', async () => {
    for (const [query, headers] of [['?after=0', {}], ['', { Accept: 'application/json' }]] as const) {
      const res = await page('memberWithoutAccess', query, headers);
      assert.equal(res.status, 403);
      assert.equal(res.body.type, 'https://claimdesk.dev/problems/no-claims-access');
    }
  });

  it('refuses a bad after or limit with a 400 that names it', async () => {
    for (const [query, field] of [
      ['?after=abc', 'after'],
      ['?after=-1', 'after'],
      ['?after=1.5', 'after'],
      ['?after=0&limit=0', 'limit'],
      ['?after=0&limit=501', 'limit'],
      ['?after=0&limit=many', 'limit'],
      ['?limit=10', 'limit'],
      ['?after=0&lastEventId=5', 'lastEventId'],
    ] as const) {
      const res = await page('admin', query);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.type, 'https://claimdesk.dev/problems/invalid-request', query);
      assert.deepEqual(res.body.errors.map((error: { field: string }) => error.field), [field], query);
      assert.match(res.body.detail, new RegExp(field), query);
    }
    const withHeader = await page('admin', '?after=0', { 'Last-Event-ID': '5' });
    assert.equal(withHeader.status, 400);
    assert.match(withHeader.body.detail, /Last-Event-ID .* resume the stream/);
  });

  it('answers an after at the end with an empty page, and one past it with a reset to the end', async () => {
    const end = (await log()).at(-1)!.id;
    const atEnd = await page('admin', `?after=${end}`);
    assert.deepEqual(atEnd.body, { items: [], nextAfter: end, hasMore: false, reset: false });
    const ahead = await page('admin', `?after=${end + 1000}`);
    assert.deepEqual(ahead.body, { items: [], nextAfter: end, hasMore: false, reset: true });
  });

  it('moves nextAfter past what the caller is not shown, so the next poll starts there', async () => {
    const before = (await log()).at(-1)!.id;
    await readEvents('textiles', 5);
    const res = await page('admin', `?after=${before}`);
    assert.deepEqual(res.body, { items: [], nextAfter: before + 5, hasMore: false, reset: false });
  });

  it('picks the page by `after` or by Accept, and the stream for every client as before', async () => {
    const json = await page('admin', '?limit=3', { Accept: 'application/json' });
    assert.equal(json.status, 200);
    assert.deepEqual(json.body.items.map((event: LiveEvent) => event.id), (await visibleIds('admin')).slice(0, 3), 'without after, from the start');
    assert.match(json.headers.get('vary') ?? '', /Accept/);
    const headers = await api.headersFor('admin');
    for (const accept of [undefined, '*/*', 'text/event-stream', 'application/json, text/event-stream']) {
      const res = await api.app.request('/api/v1/events', { headers: { ...headers, ...(accept ? { Accept: accept } : {}) } });
      assert.equal(res.status, 200, accept);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/, accept);
      await res.body!.cancel();
    }
  });

  it('gives each event the JSON the stream gives it, and that webhooks read by id', async () => {
    const expected = await visibleIds('admin');
    const res = await api.app.request('/api/v1/events', { headers: { ...(await api.headersFor('admin')), 'Last-Event-ID': '0' } });
    const sse = readSse(res);
    await sse.until(() => sse.ids().length >= expected.length);
    await sse.close();
    const raw = await api.app.request(`/api/v1/events?after=0&limit=500`, { headers: await api.headersFor('admin') });
    const text = await raw.text();
    const items = (JSON.parse(text) as EventPage).items;
    const stored = await eventsById(api.db, expected);
    assert.equal(items.length, expected.length);
    for (const [i, message] of sse.events().entries()) {
      const item = items[i]!;
      assert.equal(Number(message.id), item.id);
      assert.equal(message.event, item.type);
      assert.equal(message.data, eventJson(item));
      assert.ok(text.includes(message.data), `event ${item.id} is in the page byte for byte`);
      assert.equal(eventJson(stored[i]!), message.data);
    }
  });

  it('yields every event once and in order while events are being written', async () => {
    const start = (await log()).at(-1)!.id;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 30; i++) {
        await readEvents(i % 2 ? 'ferreteria' : 'textiles', 3);
        await new Promise((resolve) => setImmediate(resolve));
      }
      writing = false;
    })();
    const seen: number[] = [];
    for (let cursor = start; ; ) {
      const done = !writing;
      const res = await page('admin', `?after=${cursor}&limit=7`);
      seen.push(...res.body.items.map((event: LiveEvent) => event.id));
      cursor = res.body.nextAfter;
      if (done && !res.body.hasMore) break;
      // A poller's next request comes later: in-process and on SQLite, nothing else would run meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    assert.deepEqual(seen, (await visibleIds('admin')).filter((id) => id > start));
  });
});

describe('the event vocabulary in the OpenAPI document', () => {
  it('describes both answers of GET /events, and names every event and signal', async () => {
    const doc = (await api.call('anonymous', 'GET', '/openapi.json')).body;
    const operation = doc.paths['/events'].get;
    assert.equal(operation.operationId, 'streamEvents');
    assert.deepEqual(Object.keys(operation.responses['200'].content).sort(), ['application/json', 'text/event-stream']);
    assert.deepEqual(operation.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/EventPage' });
    assert.deepEqual(doc.components.schemas.EventPage.properties.items.items, { $ref: '#/components/schemas/LiveEvent' });
    for (const name of [...EVENT_TYPES, ...SIGNAL_TYPES]) assert.ok(operation.description.includes(`| \`${name}\` |`), name);
  });
});
