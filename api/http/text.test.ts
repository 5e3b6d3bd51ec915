import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimInput, createTestApi, USERS } from '../testing/harness.ts';

// Every string a request carries goes through the one text helper: what PostgreSQL cannot store
// (NUL) or what is not text at all (a lone surrogate) is a 400 naming the field on both engines,
// never a 5xx and never silently stored or replaced; blank is refused; the rest is trimmed.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
const BLANK = ' \t\n ';

describe('user-supplied text', () => {
  let api: Api;
  let claimId: string;
  let inReview: string;
  before(async () => {
    api = await createTestApi();
    claimId = (await api.createClaim()).id;
    inReview = (await api.createClaim()).id;
    await api.call('admin', 'POST', `/claims/${inReview}/accept`);
  });
  after(() => api.close());

  function assertRefused(res: Awaited<ReturnType<Api['call']>>, field: string) {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.ok(
      res.body.errors.some((e: { field: string }) => e.field === field),
      `${field} is named in ${JSON.stringify(res.body.errors)}`,
    );
    assert.match(res.body.detail, new RegExp(`${field.replace('.', '\\.')}: `));
  }

  describe('in a new claim (POST /claims)', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['externalRef', { externalRef: NUL }],
      ['externalRef', { externalRef: BLANK }],
      ['carrier', { carrier: NUL }],
      ['carrier', { carrier: BLANK }],
      ['trackingNumber', { trackingNumber: LONE_SURROGATE }],
      ['description', { description: NUL }],
      ['description', { description: LONE_SURROGATE }],
      ['description', { description: BLANK }],
      ['description', { description: 'x'.repeat(5001) }],
      ['origin', { origin: NUL }],
      ['destination', { destination: BLANK }],
      ['company.id', { company: { id: NUL } }],
      ['company.name', { company: { id: 'ferreteria', name: NUL } }],
    ];
    for (const [field, overrides] of cases) {
      it(`refuses ${field} = ${JSON.stringify(Object.values(overrides)[0]).slice(0, 30)}`, async () => {
        assertRefused(await api.call('apiKey', 'POST', '/claims', { ...claimInput(), ...overrides }), field);
        const stored = await api.db.selectFrom('claims').select('id').where('claims.id', 'not in', [claimId, inReview]).execute();
        assert.deepEqual(stored, [], 'nothing stored');
      });
    }

    it('stores text trimmed', async () => {
      const res = await api.call('apiKey', 'POST', '/claims', claimInput({ description: '  Palé roto \n', carrier: ' SEUR ' }));
      assert.equal(res.status, 201);
      assert.equal(res.body.description, 'Palé roto');
      assert.equal(res.body.carrier, 'SEUR');
    });
  });

  describe('in the claims routes', () => {
    it('refuses a search or a cursor holding NUL, and takes a blank search for no search', async () => {
      assertRefused(await api.call('admin', 'GET', '/claims?q=%00'), 'q');
      assertRefused(await api.call('admin', 'GET', '/claims?cursor=%00'), 'cursor');
      const blank = await api.call('admin', 'GET', '/claims?q=%20%20');
      assert.equal(blank.status, 200);
      assert.ok(blank.body.items.length >= 2);
    });

    for (const [label, reason] of [['NUL', NUL], ['a lone surrogate', LONE_SURROGATE], ['blank', BLANK]] as const) {
      it(`refuses a decline reason with ${label}`, async () => {
        assertRefused(await api.call('admin', 'POST', `/claims/${claimId}/decline`, { reason }), 'reason');
        assert.equal((await api.call('admin', 'GET', `/claims/${claimId}`)).body.status, 'notified');
      });
    }

    it('refuses a transition note with NUL or a lone surrogate', async () => {
      for (const note of [NUL, LONE_SURROGATE]) {
        assertRefused(await api.call('handler', 'POST', `/claims/${inReview}/transitions`, { to: 'review', note }), 'note');
      }
      assert.equal((await api.call('handler', 'GET', `/claims/${inReview}`)).body.status, 'documentation');
    });
  });

  describe('in a user synced by the host (PUT /companies/:companyId/users/:userId)', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['name', { name: NUL }],
      ['name', { name: BLANK }],
      ['companyName', { companyName: LONE_SURROGATE }],
      ['email', { email: 'pau\u0000@ferreteria.test' }],
    ];
    for (const [field, overrides] of cases) {
      it(`refuses ${field} = ${JSON.stringify(Object.values(overrides)[0])}`, async () => {
        const body = { name: 'Pau Serra', email: 'pau@ferreteria.test', role: 'member', ...overrides };
        assertRefused(await api.call('apiKey', 'PUT', '/companies/ferreteria/users/u-text', body), field);
        const user = await api.db.selectFrom('users').select('id').where('external_id', '=', 'u-text').executeTakeFirst();
        assert.equal(user, undefined);
      });
    }
  });

  describe('in a user token', () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['name', { name: NUL }],
      ['name', { name: LONE_SURROGATE }],
      ['sub', { sub: BLANK }],
      ['company', { company: NUL }],
      ['companyName', { companyName: NUL }],
      ['email', { email: 'pau\u0000@ferreteria.test' }],
    ];
    for (const [claim, overrides] of cases) {
      it(`answers 401 naming ${claim} = ${JSON.stringify(Object.values(overrides)[0])}`, async () => {
        const res = await api.as({ ...USERS.member, sub: 'u-token', ...overrides })('GET', '/me');
        assert.equal(res.status, 401, JSON.stringify(res.body));
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.match(res.body.detail, new RegExp(`invalid claims: ${claim}\\. .*${claim}: must`));
        const user = await api.db.selectFrom('users').select('id').where('external_id', '=', 'u-token').executeTakeFirst();
        assert.equal(user, undefined);
      });
    }
  });

  describe('in the live stream’s query', () => {
    it('refuses a lastEventId with NUL', async () => {
      assertRefused(await api.call('admin', 'GET', '/events?lastEventId=%00'), 'lastEventId');
    });
  });
});
