import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createTestApi, type TestUser } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

/** A second claims handler of the operator, besides USERS.handler (Carmen Ruiz). */
const PABLO: TestUser = { sub: 'pablo', company: 'operator', role: 'handler', name: 'Pablo Ortega', email: 'pablo@operator.test' };

/** The ids the console would pick from GET /handlers, and the one of a customer. */
async function people() {
  const pabloCalls = api.as(PABLO);
  const carmen = (await api.call('handler', 'GET', '/me')).body.id as string;
  const pablo = (await pabloCalls('GET', '/me')).body.id as string;
  const ana = (await api.call('admin', 'GET', '/me')).body.id as string;
  return { carmen, pablo, ana, asPablo: pabloCalls };
}

const assign = (claimId: string, body: unknown) => api.call('handler', 'POST', `/claims/${claimId}/assignee`, body);

async function walk(claimId: string, steps: Array<Record<string, unknown>>) {
  for (const step of steps) {
    const res = await api.call('handler', 'POST', `/claims/${claimId}/transitions`, step);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
}

describe('assignment (POST /claims/:id/assignee)', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  it('lets a handler take a claim: the claim names them, the timeline logs it, the company sees who', async () => {
    const { carmen } = await people();
    const claim = await api.createClaim();
    const before = await api.call('admin', 'GET', `/claims/${claim.id}`);
    assert.equal(before.body.handler, null);

    const res = await assign(claim.id, { handlerId: carmen });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.handler, { id: carmen, name: 'Carmen Ruiz' });
    assert.equal(res.body.status, 'notified', 'taking a claim does not move it');

    const seen = await api.call('admin', 'GET', `/claims/${claim.id}`);
    assert.deepEqual(seen.body.handler, { id: carmen, name: 'Carmen Ruiz' }, 'the customer sees the handler by name');
    const timeline = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
    const assigned = timeline.body.items.at(-1);
    assert.equal(assigned.type, 'claim.assigned');
    assert.deepEqual(assigned.data, { handler: { id: carmen, name: 'Carmen Ruiz' } });
    assert.deepEqual(assigned.actor, { kind: 'handler', id: carmen, name: 'Carmen Ruiz' });
  });

  it('reassigns to another handler with a note, and a handler can take a claim from another', async () => {
    const { carmen, pablo, asPablo } = await people();
    const claim = await api.createClaim();
    await assign(claim.id, { handlerId: carmen });

    const res = await assign(claim.id, { handlerId: pablo, note: '  Pablo lleva los robos de esta zona ' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.handler, { id: pablo, name: 'Pablo Ortega' });
    const events = (await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items;
    assert.deepEqual(events.at(-1).data, { handler: { id: pablo, name: 'Pablo Ortega' }, note: 'Pablo lleva los robos de esta zona' });
    assert.equal(events.at(-1).actor.name, 'Carmen Ruiz', 'the log names who reassigned it');

    const back = await asPablo('POST', `/claims/${claim.id}/assignee`, { handlerId: carmen });
    assert.equal(back.status, 200);
    assert.deepEqual(back.body.handler, { id: carmen, name: 'Carmen Ruiz' });
    const types = (await api.call('admin', 'GET', `/claims/${claim.id}/events`)).body.items.map((e: { type: string }) => e.type);
    assert.deepEqual(types, ['claim.created', 'claim.assigned', 'claim.assigned', 'claim.assigned']);
  });

  it('answers 200 without an event when the handler is already assigned', async () => {
    const { carmen } = await people();
    const claim = await api.createClaim();
    const first = await assign(claim.id, { handlerId: carmen });
    const again = await assign(claim.id, { handlerId: carmen, note: 'otra vez' });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.handler, { id: carmen, name: 'Carmen Ruiz' });
    assert.equal(again.body.updatedAt, first.body.updatedAt, 'nothing was written');
    const events = (await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items;
    assert.equal(events.filter((e: { type: string }) => e.type === 'claim.assigned').length, 1);
  });

  it('logs one event for concurrent identical assignments, and ends on the handler of the last event when two race', async () => {
    const { carmen, pablo, asPablo } = await people();
    const claim = await api.createClaim();
    const same = await Promise.all(Array.from({ length: 5 }, () => assign(claim.id, { handlerId: carmen })));
    assert.deepEqual(same.map((r) => r.status), [200, 200, 200, 200, 200]);
    let events = (await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items;
    assert.equal(events.filter((e: { type: string }) => e.type === 'claim.assigned').length, 1, 'one assignment, logged once');

    const raced = await Promise.all([assign(claim.id, { handlerId: pablo }), asPablo('POST', `/claims/${claim.id}/assignee`, { handlerId: carmen })]);
    assert.deepEqual(raced.map((r) => r.status), [200, 200]);
    events = (await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items;
    const final = (await api.call('admin', 'GET', `/claims/${claim.id}`)).body.handler;
    assert.deepEqual(events.at(-1).data.handler, final, 'the claim names the handler its last event names');
  });

  it('refuses a handlerId that is not a claims handler with 400 naming handlerId, and changes nothing', async () => {
    const { ana } = await people();
    const claim = await api.createClaim();
    const customer = await assign(claim.id, { handlerId: ana });
    assert.equal(customer.status, 400);
    assert.match(customer.body.detail, /not a claims handler: pick a handler from GET \/handlers/);
    assert.deepEqual(customer.body.errors, [{ field: 'handlerId', message: customer.body.detail }]);

    const unknown = await assign(claim.id, { handlerId: 'usr_nobody' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /No claims handler has the id usr_nobody/);
    assert.equal(unknown.body.errors[0].field, 'handlerId');

    for (const body of [{}, { handlerId: '   ' }, { handlerId: 42 }]) {
      const bad = await assign(claim.id, body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.errors[0].field, 'handlerId');
    }
    assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}`)).body.handler, null);
    assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items.length, 1);
  });

  it('takes a handler in every status but the final ones: declined and closed answer 409', async () => {
    const { carmen, pablo } = await people();
    const declined = await api.createClaim();
    await api.call('admin', 'POST', `/claims/${declined.id}/decline`, { reason: 'Lo gestionamos nosotros' });
    const refused = await assign(declined.id, { handlerId: carmen });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.currentStatus, 'declined');
    assert.match(refused.body.detail, /declined, a final status: its handler can no longer be changed/);

    const claim = await api.createClaim();
    await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
    await walk(claim.id, [{ to: 'review' }, { to: 'submitted' }, { to: 'resolved', outcome: 'denied' }]);
    const resolved = await assign(claim.id, { handlerId: carmen });
    assert.equal(resolved.status, 200, 'a resolved claim still has a handler to close it');
    await walk(claim.id, [{ to: 'closed' }]);
    const closed = await assign(claim.id, { handlerId: pablo });
    assert.equal(closed.status, 409);
    assert.equal(closed.body.currentStatus, 'closed');
    const same = await assign(claim.id, { handlerId: carmen });
    assert.equal(same.status, 200, 'repeating the assignment a closed claim has is still a harmless no-op');
    assert.deepEqual((await api.call('admin', 'GET', `/claims/${claim.id}`)).body.handler, { id: carmen, name: 'Carmen Ruiz' });
  });

  it('is for handlers only: customers and the host backend 403, an unknown claim 404', async () => {
    const { carmen } = await people();
    await api.grantAccess('member');
    const claim = await api.createClaim();
    for (const caller of ['admin', 'member', 'memberWithoutAccess', 'otherAdmin', 'apiKey'] as const) {
      const res = await api.call(caller, 'POST', `/claims/${claim.id}/assignee`, { handlerId: carmen });
      assert.equal(res.status, 403, caller);
      assert.match(res.body.detail, /Only claims handlers take or reassign claims/);
    }
    assert.equal((await api.call('anonymous', 'POST', `/claims/${claim.id}/assignee`, { handlerId: carmen })).status, 401);
    const missing = await assign('clm_nope', { handlerId: carmen });
    assert.equal(missing.status, 404);
    assert.match(missing.body.detail, /does not exist or is not visible/);
    assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items.length, 1);
  });

  it('pushes claim.assigned to the company’s live stream, and not to another company’s', async () => {
    const { carmen } = await people();
    const claim = await api.createClaim();
    const ours = readSse(await api.app.request('/api/v1/events', { headers: await api.headersFor('admin') }));
    const theirs = readSse(await api.app.request('/api/v1/events', { headers: await api.headersFor('otherAdmin') }));
    try {
      await ours.until(() => ours.messages.length > 0);
      await theirs.until(() => theirs.messages.length > 0);
      await assign(claim.id, { handlerId: carmen });
      await ours.until(() => ours.events().some((m) => m.event === 'claim.assigned'));
      const event = JSON.parse(ours.events().find((m) => m.event === 'claim.assigned')!.data);
      assert.equal(event.claimId, claim.id);
      assert.deepEqual(event.data.handler, { id: carmen, name: 'Carmen Ruiz' });
      // A later event of textiles reaches textiles' stream; the assignment before it never did.
      await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
      await theirs.until(() => theirs.events().length > 0);
      assert.deepEqual(theirs.events().map((m) => m.event), ['claim.created']);
    } finally {
      await ours.close();
      await theirs.close();
    }
  });
});

describe('the console’s pickers', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  it('GET /handlers lists the handlers by name with id, name and email, for handlers only', async () => {
    const { carmen, pablo } = await people();
    await api.as({ sub: 'alvaro', company: 'operator-2', role: 'handler', name: 'Álvaro Núñez', email: 'alvaro@operator.test' })('GET', '/me');
    await api.as({ sub: 'zoe', company: 'operator', role: 'handler', name: 'Zoe Vidal', email: 'zoe@operator.test' })('GET', '/me');
    await api.as({ sub: 'bea', company: 'operator', role: 'handler', name: 'bea Lozano', email: 'bea@operator.test' })('GET', '/me');
    const res = await api.call('handler', 'GET', '/handlers');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((h: { name: string }) => h.name),
      ['Álvaro Núñez', 'bea Lozano', 'Carmen Ruiz', 'Pablo Ortega', 'Zoe Vidal'],
      'by name as a person reads it: accents and case aside',
    );
    assert.deepEqual(res.body.items[2], { id: carmen, name: 'Carmen Ruiz', email: 'carmen@operator.test' });
    assert.equal(res.body.items[3].id, pablo);
    assert.equal(res.body.items.some((h: { id: string }) => h.id === undefined), false);

    // A handler id from the list is what the assignment takes.
    const claim = await api.createClaim();
    assert.equal((await assign(claim.id, { handlerId: res.body.items[0].id })).body.handler.name, 'Álvaro Núñez');

    await api.grantAccess('member');
    for (const caller of ['admin', 'member', 'otherAdmin', 'apiKey'] as const) {
      const refused = await api.call(caller, 'GET', '/handlers');
      assert.equal(refused.status, 403, caller);
      assert.match(refused.body.detail, /Only claims handlers see the list of handlers/);
    }
    assert.equal((await api.call('anonymous', 'GET', '/handlers')).status, 401);
  });

  it('GET /companies lists the companies with claims by name, for handlers and the host backend', async () => {
    await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    await api.createClaim();
    await api.createClaim();
    await api.createClaim({ company: { id: 'alava', name: 'Álava Cerámicas S.L.' } });
    // Known but without claims: a synced customer and the operator (the handler's company).
    await api.call('apiKey', 'PUT', '/companies/nueva/users/u1', { name: 'Eva Soler', email: 'eva@nueva.test', role: 'admin', companyName: 'Nueva S.L.' });
    await api.call('handler', 'GET', '/me');
    for (const caller of ['handler', 'apiKey'] as const) {
      const res = await api.call(caller, 'GET', '/companies');
      assert.equal(res.status, 200, caller);
      assert.deepEqual(res.body.items, [
        { id: 'alava', name: 'Álava Cerámicas S.L.' },
        { id: 'ferreteria', name: 'Ferretería Martínez S.L.' },
        { id: 'textiles', name: 'Textiles del Sur S.A.' },
      ]);
    }
    for (const caller of ['admin', 'otherAdmin'] as const) {
      const refused = await api.call(caller, 'GET', '/companies');
      assert.equal(refused.status, 403, caller);
      assert.match(refused.body.detail, /a company’s users see their own company only/);
    }
  });
});
