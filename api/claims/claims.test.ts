import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngine } from '../testing/database.ts';
import { claimInput, createTestApi } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

describe('claims', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  describe('intake (POST /claims)', () => {
    it('opens a notified claim with a human reference and a deadline from the rules', async () => {
      const res = await api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'ALB-1', incidentAt: '2026-12-03T16:00:00Z' }));
      assert.equal(res.status, 201);
      assert.equal(res.body.status, 'notified');
      assert.match(res.body.id, /^clm_/);
      assert.match(res.body.reference, /^SIN-\d{4}-000001$/);
      assert.equal(res.body.companyName, 'Ferretería Martínez S.L.');
      assert.deepEqual(res.body.declaredValue, { amountCents: 184_000, currency: 'EUR' });
      // International breakage: CMR art. 30, 7 days without Sundays and holidays (6 and 8 Dec).
      assert.equal(res.body.deadlineAt, '2026-12-12T23:59:59.999Z');
      assert.deepEqual(res.body.deadline.days, 7);
      assert.match(res.body.deadline.basis.en, /^CMR art\. 30\.2 — hidden damage/);
      assert.match(res.body.deadline.basis.es, /^CMR art\. 30\.2 — daños no aparentes/);
    });

    it('is idempotent on company and externalRef: 201, then 200 with the same claim', async () => {
      const body = claimInput({ externalRef: 'ALB-2026-77' });
      const first = await api.call('apiKey', 'POST', '/claims', body);
      const again = await api.call('apiKey', 'POST', '/claims', { ...body, description: 'retry with other text' });
      assert.equal(first.status, 201);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.body.description, first.body.description);
      const events = await api.call('admin', 'GET', `/claims/${first.body.id}/events`);
      assert.equal(events.body.items.length, 1, 'a retry writes no second event');
    });

    it('keeps the same externalRef of two companies apart', async () => {
      const a = await api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'SAME' }));
      const b = await api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'SAME', company: { id: 'textiles' } }));
      assert.equal(b.status, 201);
      assert.notEqual(a.body.id, b.body.id);
      assert.notEqual(a.body.reference, b.body.reference);
    });

    it('stores every combination of type, goods and scope', async () => {
      for (const type of ['breakage', 'robbery', 'theft', 'loss'] as const) {
        for (const goods of ['parcel', 'pallet'] as const) {
          for (const scope of ['national', 'international'] as const) {
            const res = await api.call('apiKey', 'POST', '/claims', claimInput({ type, goods, scope }));
            assert.equal(res.status, 201, `${type}/${goods}/${scope}`);
            assert.ok(Date.parse(res.body.deadlineAt) > Date.parse(res.body.incidentAt));
          }
        }
      }
    });

    const badBodies: Array<[string, unknown, RegExp]> = [
      ['an unknown type', claimInput({ type: 'flood' as never }), /type/],
      ['money in euros, not cents', claimInput({ declaredValue: { amountCents: 12.5, currency: 'EUR' } }), /declaredValue\.amountCents/],
      ['a lowercase currency', claimInput({ declaredValue: { amountCents: 100, currency: 'eur' } }), /ISO 4217/],
      ['a claimed amount in another currency', claimInput({ claimedAmount: { amountCents: 100, currency: 'USD' } }), /same currency/],
      ['a date that is not ISO 8601', claimInput({ incidentAt: '20/11/2026' }), /incidentAt/],
      ['no company', { ...claimInput(), company: undefined }, /company: is required/],
      ['an array', [1, 2], /request body/],
    ];
    for (const [what, body, detail] of badBodies) {
      it(`rejects ${what} with a 400 problem naming the field`, async () => {
        const res = await api.call('apiKey', 'POST', '/claims', body);
        assert.equal(res.status, 400);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(res.body.status, 400);
        assert.match(res.body.detail, detail);
        const list = await api.call('apiKey', 'GET', '/claims');
        assert.equal(list.body.items.length, 0, 'nothing half-stored');
      });
    }

    it('rejects a body that is not JSON with a 400 problem', async () => {
      const res = await api.call('apiKey', 'POST', '/claims', '{"company":', {});
      assert.equal(res.status, 400);
      assert.match(res.body.detail, /not valid JSON/);
    });
  });

  describe('listing (GET /claims)', () => {
    it('filters by status and type, searches reference, tracking number, carrier and description, and counts per status', async () => {
      const tiles = await api.createClaim({ description: 'Azulejos rotos', trackingNumber: 'PW-1' });
      await api.createClaim({ type: 'loss', description: 'Bulto perdido', trackingNumber: 'SEUR-777' });
      const accepted = await api.createClaim({ type: 'theft', description: 'Faltan taladros', trackingNumber: 'MRW-3' });
      await api.call('admin', 'POST', `/claims/${accepted.id}/accept`);

      const byStatus = await api.call('admin', 'GET', '/claims?status=documentation');
      assert.deepEqual(byStatus.body.items.map((c: { id: string }) => c.id), [accepted.id]);
      const byType = await api.call('admin', 'GET', '/claims?type=loss');
      assert.equal(byType.body.items.length, 1);
      assert.equal((await api.call('admin', 'GET', '/claims?q=seur-777')).body.items[0].type, 'loss');
      assert.equal((await api.call('admin', 'GET', '/claims?q=AZULEJOS')).body.items[0].id, tiles.id);
      assert.equal((await api.call('admin', 'GET', '/claims?q=azkar')).body.items.length, 3, 'carrier names match too');
      assert.equal((await api.call('admin', 'GET', `/claims?q=${tiles.reference}`)).body.items[0].id, tiles.id);
      assert.equal((await api.call('admin', 'GET', '/claims?q=%25')).body.items.length, 0, 'LIKE wildcards are literal');

      const all = await api.call('admin', 'GET', '/claims');
      assert.deepEqual(all.body.counts, { notified: 2, declined: 0, documentation: 1, review: 0, submitted: 0, resolved: 0, closed: 0 });
      const counted = await api.call('admin', 'GET', '/claims?status=notified&type=loss');
      assert.equal(counted.body.counts.notified, 1, 'counts follow type but not status');
      assert.equal(counted.body.counts.documentation, 0);
    });

    it('pages newest first with a cursor that stays stable while claims arrive', async () => {
      const created: string[] = [];
      for (let i = 0; i < 7; i++) created.push((await api.createClaim()).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
        const res = await api.call('admin', 'GET', `/claims${query}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.counts === undefined, cursor !== null, 'counts only on the first page');
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
        // New incidents arrive between page loads.
        if (page++ < 2) await api.createClaim();
      } while (cursor);
      assert.deepEqual(seen, [...created].reverse(), 'every original claim once, newest first, none repeated');
    });

    it('rejects a tampered cursor and an out-of-range limit with 400 problems', async () => {
      const bad = await api.call('admin', 'GET', '/claims?cursor=not-a-cursor');
      assert.equal(bad.status, 400);
      assert.match(bad.body.detail, /cursor is not valid/);
      const limit = await api.call('admin', 'GET', '/claims?limit=1000');
      assert.equal(limit.status, 400);
      assert.equal(limit.body.errors[0].field, 'limit');
      const status = await api.call('admin', 'GET', '/claims?status=lost');
      assert.equal(status.status, 400);
    });
  });

  describe('lifecycle through the API', () => {
    it('lets the customer accept a notified claim, once', async () => {
      const claim = await api.createClaim();
      const before = await api.call('admin', 'GET', `/claims/${claim.id}`);
      assert.deepEqual(before.body.allowedTransitions, ['documentation', 'declined']);
      const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.status, 'documentation');
      assert.deepEqual(accepted.body.allowedTransitions, []);
      const again = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /documentation cannot move to documentation/);
      assert.equal(again.body.currentStatus, 'documentation');
    });

    it('requires a reason to decline and records it', async () => {
      const claim = await api.createClaim();
      const missing = await api.call('admin', 'POST', `/claims/${claim.id}/decline`, { reason: '   ' });
      assert.equal(missing.status, 400);
      assert.match(missing.body.detail, /reason/);
      const declined = await api.call('admin', 'POST', `/claims/${claim.id}/decline`, { reason: 'Lo asumimos como merma' });
      assert.equal(declined.body.status, 'declined');
      assert.equal(declined.body.declineReason, 'Lo asumimos como merma');
      const accept = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      assert.equal(accept.status, 409);
      assert.match(accept.body.detail, /final status/);
    });

    it('walks a claim to closed and records who, when and why on the timeline', async () => {
      const claim = await api.createClaim();
      await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      const steps: Array<Record<string, unknown>> = [
        { to: 'review', note: 'Documentación completa' },
        { to: 'documentation', note: 'Falta el certificado bancario' },
        { to: 'review' },
        { to: 'submitted', note: 'Presentada a la aseguradora' },
        { to: 'resolved', outcome: 'partially_paid', amount: { amountCents: 90_000, currency: 'EUR' } },
        { to: 'closed' },
      ];
      for (const step of steps) {
        const res = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, step);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.status, step.to);
      }
      const final = await api.call('admin', 'GET', `/claims/${claim.id}`);
      assert.deepEqual(final.body.outcome, { result: 'partially_paid', amount: { amountCents: 90_000, currency: 'EUR' } });

      const timeline = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      const items = timeline.body.items as Array<{ id: number; type: string; actor: { kind: string; name: string }; data: Record<string, unknown>; at: string }>;
      assert.deepEqual(items.map((e) => e.type), ['claim.created', 'claim.accepted', ...steps.map(() => 'claim.transitioned')]);
      assert.deepEqual(items.map((e) => e.data.to), ['notified', 'documentation', 'review', 'documentation', 'review', 'submitted', 'resolved', 'closed']);
      assert.equal(items[1]?.actor.name, 'Ana Martínez');
      assert.equal(items[0]?.actor.kind, 'service');
      assert.equal(items[3]?.data.note, 'Falta el certificado bancario');
      assert.deepEqual(items[6]?.data.amount, { amountCents: 90_000, currency: 'EUR' });
      assert.ok(items.every((e, i) => i === 0 || e.id > items[i - 1]!.id), 'ids increase');
      assert.ok(items.every((e) => !Number.isNaN(Date.parse(e.at))));
    });

    it('refuses a move that does not exist with 409 and leaves the claim as it was', async () => {
      const claim = await api.createClaim();
      const res = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'submitted' });
      assert.equal(res.status, 409);
      assert.match(res.body.detail, /notified cannot move to submitted; from notified it can only move to documentation or declined/);
      assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}`)).body.status, 'notified');
      assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}/events`)).body.items.length, 1);
    });

    it('requires an outcome, and an amount unless denied, to resolve', async () => {
      const claim = await api.createClaim();
      await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      for (const to of ['review', 'submitted']) await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to });
      const noOutcome = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'resolved' });
      assert.equal(noOutcome.status, 400);
      assert.equal(noOutcome.body.errors[0].field, 'outcome');
      const noAmount = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'resolved', outcome: 'paid' });
      assert.equal(noAmount.status, 400);
      assert.equal(noAmount.body.errors[0].field, 'amount');
      const wrongCurrency = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, {
        to: 'resolved', outcome: 'paid', amount: { amountCents: 100, currency: 'USD' },
      });
      assert.equal(wrongCurrency.status, 400);
      assert.match(wrongCurrency.body.detail, /EUR/);
      const denied = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'resolved', outcome: 'denied', note: 'Sin reservas en el albarán' });
      assert.equal(denied.status, 200);
      assert.deepEqual(denied.body.outcome, { result: 'denied', amount: { amountCents: 0, currency: 'EUR' } });
    });

    it('answers 404 for a claim that does not exist', async () => {
      for (const [method, path] of [['GET', '/claims/clm_nope'], ['POST', '/claims/clm_nope/accept'], ['GET', '/claims/clm_nope/events']] as const) {
        const res = await api.call('admin', method, path);
        assert.equal(res.status, 404, path);
        assert.match(res.body.detail, /does not exist or is not visible/);
      }
    });
  });

  describe('unknown routes', () => {
    it('answers a 404 problem pointing at the OpenAPI document', async () => {
      const res = await api.call('admin', 'GET', '/nothing-here');
      assert.equal(res.status, 404);
      assert.match(res.body.detail, /openapi\.json/);
    });
  });
});

describe('database', () => {
  let local: Api;
  before(async () => {
    local = await createTestApi();
  });
  after(() => local.close());

  it('commits a change and its event together or not at all: a failed append leaves the claim as it was and streams nothing', async () => {
    const claim = await local.createClaim();
    const stream = readSse(await local.app.request('/api/v1/events', { headers: await local.headersFor('admin') }));
    await stream.until(() => stream.messages.length > 0);
    await refuseAppends(local.db, 'claim.accepted');
    try {
      const res = await local.call('admin', 'POST', `/claims/${claim.id}/accept`);
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    } finally {
      await allowAppends(local.db);
    }
    const row = await local.db.selectFrom('claims').select(['status', 'updated_at']).where('id', '=', claim.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'notified', 'the status change rolled back with its event');
    assert.equal((await local.call('admin', 'GET', `/claims/${claim.id}/events`)).body.items.length, 1, 'only claim.created');
    // The next commit is the first thing the stream says: nothing was pushed for the failed one.
    const next = await local.createClaim();
    await stream.until(() => stream.events().length > 0);
    assert.deepEqual(stream.events().map((m) => [m.event, JSON.parse(m.data).claimId]), [['claim.created', next.id]]);
    await stream.close();
  });
});

/** Makes the database refuse to append events of one type, as a failing disk or constraint would. */
async function refuseAppends(db: Api['db'], type: string): Promise<void> {
  if (testEngine === 'postgres') {
    await sql`create function refuse_append() returns trigger language plpgsql as $$ begin raise exception 'append refused by the test'; end $$`.execute(db);
    await sql`create trigger refuse_append before insert on claim_events for each row when (new.type = ${sql.lit(type)}) execute function refuse_append()`.execute(db);
  } else {
    await sql`create trigger refuse_append before insert on claim_events when new.type = ${sql.lit(type)} begin select raise(abort, 'append refused by the test'); end`.execute(db);
  }
}

async function allowAppends(db: Api['db']): Promise<void> {
  await sql`drop trigger refuse_append${sql.raw(testEngine === 'postgres' ? ' on claim_events' : '')}`.execute(db);
  if (testEngine === 'postgres') await sql`drop function refuse_append()`.execute(db);
}
