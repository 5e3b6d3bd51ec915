import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimInput, createTestApi, USERS, type Caller } from '../testing/harness.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * Who may do what, across companies. Every claim the routes act on belongs to ferreteria
 * (admin, member, memberWithoutAccess); otherAdmin is an admin of textiles, so a ferreteria
 * claim must be 404 for them — its existence is not revealed — not 403.
 * `member` has been granted claims access by the admin; `memberWithoutAccess` has not.
 */
const CALLERS = ['admin', 'member', 'memberWithoutAccess', 'otherAdmin', 'handler', 'apiKey', 'anonymous'] as const satisfies readonly Caller[];
/** One expected status per caller, in the order of CALLERS. */
type Row = readonly [number, number, number, number, number, number, number];

const MATRIX = {
  //                                      admin member no-access otherAdmin handler apiKey anonymous
  'GET /me':                               [200,  200,   200,      200,       200,    403,   401],
  'GET /claims':                           [200,  200,   403,      200,       200,    200,   401],
  'GET /claims/:id':                       [200,  200,   403,      404,       200,    200,   401],
  'POST /claims':                          [403,  403,   403,      403,       201,    201,   401],
  'POST /claims/:id/accept':               [200,  200,   403,      404,       403,    403,   401],
  'POST /claims/:id/decline':              [200,  200,   403,      404,       403,    403,   401],
  'POST /claims/:id/transitions':          [403,  403,   403,      403,       200,    403,   401],
  'GET /claims/:id/events':                [200,  200,   403,      404,       200,    200,   401],
  'GET /events':                           [200,  200,   403,      200,       200,    200,   401],
  'GET /users':                            [200,  403,   403,      200,       403,    403,   401],
  'PATCH /users/:id':                      [200,  403,   403,      404,       403,    403,   401],
  'PUT /companies/:companyId/users/:id':   [403,  403,   403,      403,       403,    201,   401],
} satisfies Record<string, Row>;

type Route = keyof typeof MATRIX;
interface Request {
  method: string;
  path: string;
  body?: unknown;
}

let api: TestApi;
let sequence = 0;

/** A ferreteria claim waiting in `notified`, fresh for each cell that would change it. */
const notifiedClaim = () => api.createClaim();

async function claimInDocumentation() {
  const claim = await api.createClaim();
  const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
  assert.equal(accepted.status, 200, 'setup: the admin accepts the claim');
  return claim;
}

/** A ferreteria user the host synced, so PATCHing it changes nobody the matrix calls as. */
async function ferreteriaUserToPatch() {
  const res = await api.call('apiKey', 'PUT', `/companies/ferreteria/users/patch-target-${++sequence}`, {
    name: 'Rosa Vidal',
    email: 'rosa@ferreteria.test',
    role: 'member',
  });
  assert.equal(res.status, 201, 'setup: the host syncs the user');
  return res.body as { id: string };
}

/** How to call each route: set up what it needs, then the request. */
const REQUESTS: Record<Route, () => Promise<Request>> = {
  'GET /me': async () => ({ method: 'GET', path: '/me' }),
  'GET /claims': async () => ({ method: 'GET', path: '/claims' }),
  'GET /claims/:id': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}` }),
  'POST /claims': async () => ({ method: 'POST', path: '/claims', body: claimInput() }),
  'POST /claims/:id/accept': async () => ({ method: 'POST', path: `/claims/${(await notifiedClaim()).id}/accept` }),
  'POST /claims/:id/decline': async () => ({
    method: 'POST',
    path: `/claims/${(await notifiedClaim()).id}/decline`,
    body: { reason: 'We will handle it with the carrier directly.' },
  }),
  'POST /claims/:id/transitions': async () => ({
    method: 'POST',
    path: `/claims/${(await claimInDocumentation()).id}/transitions`,
    body: { to: 'review', note: 'Documents look complete.' },
  }),
  'GET /claims/:id/events': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}/events` }),
  'GET /events': async () => ({ method: 'GET', path: '/events' }),
  'GET /users': async () => ({ method: 'GET', path: '/users' }),
  'PATCH /users/:id': async () => ({
    method: 'PATCH',
    path: `/users/${(await ferreteriaUserToPatch()).id}`,
    body: { notifications: 'in_app_and_email' },
  }),
  'PUT /companies/:companyId/users/:id': async () => ({
    method: 'PUT',
    path: `/companies/ferreteria/users/synced-${++sequence}`,
    body: { name: 'Tomás Ibáñez', email: 'tomas@ferreteria.test', role: 'member' },
  }),
};

/** GET /events never ends: read its status and content type, then hang up. */
async function openStream(caller: Caller, path: string) {
  const res = await api.app.request(`/api/v1${path}`, { headers: await api.headersFor(caller) });
  if (res.status === 200) {
    const contentType = res.headers.get('content-type');
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: undefined, contentType };
  }
  return { status: res.status, headers: res.headers, body: await res.json(), contentType: res.headers.get('content-type') };
}

describe('access matrix: route × caller', () => {
  before(async () => {
    api = await createTestApi();
    await api.grantAccess('member');
  });
  after(() => api.close());

  for (const [route, statuses] of Object.entries(MATRIX) as Array<[Route, Row]>) {
    describe(route, () => {
      CALLERS.forEach((caller, column) => {
        const expected = statuses[column]!;
        it(`${caller} → ${expected}`, async () => {
          const request = await REQUESTS[route]();
          if (route === 'GET /events') {
            const res = await openStream(caller, request.path);
            assert.equal(res.status, expected, JSON.stringify(res.body));
            if (expected === 200) assert.match(res.contentType ?? '', /^text\/event-stream/);
            else assertProblem(res, expected);
            return;
          }
          const res = await api.call(caller, request.method, request.path, request.body);
          assert.equal(res.status, expected, `${caller} ${route}: ${JSON.stringify(res.body)}`);
          if (expected >= 400) assertProblem(res, expected);
        });
      });
    });
  }
});

function assertProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.status, status);
  assert.ok(typeof res.body.detail === 'string' && res.body.detail.length > 0, 'a problem says what to do');
  if (status === 401) assert.ok(res.headers.get('www-authenticate'), 'a 401 says how to authenticate');
}

describe('access: what the statuses mean', () => {
  before(async () => {
    api = await createTestApi();
    await api.grantAccess('member');
  });
  after(() => api.close());

  it('tells a member without access to ask an administrator', async () => {
    const res = await api.call('memberWithoutAccess', 'GET', '/claims');
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /administrator/);
  });

  it('does not reveal another company’s claim: 404 like a claim that does not exist', async () => {
    const claim = await api.createClaim();
    const foreign = await api.call('otherAdmin', 'GET', `/claims/${claim.id}`);
    const missing = await api.call('otherAdmin', 'GET', '/claims/clm_does_not_exist');
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(foreign.body.title, missing.body.title);
    assert.doesNotMatch(foreign.body.detail, /ferreteria/i);
  });

  it('lists only the caller’s company claims to a customer admin', async () => {
    const ferreteria = await api.createClaim();
    const textiles = await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    const theirs = await api.call('otherAdmin', 'GET', '/claims?limit=100');
    assert.equal(theirs.status, 200);
    const ids = theirs.body.items.map((c: { id: string }) => c.id);
    assert.ok(ids.includes(textiles.id));
    assert.equal(theirs.body.items.filter((c: { companyId: string }) => c.companyId === 'ferreteria').length, 0);
    assert.ok(!ids.includes(ferreteria.id));

    const ours = await api.call('admin', 'GET', '/claims?limit=100');
    assert.deepEqual(new Set(ours.body.items.map((c: { companyId: string }) => c.companyId)), new Set(['ferreteria']));
  });

  it('lets the handler and the host backend see claims of every company', async () => {
    await api.createClaim();
    await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    for (const caller of ['handler', 'apiKey'] as const) {
      const res = await api.call(caller, 'GET', '/claims?limit=100');
      assert.equal(res.status, 200);
      const companies = new Set(res.body.items.map((c: { companyId: string }) => c.companyId));
      assert.ok(companies.has('ferreteria') && companies.has('textiles'), `${caller} sees both companies`);
    }
  });

  it('keeps another company’s admin from patching a ferreteria user: 404', async () => {
    const users = await api.call('admin', 'GET', '/users');
    const jordi = users.body.items.find((u: { externalId: string }) => u.externalId === USERS.member.sub);
    const res = await api.call('otherAdmin', 'PATCH', `/users/${jordi.id}`, { claimsAccess: false });
    assert.equal(res.status, 404);
    const after = await api.call('member', 'GET', '/me');
    assert.equal(after.body.claimsAccess, true, 'the foreign PATCH changed nothing');
  });

  it('answers a repeated user sync from the host with 200', async () => {
    const body = { name: 'Tomás Ibáñez', email: 'tomas@ferreteria.test', role: 'member' };
    assert.equal((await api.call('apiKey', 'PUT', '/companies/ferreteria/users/tomas', body)).status, 201);
    assert.equal((await api.call('apiKey', 'PUT', '/companies/ferreteria/users/tomas', body)).status, 200);
  });

  it('takes claims access away from a member when the admin revokes it', async () => {
    const pauCalls = api.as({ sub: 'pau', company: 'ferreteria', role: 'member', name: 'Pau Serra', email: 'pau@ferreteria.test' });
    const asPau = (path: string) => pauCalls('GET', path);
    const pau = await asPau('/me');
    assert.equal((await asPau('/claims')).status, 403, 'a new member has no access');

    const grant = await api.call('admin', 'PATCH', `/users/${pau.body.id}`, { claimsAccess: true });
    assert.equal(grant.status, 200);
    assert.equal((await asPau('/claims')).status, 200, 'granted');

    const revoke = await api.call('admin', 'PATCH', `/users/${pau.body.id}`, { claimsAccess: false });
    assert.equal(revoke.status, 200);
    const res = await asPau('/claims');
    assert.equal(res.status, 403, 'revoked');
    assert.match(res.body.detail, /administrator/);
  });

  it('never takes claims access away from an admin', async () => {
    const me = await api.call('admin', 'GET', '/me');
    const res = await api.call('admin', 'PATCH', `/users/${me.body.id}`, { claimsAccess: false });
    assert.equal(res.status, 200);
    assert.equal(res.body.claimsAccess, true, 'the admin is still reported as having access');
    assert.equal((await api.call('admin', 'GET', '/claims')).status, 200);
    assert.equal((await api.call('admin', 'GET', '/me')).body.claimsAccess, true);
  });
});
