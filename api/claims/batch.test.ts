import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CLAIMS_PER_COMMIT } from './claims.commands.ts';
import { claimInput, createTestApi } from '../testing/harness.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

interface Item {
  index: number;
  externalRef: string | null;
  status: 'created' | 'unchanged' | 'conflict' | 'invalid';
  claim?: { id: string; reference: string; companyId: string; status: string };
  problem?: { type: string; status: number; detail: string; errors?: { field: string; message: string }[]; claimId?: string; differingFields?: string[] };
}

const batch = (claims: unknown[]) => api.call('apiKey', 'POST', '/claims/batch', { claims });

describe('bulk intake (POST /claims/batch)', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  it('answers each claim in its place: created, unchanged, conflict or invalid, as POST /claims would one by one', async () => {
    const repeated = claimInput({ externalRef: 'ERP-1' });
    const changed = claimInput({ externalRef: 'ERP-2' });
    const first = await api.call('apiKey', 'POST', '/claims', repeated);
    const second = await api.call('apiKey', 'POST', '/claims', changed);
    const twice = claimInput({ externalRef: 'ERP-5' });
    const res = await batch([
      repeated,
      { ...changed, description: 'Otra descripción' },
      claimInput({ externalRef: 'ERP-3' }),
      claimInput({ externalRef: 'ERP-4', incidentAt: '1999-01-01T00:00:00Z', declaredValue: { amountCents: 1, currency: 'eur' } }),
      42,
      twice,
      twice,
      { ...twice, packages: 3 },
      { ...claimInput(), externalRef: '  ' },
    ]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const items: Item[] = res.body.items;
    assert.deepEqual(
      items.map((item) => [item.index, item.externalRef, item.status]),
      [
        [0, 'ERP-1', 'unchanged'],
        [1, 'ERP-2', 'conflict'],
        [2, 'ERP-3', 'created'],
        [3, 'ERP-4', 'invalid'],
        [4, null, 'invalid'],
        [5, 'ERP-5', 'created'],
        [6, 'ERP-5', 'unchanged'],
        [7, 'ERP-5', 'conflict'],
        [8, null, 'invalid'],
      ],
    );
    assert.deepEqual(res.body.counts, { created: 2, unchanged: 2, conflict: 2, invalid: 3 });

    assert.equal(items[0]!.claim!.id, first.body.id);
    assert.equal(items[0]!.problem, undefined);
    assert.equal(items[1]!.claim!.id, second.body.id);
    assert.equal(items[1]!.problem!.type, 'https://claimdesk.dev/problems/external-ref-conflict');
    assert.equal(items[1]!.problem!.status, 409);
    assert.deepEqual(items[1]!.problem!.differingFields, ['description']);
    assert.equal(items[1]!.problem!.claimId, second.body.id);
    assert.deepEqual(items[7]!.problem!.differingFields, ['packages']);
    assert.equal(items[7]!.claim!.id, items[5]!.claim!.id, 'the repeat within the batch names the claim the batch opened');
    assert.equal(items[6]!.claim!.id, items[5]!.claim!.id);

    const invalid = items[3]!.problem!;
    assert.equal(invalid.type, 'https://claimdesk.dev/problems/invalid-request');
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.errors!.map((e) => e.field).sort(), ['claims.3.declaredValue.currency', 'claims.3.incidentAt']);
    assert.match(invalid.detail, /^The claim at claims\[3\] is not valid — /);
    assert.match(invalid.detail, /incidentAt: must not be before 2000-01-01/);
    assert.equal(items[4]!.problem!.errors![0]!.field, 'claims.4');
    assert.equal(items[8]!.problem!.errors![0]!.field, 'claims.8.externalRef');

    for (const item of items.filter((i) => i.status === 'created')) {
      assert.match(item.claim!.reference, /^SIN-\d{4}-\d{6}$/);
      assert.equal(item.claim!.status, 'notified');
      assert.equal(item.claim!.companyId, 'ferreteria');
    }
    const stored = await api.call('apiKey', 'GET', `/claims/${second.body.id}`);
    assert.equal(stored.body.description, changed.description, 'a conflict changes nothing');
    const all = await api.call('apiKey', 'GET', '/claims?limit=100');
    assert.equal(all.body.items.length, 4, 'two opened before, two by the batch');
  });

  it('opens each claim as single intake does: its event, its checklist, its company’s notifications', async () => {
    await api.call('admin', 'GET', '/me');
    const res = await batch([claimInput({ externalRef: 'N-1' }), claimInput({ externalRef: 'N-2', type: 'robbery', goods: 'parcel', scope: 'national' })]);
    const single = await api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'N-3', type: 'robbery', goods: 'parcel', scope: 'national' }));
    const ids: string[] = res.body.items.map((item: Item) => item.claim!.id);
    for (const id of ids) {
      const events = await api.call('admin', 'GET', `/claims/${id}/events`);
      assert.deepEqual(
        events.body.items.map((e: { type: string; actor: { kind: string; name: string } }) => [e.type, e.actor.kind, e.actor.name]),
        [['claim.created', 'service', 'Host system']],
      );
    }
    const checklist = async (id: string) => (await api.call('admin', 'GET', `/claims/${id}/documents`)).body.items.map((d: { kind: string }) => d.kind);
    assert.ok((await checklist(ids[0]!)).length > 0);
    assert.deepEqual(await checklist(ids[1]!), await checklist(single.body.id), 'the same rules give the same checklist');
    const notified = (await api.call('admin', 'GET', '/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'claim_created');
    assert.deepEqual(notified.map((n: { claimId: string }) => n.claimId).sort(), [...ids, single.body.id].sort());
    const detail = await api.call('admin', 'GET', `/claims/${ids[1]}`);
    assert.equal(detail.body.deadline.days, single.body.deadline.days);
  });

  it(`commits ${CLAIMS_PER_COMMIT} claims a transaction and opens a batch larger than that whole, in order`, async () => {
    const claims = Array.from({ length: CLAIMS_PER_COMMIT * 2 + 7 }, (_, i) => claimInput({ externalRef: `BULK-${i}`, company: { id: i % 2 ? 'ferreteria' : 'textiles' } }));
    const res = await batch(claims);
    assert.equal(res.status, 200);
    assert.equal(res.body.counts.created, claims.length);
    const references: string[] = res.body.items.map((item: Item) => item.claim!.reference);
    assert.deepEqual(references, [...references].sort(), 'references follow the order sent');
    assert.equal(new Set(references).size, claims.length);
    assert.deepEqual(
      res.body.items.map((item: Item) => item.externalRef),
      claims.map((claim) => claim.externalRef),
    );
    const again = await batch(claims);
    assert.equal(again.body.counts.unchanged, claims.length, 'sending the same batch again opens nothing');
    const counts = (await api.call('apiKey', 'GET', '/claims')).body.counts;
    assert.equal(counts.notified, claims.length);
  });

  it('opens each externalRef once when batches and single intakes race for it', async () => {
    const claims = Array.from({ length: 30 }, (_, i) => claimInput({ externalRef: `RACE-${i}` }));
    const [first, second, ...singles] = await Promise.all([
      batch(claims),
      batch([...claims].reverse()),
      ...claims.slice(0, 10).map((claim) => api.call('apiKey', 'POST', '/claims', claim)),
    ]);
    assert.deepEqual([first!.status, second!.status], [200, 200]);
    assert.ok(singles.every((res) => res.status === 201 || res.status === 200), JSON.stringify(singles.map((res) => res.status)));
    const created = [...first!.body.items, ...second!.body.items].filter((item: Item) => item.status === 'created').length + singles.filter((res) => res.status === 201).length;
    assert.equal(created, claims.length, 'each opened once');
    assert.ok([...first!.body.items, ...second!.body.items].every((item: Item) => item.status === 'created' || item.status === 'unchanged'));
    assert.equal((await api.call('apiKey', 'GET', '/claims?limit=100')).body.items.length, claims.length);
  });

  it('refuses a batch that is not one: no claims, or more than 500, naming the limit', async () => {
    const over = await batch(Array.from({ length: 501 }, () => claimInput()));
    assert.equal(over.status, 400);
    assert.equal(over.body.errors[0].field, 'claims');
    assert.match(over.body.detail, /claims: must hold at most 500 claims/);
    const empty = await batch([]);
    assert.equal(empty.status, 400);
    assert.match(empty.body.detail, /claims: must hold at least one claim/);
    const missing = await api.call('apiKey', 'POST', '/claims/batch', { claim: claimInput() });
    assert.equal(missing.status, 400);
    assert.equal((await api.call('apiKey', 'GET', '/claims')).body.items.length, 0, 'nothing opened');
  });

  it('is the host backend’s and the handlers’, like single intake', async () => {
    assert.equal((await api.call('admin', 'POST', '/claims/batch', { claims: [claimInput()] })).status, 403);
    const handler = await api.call('handler', 'POST', '/claims/batch', { claims: [claimInput({ externalRef: 'BY-HANDLER' })] });
    assert.equal(handler.status, 200);
    const events = await api.call('handler', 'GET', `/claims/${handler.body.items[0].claim.id}/events`);
    assert.deepEqual(events.body.items[0].actor, { kind: 'handler', id: (await api.call('handler', 'GET', '/me')).body.id, name: 'Carmen Ruiz' });
  });
});
