import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { warnOfDeadlines } from '../notifications/deadline-watch.ts';
import { claimInput, createTestApi } from '../testing/harness.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

async function open(overrides: Parameters<typeof claimInput>[0] = {}) {
  const res = await api.call('apiKey', 'POST', '/claims', claimInput(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; reference: string; updatedAt: string; deadlineAt: string };
}

const amend = (id: string, patch: unknown, headers: Record<string, string> = {}) => api.call('apiKey', 'PATCH', `/claims/${id}`, patch, headers);

async function events(id: string) {
  return (await api.call('admin', 'GET', `/claims/${id}/events`)).body.items as { type: string; actor: { kind: string; id: string | null; name: string }; data: { changes?: Change[] } }[];
}

describe('amending a claim (PATCH /claims/{id})', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  it('corrects facts of the incident and logs each field before and after, by whoever sent it', async () => {
    const claim = await open({ description: 'Palé con cajas rotas', declaredValue: { amountCents: 100_000, currency: 'EUR' }, packages: 12 });
    const res = await amend(claim.id, { description: '  Palé con 4 cajas rotas ', declaredValue: { amountCents: 120_000, currency: 'EUR' }, packages: 12 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.description, 'Palé con 4 cajas rotas');
    assert.deepEqual(res.body.declaredValue, { amountCents: 120_000, currency: 'EUR' });
    assert.equal(res.body.deadlineAt, claim.deadlineAt, 'the deadline does not depend on these');
    assert.ok(res.body.updatedAt > claim.updatedAt);
    const amended = (await events(claim.id)).filter((e) => e.type === 'claim.amended');
    assert.equal(amended.length, 1);
    assert.deepEqual(amended[0]!.actor, { kind: 'service', id: null, name: 'Host system' });
    assert.deepEqual(amended[0]!.data.changes, [
      { field: 'description', from: 'Palé con cajas rotas', to: 'Palé con 4 cajas rotas' },
      { field: 'declaredValue', from: { amountCents: 100_000, currency: 'EUR' }, to: { amountCents: 120_000, currency: 'EUR' } },
    ]);

    const byHandler = await api.call('handler', 'PATCH', `/claims/${claim.id}`, { carrier: 'Palletways' }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(byHandler.status, 200);
    const last = (await events(claim.id)).at(-1)!;
    assert.equal(last.actor.kind, 'handler');
    assert.equal(last.actor.name, 'Carmen Ruiz');
  });

  it('counts the deadline again when the incident’s date or a country changes', async () => {
    // CMR hidden damage, 7 days without Sundays and holidays, where the goods were delivered.
    const claim = await open({ incidentAt: '2026-11-09T09:00:00Z', originCountry: 'FR', destinationCountry: 'ES' });
    assert.equal(claim.deadlineAt, '2026-11-17T22:59:59.999Z');
    const res = await amend(claim.id, { destinationCountry: 'FR', originCountry: 'ES' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.deadlineAt, '2026-11-18T22:59:59.999Z', 'Armistice Day in France');
    assert.equal(res.body.deadline.country, 'FR');
    const { changes } = (await events(claim.id)).at(-1)!.data;
    assert.deepEqual(changes!.map((change) => change.field), ['originCountry', 'destinationCountry', 'deadlineAt']);
    assert.deepEqual(changes!.at(-1), { field: 'deadlineAt', from: '2026-11-17T22:59:59.999Z', to: '2026-11-18T22:59:59.999Z' });

    const later = await amend(claim.id, { incidentAt: '2026-11-10T10:00:00+01:00' });
    assert.equal(later.body.incidentAt, '2026-11-10T09:00:00.000Z');
    assert.equal(later.body.deadlineAt, '2026-11-19T22:59:59.999Z');
  });

  it('warns of the deadline again once a correction moved it: the warnings given were of the old one', async () => {
    const claim = await open({ incidentAt: '2026-11-09T09:00:00Z', originCountry: 'FR', destinationCountry: 'ES' });
    const twoDaysBefore = (deadlineAt: string) => new Date(Date.parse(deadlineAt) - 48 * 3_600_000);
    assert.equal(await warnOfDeadlines(api, [72], twoDaysBefore(claim.deadlineAt)), 1);
    assert.equal(await warnOfDeadlines(api, [72], twoDaysBefore(claim.deadlineAt)), 0, 'once per threshold');
    const moved = await amend(claim.id, { incidentAt: '2026-11-10T09:00:00Z' });
    assert.notEqual(moved.body.deadlineAt, claim.deadlineAt);
    assert.equal(await warnOfDeadlines(api, [72], twoDaysBefore(moved.body.deadlineAt)), 1);
    const warnings = (await events(claim.id)).filter((e) => e.type === 'claim.deadline_approaching');
    assert.equal(warnings.length, 2);
    assert.equal(await amend(claim.id, { description: 'Sin cambio de plazo' }).then((res) => res.status), 200);
    assert.equal(await warnOfDeadlines(api, [72], twoDaysBefore(moved.body.deadlineAt)), 0, 'a correction that leaves the deadline leaves its warnings');
  });

  it('takes an optional field out with null, and logs nothing for a patch that changes nothing', async () => {
    const claim = await open({ origin: 'Valencia', claimedAmount: { amountCents: 50_000, currency: 'EUR' } });
    const res = await amend(claim.id, { origin: null, claimedAmount: null });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.origin, null);
    assert.equal(res.body.claimedAmount, null);
    const before = await events(claim.id);
    const same = await amend(claim.id, { origin: null, carrier: claimInput().carrier });
    assert.equal(same.status, 200);
    assert.equal(same.body.updatedAt, res.body.updatedAt);
    assert.equal((await events(claim.id)).length, before.length, 'no event');
  });

  it('finds the claim by what it says now, not by what it said', async () => {
    const claim = await open({ trackingNumber: 'OLD-99123', description: 'Palé' });
    assert.equal((await amend(claim.id, { trackingNumber: 'NEW-55821' })).status, 200);
    const search = async (q: string) => (await api.call('admin', 'GET', `/claims?q=${q}`)).body.items.map((c: { id: string }) => c.id);
    assert.deepEqual(await search('55821'), [claim.id]);
    assert.deepEqual(await search('99123'), []);
    assert.deepEqual(await search('NE'), [claim.id], 'the prefix of the new tracking number');
    assert.deepEqual(await search(claim.reference), [claim.id]);
  });

  const refusals: Array<[string, unknown, string, RegExp]> = [
    ['no field', {}, 'json', /names no field to change/],
    ['a field that says which incident it is', { type: 'loss' }, 'type', /cannot be amended/],
    ['the company', { company: { id: 'textiles' } }, 'company', /cannot be amended/],
    ['a field that is not a claim’s', { colour: 'red' }, 'colour', /is not a field a claim is amended with/],
    ['a read-only field of the claim', { status: 'closed' }, 'status', /is not a field a claim is amended with/],
    ['null for a field a claim always has', { carrier: null }, 'carrier', /must be a string, not null/],
    ['an invalid value', { packages: 0 }, 'packages', /./],
    ['a claimed amount in another currency', { claimedAmount: { amountCents: 1, currency: 'USD' } }, 'claimedAmount.currency', /same currency as declaredValue/],
    ['an incident in the future', { incidentAt: '2999-01-01T00:00:00Z' }, 'incidentAt', /must not be in the future/],
  ];
  for (const [what, patch, field, message] of refusals) {
    it(`refuses ${what} with a 400 naming ${field}`, async () => {
      const claim = await open({ claimedAmount: { amountCents: 100, currency: 'EUR' } });
      const res = await amend(claim.id, patch);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.errors[0].field, field);
      assert.match(res.body.errors[0].message, message);
      assert.equal((await events(claim.id)).length, 1, 'nothing logged');
    });
  }

  it('refuses a correction that makes a claim intake would not take: a national claim across a border', async () => {
    const claim = await open({ scope: 'national', originCountry: 'ES' });
    const res = await amend(claim.id, { destinationCountry: 'FR' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [{ field: 'destinationCountry', message: 'must be the same as originCountry: a national claim stays in one country' }]);
    assert.match(res.body.detail, /^The claim, so amended, would not be valid — destinationCountry: /);
    assert.equal((await amend(claim.id, { destinationCountry: 'PT', originCountry: 'PT' })).status, 200);
  });

  it('refuses once the claim is filed, declined or closed (409 naming its status)', async () => {
    const filed = await open();
    assert.equal((await api.call('admin', 'POST', `/claims/${filed.id}/accept`)).status, 200);
    assert.equal((await amend(filed.id, { description: 'Still collecting documents' })).status, 200);
    for (const to of ['review', 'submitted']) assert.equal((await api.call('handler', 'POST', `/claims/${filed.id}/transitions`, { to })).status, 200);
    const res = await amend(filed.id, { description: 'Too late' });
    assert.equal(res.status, 409);
    assert.equal(res.body.type, 'https://claimdesk.dev/problems/claim-not-amendable');
    assert.equal(res.body.currentStatus, 'submitted');
    assert.match(res.body.detail, /filed with the carrier or insurer/);

    const declined = await open();
    await api.call('admin', 'POST', `/claims/${declined.id}/decline`, { reason: 'Lo gestionamos nosotros' });
    const final = await amend(declined.id, { description: 'Too late' });
    assert.equal(final.status, 409);
    assert.equal(final.body.currentStatus, 'declined');
  });

  it('is the host backend’s and the handlers’: 403 for the company’s users, 404 for a claim that does not exist', async () => {
    const claim = await open();
    const res = await api.call('admin', 'PATCH', `/claims/${claim.id}`, { description: 'Mine' });
    assert.equal(res.status, 403);
    assert.equal((await amend('clm_nothing', { description: 'x' })).status, 404);
  });

  it('honours If-Match with the claim’s ETag: a claim changed since it was read is a 412', async () => {
    const claim = await open();
    const read = await api.call('apiKey', 'GET', `/claims/${claim.id}`);
    const etag = read.headers.get('etag')!;
    // Each reader's view of the claim has its own tag; it starts with the claim's version, which If-Match holds a change to.
    const admins = (await api.call('admin', 'GET', `/claims/${claim.id}`)).headers.get('etag')!;
    assert.notEqual(admins, etag);
    assert.equal(admins.split('.')[0], etag.split('.')[0], 'one version whoever reads it');
    const first = await amend(claim.id, { packages: 3 }, { 'If-Match': admins });
    assert.equal(first.status, 200);
    const next = first.headers.get('etag')!;
    assert.notEqual(next, etag);
    const stale = await amend(claim.id, { packages: 4 }, { 'If-Match': etag });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.type, 'https://claimdesk.dev/problems/precondition-failed');
    // Any change of the claim moves its ETag: here a message in its conversation.
    await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: '¿Necesitáis algo?', clientId: 'c-1' });
    assert.equal((await amend(claim.id, { packages: 4 }, { 'If-Match': next })).status, 412);
    const fresh = (await api.call('apiKey', 'GET', `/claims/${claim.id}`)).headers.get('etag')!;
    assert.equal((await amend(claim.id, { packages: 4 }, { 'If-Match': fresh })).status, 200);
  });
});
