import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { viewEtag, viewNotModified } from '../http/conditional.ts';
import { signUserToken } from '../auth/tokens.ts';
import { createTestApi, JWT_SECRET, type Caller, type TestUser } from '../testing/harness.ts';
import { ClaimSummarySchema } from './claims.schema.ts';

// A page of claims and a claim carry an ETag for their reader, drawn from what they are made of
// (api/http/conditional.ts, viewEtag): sent back as If-None-Match it is answered 304 while the
// caller would get the same, and never once anything they are shown changed, nor to anyone else.

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

const company = { id: 'revalida', name: 'Revalida S.L.' };
const ADMIN: TestUser = { sub: 'rosa', company: company.id, companyName: company.name, role: 'admin', name: 'Rosa Vidal', email: 'rosa@revalida.test' };
const MEMBER: TestUser = { sub: 'raul', company: company.id, role: 'member', name: 'Raúl Vidal', email: 'raul@revalida.test' };
const OTHER: TestUser = { sub: 'olga', company: 'otra', companyName: 'Otra S.A.', role: 'admin', name: 'Olga Paz', email: 'olga@otra.test' };

const admin = () => api.as(ADMIN);
const member = () => api.as(MEMBER);
const other = () => api.as(OTHER);

/** GET `path` as `who`, sending `etag` as If-None-Match when given. */
function get(who: ReturnType<Api['as']> | Caller, path: string, etag?: string) {
  const headers: Record<string, string> = etag === undefined ? {} : { 'If-None-Match': etag };
  return typeof who === 'string' ? api.call(who, 'GET', path, undefined, headers) : who('GET', path, undefined, headers);
}

/** A claim of the company, opened by the host backend. */
async function open(overrides: Record<string, unknown> = {}) {
  const res = await api.call('apiKey', 'POST', '/claims', {
    company,
    externalRef: `REV-${Math.random().toString(36).slice(2)}`,
    type: 'breakage',
    goods: 'pallet',
    scope: 'international',
    carrier: 'Palletways',
    trackingNumber: 'PW-1',
    description: 'Palé con azulejos rotos.',
    incidentAt: '2026-11-20T09:30:00Z',
    declaredValue: { amountCents: 184_000, currency: 'EUR' },
    grossWeightKg: 320,
    ...overrides,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; deadlineAt: string };
}

/**
 * Whether If-None-Match `sent` still names what `who` gets at `path`: a 304 (with no body, and
 * `held`, the tag it matched) or a 200.
 */
async function stillCurrent(who: ReturnType<Api['as']> | Caller, path: string, sent: string, held = sent): Promise<boolean> {
  const res = await get(who, path, sent);
  if (res.status === 304) {
    assert.equal(res.body, '', 'a 304 has no body');
    assert.equal(res.headers.get('etag'), held);
    assert.equal(res.headers.get('cache-control'), 'private, no-cache');
    return true;
  }
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.notEqual(res.headers.get('etag'), held, 'a 200 carries another tag');
  return false;
}

let claimId: string;
const LIST = `/claims?companyId=${company.id}&view=summary`;

before(async () => {
  api = await createTestApi();
  // The company's admin and member exist, and the member has claims access.
  await admin()('GET', '/me');
  await member()('GET', '/me');
  const users = await admin()('GET', '/users');
  const raul = users.body.items.find((u: { externalId: string }) => u.externalId === MEMBER.sub);
  assert.equal((await admin()('PATCH', `/users/${raul.id}`, { claimsAccess: true })).status, 200);
  claimId = (await open()).id;
  await open();
});
after(() => api.close());

describe('conditional requests on claims (ETag, If-None-Match)', () => {
  it('answers 304 to the exact tag of what the caller would get, and 200 to anything else', async () => {
    for (const path of ['/claims', '/claims?view=summary', `/claims/${claimId}`]) {
      const first = await get(admin(), path);
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"[\w-]+\.[\w-]+(\.[0-9a-z]+)?"$/);
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');
      assert.ok(await stillCurrent(admin(), path, etag), `${path}: revalidated unchanged`);
      assert.ok(await stillCurrent(admin(), path, `"other", W/${etag}`, etag), `${path}: If-None-Match compares weakly, among several tags`);
      const offByOne = etag.replace(/(.)(")$/, (_, last: string, quote: string) => `${last === 'x' ? 'y' : 'x'}${quote}`);
      assert.ok(!(await stillCurrent(admin(), path, offByOne)), `${path}: a tag one character off`);
      assert.ok(!(await stillCurrent(admin(), path, '*')), `${path}: * is not a view the client holds`);
    }
    const page = await get(admin(), '/claims');
    assert.ok(!(await stillCurrent(admin(), '/claims?type=loss', page.headers.get('etag')!)), 'another query is another page');
    assert.ok(!(await stillCurrent(admin(), '/claims?view=summary', page.headers.get('etag')!)), 'another view is another page');
  });

  it('moves a page’s and a claim’s tag when what they show changes: a move, a message, a read, a rename', async () => {
    const paths = [LIST, `/claims/${claimId}`];
    const tagsOf = async (who: ReturnType<Api['as']>) => Promise.all(paths.map(async (path) => (await get(who, path)).headers.get('etag')!));
    const changes: [string, () => Promise<unknown>][] = [
      ['the claim accepted', () => admin()('POST', `/claims/${claimId}/accept`)],
      ['a message by the handler: an unread count', () => api.call('handler', 'POST', `/claims/${claimId}/messages`, { body: 'Hola', clientId: `m-${Date.now()}` })],
      [
        'the conversation read',
        async () => {
          const messages = await admin()('GET', `/claims/${claimId}/messages`);
          return admin()('POST', `/claims/${claimId}/read`, { messageId: messages.body.items[0].id });
        },
      ],
      ['the company renamed by a token', () => api.as({ ...ADMIN, companyName: 'Revalida Logística S.L.' })('GET', '/me')],
    ];
    for (const [change, make] of changes) {
      const before = await tagsOf(admin());
      await make();
      for (const [i, path] of paths.entries()) assert.ok(!(await stillCurrent(admin(), path, before[i]!)), `${change}: ${path}`);
    }
  });

  it('moves the handler’s tags when a liability rate is recorded, which changes the limits they see', async () => {
    const paths = ['/claims?view=summary', `/claims/${claimId}`];
    const before = await Promise.all(paths.map(async (path) => (await get('handler', path)).headers.get('etag')!));
    const recorded = await api.call('handler', 'POST', '/liability-rates', { kind: 'eur-per-sdr', value: '1.1500', effectiveFrom: '2026-01-01' });
    assert.ok(recorded.status === 201 || recorded.status === 200, JSON.stringify(recorded.body));
    for (const [i, path] of paths.entries()) assert.ok(!(await stillCurrent('handler', path, before[i]!)), path);
  });

  it('never answers 304 to another reader, another company, or a reader who lost access', async () => {
    const path = `/claims/${claimId}`;
    const admins = (await get(admin(), path)).headers.get('etag')!;
    const members = (await get(member(), path)).headers.get('etag')!;
    assert.notEqual(admins, members, 'two readers never share a tag');
    assert.ok(!(await stillCurrent(member(), path, admins)), 'the admin’s tag is not the member’s view');
    assert.equal((await get(other(), path, admins)).status, 404, 'another company’s claim is not found, tag or no tag');
    const page = (await get(admin(), LIST)).headers.get('etag')!;
    const others = await get(other(), LIST, page);
    assert.equal(others.status, 400, 'another company in companyId is refused');
    const own = await get(other(), '/claims?view=summary', page);
    assert.equal(own.status, 200, 'another company’s own list is its own');
    assert.deepEqual(own.body.items, []);
    // The admin takes the member's access away: a 403, never a 304 of what they held.
    const users = await admin()('GET', '/users');
    const raul = users.body.items.find((u: { externalId: string }) => u.externalId === MEMBER.sub);
    assert.equal((await admin()('PATCH', `/users/${raul.id}`, { claimsAccess: false })).status, 200);
    assert.equal((await get(member(), path, members)).status, 403);
    assert.equal((await admin()('PATCH', `/users/${raul.id}`, { claimsAccess: true })).status, 200);
    assert.ok(await stillCurrent(member(), path, members), 'access given back: the claim is as they held it');
    // The same person with another role sees the claim otherwise: another reader, another tag.
    assert.ok(!(await stillCurrent(api.as({ ...MEMBER, role: 'admin' }), path, members)), 'a member made admin');
  });

  it('answers from the versions a process holds until it hears of a commit: at once in the process that made it, on its bus in another', async () => {
    // A second process on the same database, holding what it reads for a minute unless its bus says otherwise.
    const there = api.anotherProcess({ heldReadsTtlMs: 60_000 });
    const token = `Bearer ${await signUserToken(JWT_SECRET, ADMIN)}`;
    const getThere = async (path: string, etag?: string) => {
      const res = await there.app.request(`/api/v1${path}`, { headers: { Authorization: token, ...(etag === undefined ? {} : { 'If-None-Match': etag }) } });
      await res.arrayBuffer();
      return { status: res.status, etag: res.headers.get('etag') };
    };
    const paths = [LIST, `/claims/${claimId}`];
    for (const path of paths) {
      const first = await getThere(path);
      assert.equal(first.status, 200);
      assert.equal((await getThere(path, first.etag!)).status, 304, `${path}: held there now`);
      const here = (await get(admin(), path)).headers.get('etag')!;
      assert.equal(here, first.etag, `${path}: both processes draw the same view`);
      // A message appended here: this process forgot what it held when the change committed.
      assert.equal((await api.call('handler', 'POST', `/claims/${claimId}/messages`, { body: `Otra ${path}`, clientId: `held-${path}` })).status, 201);
      assert.ok(!(await stillCurrent(admin(), path, here)), `${path}: 200 at once where the change was made`);
      assert.equal((await getThere(path, first.etag!)).status, 304, `${path}: not heard of there yet, within a minute: still what it held`);
      // What the other process's bus does when PostgreSQL's NOTIFY or the SQLite poll tells of another's commit.
      there.bus.committed(0);
      const after = await getThere(path, first.etag!);
      assert.equal(after.status, 200, `${path}: read again there once heard of`);
      assert.notEqual(after.etag, first.etag);
    }
  });

  it('tags a page with when it changes by the clock alone: the soonest running deadline, past which it matches nothing', async () => {
    const running = await open({ incidentAt: new Date(Date.now() - 3_600_000).toISOString() });
    const page = await get(admin(), `/claims?companyId=${company.id}&status=notified&view=summary`);
    type Row = { deadlineAt: string; deadline: { state: string } };
    const soonest = Math.min(...page.body.items.filter((claim: Row) => claim.deadline.state === 'running').map((claim: Row) => Date.parse(claim.deadlineAt)));
    assert.ok(page.body.items.some((claim: { id: string }) => claim.id === running.id));
    const etag = page.headers.get('etag')!;
    assert.equal(parseInt(etag.slice(1, -1).split('.')[2]!, 36), soonest + 1, 'valid until the deadline is missed');
    const view = ['what', 'the', 'page', 'is', 'drawn', 'from'];
    const tag = viewEtag('7', view, soonest + 1);
    assert.equal(viewNotModified(tag, '7', view, soonest), tag);
    assert.equal(viewNotModified(tag, '7', view, soonest + 1), null, 'once the deadline is missed, the page is drawn again');
    // At risk is a window from now: which claims are in it changes with the clock, so such a page has no tag.
    assert.equal((await get(admin(), '/claims?deadline=at_risk&view=summary')).headers.get('etag'), null);
  });
});

describe('claim summaries (GET /claims?view=summary)', () => {
  for (const who of ['admin', 'handler', 'apiKey'] as const) {
    it(`give each claim’s fields as the claim itself does, to the ${who}`, async () => {
      const reader = who === 'admin' ? admin() : who;
      const summaries = await get(reader, `/claims?companyId=${company.id}&view=summary&limit=100`);
      const full = await get(reader, `/claims?companyId=${company.id}&limit=100`);
      assert.equal(summaries.status, 200, JSON.stringify(summaries.body));
      assert.deepEqual(summaries.body.counts, full.body.counts);
      assert.deepEqual(
        summaries.body.items.map((claim: { id: string }) => claim.id),
        full.body.items.map((claim: { id: string }) => claim.id),
      );
      assert.ok(summaries.body.items.length >= 2);
      for (const summary of summaries.body.items) {
        const claim = (await get(reader, `/claims/${summary.id}`)).body;
        // The summary's schema keeps of a claim what a row shows, and drops the rest.
        assert.deepEqual(summary, ClaimSummarySchema.parse(claim), `${who}: ${summary.id}`);
        if (who !== 'admin') assert.ok('liabilityLimit' in summary, 'the operator’s side sees the limit in a row too');
      }
    });
  }

  it('pages as whole claims page, in every sort', async () => {
    for (const sort of ['newest', 'deadline', 'updated']) {
      const ids = async (view: string) => {
        const seen: string[] = [];
        for (let cursor = ''; ; ) {
          const page = await get('handler', `/claims?companyId=${company.id}&sort=${sort}&limit=1&view=${view}${cursor && `&cursor=${encodeURIComponent(cursor)}`}`);
          assert.equal(page.status, 200, JSON.stringify(page.body));
          seen.push(...page.body.items.map((claim: { id: string }) => claim.id));
          if (!page.body.nextCursor) return seen;
          cursor = page.body.nextCursor;
        }
      };
      assert.deepEqual(await ids('summary'), await ids('full'), sort);
    }
  });

  it('refuses a view it does not know, saying which there are', async () => {
    const res = await get(admin(), '/claims?view=compact');
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body.errors), /full or summary/);
  });
});
