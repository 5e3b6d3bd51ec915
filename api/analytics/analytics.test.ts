import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimEventType, ClaimStatus, ClaimType, Scope } from '../../domain/constants.ts';
import { deadlineOrderOf } from '../../domain/deadline-order.ts';
import type { ClaimEventData } from '../events/events.schema.ts';
import { createTestApi, type TestUser } from '../testing/harness.ts';
import { rebuildAnalytics } from './read-models.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PABLO: TestUser = { sub: 'pablo', company: 'operator', role: 'handler', name: 'Pablo Ortega', email: 'pablo@operator.test' };
const HOUR = 3_600_000;

/**
 * A hand-made history, written straight into the log (as an import would) and replayed into the
 * analytics, whose answers are worked out below by hand. March 2025, Monday 3 to Sunday 30: four
 * ISO weeks, long past, so every deadline in it has passed.
 *
 *   A  ferreteria  breakage national       SEUR  EUR 1,000.00  due 12 Mar  filed 8 Mar, paid 800.00 on 18 Mar, closed 20 Mar
 *   B  ferreteria  loss     international  DHL   EUR   500.00  due 15 Mar  filed 20 Mar (late), partially paid 200.00 on 25 Mar
 *   C  ferreteria  theft    national       SEUR  GBP   300.00  due 20 Mar  declined 11 Mar
 *   D  textiles    breakage national       DHL   EUR   400.00  due 25 Mar  accepted, never filed; a file uploaded and removed
 *   E  ferreteria  robbery  international  SEUR  GBP   600.00  due 28 Mar  filed 26 Mar, denied 29 Mar
 *   F  ferreteria  breakage national       SEUR  EUR   100.00  due  1 Mar  opened 20 Feb, in documentation ever since
 * and, relative to now: G running, due in 24 h (at risk); H running, due in 100 h; I filed, due in 10 h.
 * Liability limits (incidents on 20 Nov 2026; 1 SDR = 1.20 EUR, IPREM 20.00 EUR a day): B weighs
 * 20 kg under CMR, 8.33 × 20 × 1.20 = 199.92 EUR, so 300.08 claimed above it; A weighs 1,000 kg
 * under Ley 15/2009, 6,666.67 EUR, under; G weighs 100 g, 0.67 EUR, over; the others weigh nothing known.
 */
interface Fact {
  company: 'ferreteria' | 'textiles';
  type: ClaimType;
  scope: Scope;
  carrier: string;
  currency: string;
  claimedCents: number;
  dueAt: string;
  status: ClaimStatus;
  /** The goods' gross weight, which the carrier's liability limit counts per kg of. */
  grossWeightGrams?: number;
}

type Who = 'customer' | 'carmen' | 'pablo' | 'system';
type Step = [at: string, type: ClaimEventType, who: Who, data?: ClaimEventData];

const doc = (requirementId: string) => ({ requirementId, kind: 'commercial_invoice', label: { en: 'Commercial invoice', es: 'Factura comercial' } });
const file = (id: string) => ({ id, name: `${id}.pdf` });
const move = (from: ClaimStatus, to: ClaimStatus, extra: ClaimEventData = {}): ClaimEventData => ({ from, to, ...extra });
const eur = (amountCents: number, currency = 'EUR') => ({ amountCents, currency });

let api: Api;
const ids: Record<string, string> = {};

async function writeHistory(name: string, fact: Fact, steps: Step[], actors: Record<Who, { kind: 'user' | 'handler' | 'system'; id: string | null; name: string }>) {
  const template = await api.db.selectFrom('claims').selectAll().where('company_id', '=', fact.company).limit(1).executeTakeFirstOrThrow();
  const id = `clm_hand_${name}`;
  ids[name] = id;
  await api.db
    .insertInto('claims')
    .values({
      ...template,
      id,
      reference: `SIN-HAND-${name}`,
      external_ref: `HAND-${name}`,
      type: fact.type,
      scope: fact.scope,
      carrier: fact.carrier,
      currency: fact.currency,
      declared_value_cents: fact.claimedCents,
      claimed_amount_cents: null,
      deadline_at: fact.dueAt,
      gross_weight_grams: fact.grossWeightGrams ?? null,
      deadline_order: deadlineOrderOf(fact.status, fact.dueAt),
      status: fact.status,
      handler_id: null,
      handler_name: null,
      created_at: steps[0]![0],
      updated_at: steps.at(-1)![0],
    })
    .execute();
  for (const [at, type, who, data = {}] of steps) {
    const actor = actors[who];
    await api.db
      .insertInto('claim_events')
      .values({ claim_id: id, company_id: fact.company, user_id: null, type, actor_kind: actor.kind, actor_id: actor.id, actor_name: actor.name, data: JSON.stringify(data), created_at: at })
      .execute();
  }
}

const query = 'from=2025-03-03&to=2025-03-30';

describe('analytics panels over a hand-made history', () => {
  before(async () => {
    api = await createTestApi();
    await api.createClaim();
    await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    const carmen = (await api.call('handler', 'GET', '/me')).body;
    const pablo = (await api.as(PABLO)('GET', '/me')).body;
    const ana = (await api.call('admin', 'GET', '/me')).body;
    const actors = {
      customer: { kind: 'user', id: ana.id, name: ana.name },
      carmen: { kind: 'handler', id: carmen.id, name: carmen.name },
      pablo: { kind: 'handler', id: pablo.id, name: pablo.name },
      system: { kind: 'system', id: null, name: 'Claimdesk' },
    } as const;
    ids.carmen = carmen.id;
    ids.pablo = pablo.id;
    const now = Date.now();
    const fromNow = (hours: number) => new Date(now + hours * HOUR).toISOString();

    await writeHistory('A', { company: 'ferreteria', type: 'breakage', scope: 'national', carrier: 'SEUR', currency: 'EUR', claimedCents: 100_000, dueAt: '2025-03-12T22:59:59.999Z', status: 'closed', grossWeightGrams: 1_000_000 }, [
      ['2025-03-03T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-03-04T10:00:00.000Z', 'claim.accepted', 'customer', move('notified', 'documentation')],
      ['2025-03-04T12:00:00.000Z', 'claim.assigned', 'carmen', { handler: { id: carmen.id, name: carmen.name } }],
      ['2025-03-05T09:00:00.000Z', 'message.posted', 'customer', { message: { id: 'msg_a1' } }],
      ['2025-03-05T09:30:00.000Z', 'message.posted', 'carmen', { message: { id: 'msg_a2' } }],
      ['2025-03-05T10:00:00.000Z', 'message.posted', 'customer', { message: { id: 'msg_a3' } }],
      ['2025-03-05T18:00:00.000Z', 'message.posted', 'carmen', { message: { id: 'msg_a4' } }],
      ['2025-03-06T10:00:00.000Z', 'document.uploaded', 'customer', { document: doc('req_a1'), file: file('fil_a1') }],
      ['2025-03-06T12:00:00.000Z', 'document.reviewed', 'carmen', { document: doc('req_a1'), decision: 'accepted' }],
      ['2025-03-07T10:00:00.000Z', 'claim.transitioned', 'carmen', move('documentation', 'review')],
      ['2025-03-08T10:00:00.000Z', 'claim.transitioned', 'carmen', move('review', 'submitted')],
      ['2025-03-18T10:00:00.000Z', 'claim.transitioned', 'carmen', move('submitted', 'resolved', { outcome: 'paid', amount: eur(80_000) })],
      ['2025-03-20T10:00:00.000Z', 'claim.transitioned', 'carmen', move('resolved', 'closed')],
    ], actors);
    await writeHistory('B', { company: 'ferreteria', type: 'loss', scope: 'international', carrier: 'DHL', currency: 'EUR', claimedCents: 50_000, dueAt: '2025-03-15T22:59:59.999Z', status: 'resolved', grossWeightGrams: 20_000 }, [
      ['2025-03-05T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-03-06T10:00:00.000Z', 'claim.accepted', 'customer', move('notified', 'documentation')],
      ['2025-03-06T11:00:00.000Z', 'claim.assigned', 'pablo', { handler: { id: pablo.id, name: pablo.name } }],
      ['2025-03-07T08:00:00.000Z', 'message.posted', 'customer', { message: { id: 'msg_b1' } }],
      ['2025-03-07T10:00:00.000Z', 'message.posted', 'pablo', { message: { id: 'msg_b2' } }],
      ['2025-03-08T10:00:00.000Z', 'document.uploaded', 'customer', { document: doc('req_b1'), file: file('fil_b1') }],
      ['2025-03-09T10:00:00.000Z', 'document.reviewed', 'pablo', { document: doc('req_b1'), decision: 'rejected', reason: 'Ilegible' }],
      ['2025-03-10T10:00:00.000Z', 'document.uploaded', 'customer', { document: doc('req_b1'), file: file('fil_b2') }],
      ['2025-03-10T11:00:00.000Z', 'document.reviewed', 'pablo', { document: doc('req_b1'), decision: 'accepted' }],
      ['2025-03-11T10:00:00.000Z', 'claim.transitioned', 'system', move('documentation', 'review')],
      ['2025-03-20T10:00:00.000Z', 'claim.transitioned', 'pablo', move('review', 'submitted')],
      ['2025-03-25T10:00:00.000Z', 'claim.transitioned', 'pablo', move('submitted', 'resolved', { outcome: 'partially_paid', amount: eur(20_000) })],
    ], actors);
    await writeHistory('C', { company: 'ferreteria', type: 'theft', scope: 'national', carrier: 'SEUR', currency: 'GBP', claimedCents: 30_000, dueAt: '2025-03-20T23:59:59.999Z', status: 'declined' }, [
      ['2025-03-10T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-03-11T10:00:00.000Z', 'claim.declined', 'customer', move('notified', 'declined', { reason: 'No merece la pena' })],
    ], actors);
    await writeHistory('D', { company: 'textiles', type: 'breakage', scope: 'national', carrier: 'DHL', currency: 'EUR', claimedCents: 40_000, dueAt: '2025-03-25T22:59:59.999Z', status: 'documentation' }, [
      ['2025-03-17T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-03-17T12:00:00.000Z', 'claim.accepted', 'customer', move('notified', 'documentation')],
      ['2025-03-18T10:00:00.000Z', 'document.uploaded', 'customer', { document: doc('req_d1'), file: file('fil_d1') }],
      ['2025-03-18T11:00:00.000Z', 'document.removed', 'customer', { document: doc('req_d1'), file: file('fil_d1') }],
    ], actors);
    await writeHistory('E', { company: 'ferreteria', type: 'robbery', scope: 'international', carrier: 'SEUR', currency: 'GBP', claimedCents: 60_000, dueAt: '2025-03-28T23:59:59.999Z', status: 'resolved' }, [
      ['2025-03-24T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-03-24T11:00:00.000Z', 'claim.accepted', 'customer', move('notified', 'documentation')],
      ['2025-03-25T10:00:00.000Z', 'claim.transitioned', 'carmen', move('documentation', 'review')],
      ['2025-03-26T10:00:00.000Z', 'claim.transitioned', 'carmen', move('review', 'submitted')],
      ['2025-03-29T10:00:00.000Z', 'claim.transitioned', 'carmen', move('submitted', 'resolved', { outcome: 'denied', amount: eur(0, 'GBP') })],
    ], actors);
    await writeHistory('F', { company: 'ferreteria', type: 'breakage', scope: 'national', carrier: 'SEUR', currency: 'EUR', claimedCents: 10_000, dueAt: '2025-03-01T22:59:59.999Z', status: 'documentation' }, [
      ['2025-02-20T10:00:00.000Z', 'claim.created', 'customer', { to: 'notified' }],
      ['2025-02-21T10:00:00.000Z', 'claim.accepted', 'customer', move('notified', 'documentation')],
    ], actors);
    const recent = (status: ClaimStatus, dueInHours: number): Fact => ({ company: 'ferreteria', type: 'loss', scope: 'national', carrier: 'MRW', currency: 'EUR', claimedCents: 5_000, dueAt: fromNow(dueInHours), status });
    await writeHistory('G', { ...recent('notified', 24), grossWeightGrams: 100 }, [[fromNow(-1), 'claim.created', 'customer', { to: 'notified' }]], actors);
    await writeHistory('H', recent('notified', 100), [[fromNow(-1), 'claim.created', 'customer', { to: 'notified' }]], actors);
    await writeHistory('I', recent('submitted', 10), [
      [fromNow(-3), 'claim.created', 'customer', { to: 'notified' }],
      [fromNow(-2), 'claim.accepted', 'customer', move('notified', 'documentation')],
      [fromNow(-1.5), 'claim.transitioned', 'carmen', move('documentation', 'review')],
      [fromNow(-1), 'claim.transitioned', 'carmen', move('review', 'submitted')],
    ], actors);
    for (const rate of [{ kind: 'eur-per-sdr', value: '1.20' }, { kind: 'iprem-daily-eur', value: '20.00' }]) {
      assert.equal((await api.call('apiKey', 'POST', '/liability-rates', { ...rate, effectiveFrom: '2026-01-01' })).status, 201);
    }
    // Written past the write path, as an import would: the analytics are rebuilt from the log.
    await rebuildAnalytics(api.db);
  });
  after(() => api.close());

  it('volume: claims opened per ISO week by type, and the open claims per phase at each week’s end', async () => {
    const res = await api.call('handler', 'GET', `/analytics/volume?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.period, { from: '2025-03-03', to: '2025-03-30' });
    assert.deepEqual(res.body.filters, { companyId: null, carrier: null, type: null, scope: null });
    const none = { breakage: 0, robbery: 0, theft: 0, loss: 0 };
    assert.deepEqual(res.body.volume.weeks, [
      { weekStart: '2025-03-03', opened: { ...none, breakage: 1, loss: 1 } },
      { weekStart: '2025-03-10', opened: { ...none, theft: 1 } },
      { weekStart: '2025-03-17', opened: { ...none, breakage: 1 } },
      { weekStart: '2025-03-24', opened: { ...none, robbery: 1 } },
    ]);
    const open = { notified: 0, documentation: 0, review: 0, submitted: 0, resolved: 0 };
    assert.deepEqual(res.body.volume.backlog, [
      { date: '2025-03-09', byStatus: { ...open, documentation: 2, submitted: 1 } },
      { date: '2025-03-16', byStatus: { ...open, documentation: 1, review: 1, submitted: 1 } },
      { date: '2025-03-23', byStatus: { ...open, documentation: 2, submitted: 1 } },
      { date: '2025-03-30', byStatus: { ...open, documentation: 2, resolved: 2 } },
    ]);
  });

  it('volume: a period that starts mid-week counts only its own days, and counts the backlog at its last day', async () => {
    const res = await api.call('handler', 'GET', '/analytics/volume?from=2025-03-06&to=2025-03-18');
    const none = { breakage: 0, robbery: 0, theft: 0, loss: 0 };
    assert.deepEqual(res.body.volume.weeks, [
      { weekStart: '2025-03-03', opened: none },
      { weekStart: '2025-03-10', opened: { ...none, theft: 1 } },
      { weekStart: '2025-03-17', opened: { ...none, breakage: 1 } },
    ]);
    assert.deepEqual(res.body.volume.backlog.map((point: { date: string }) => point.date), ['2025-03-09', '2025-03-16', '2025-03-18']);
    // End of 18 March: A submitted until 10:00 that day, then resolved; B in review; D and F collecting documents.
    assert.deepEqual(res.body.volume.backlog[2].byStatus, { notified: 0, documentation: 2, review: 1, submitted: 0, resolved: 1 });
  });

  it('times: nearest-rank median and 90th percentile of the stays that ended in the period, and of notification to outcome', async () => {
    const res = await api.call('handler', 'GET', `/analytics/times?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.times, {
      phases: [
        // A, B and C 24 h, D 2 h, E 1 h: the 3rd of 5 sorted, and the 5th.
        { status: 'notified', medianHours: 24, p90Hours: 24, count: 5 },
        { status: 'documentation', medianHours: 72, p90Hours: 120, count: 3 },
        { status: 'review', medianHours: 24, p90Hours: 216, count: 3 },
        { status: 'submitted', medianHours: 120, p90Hours: 240, count: 3 },
        { status: 'resolved', medianHours: 48, p90Hours: 48, count: 1 },
      ],
      toOutcome: { medianHours: 360, p90Hours: 480, count: 3 },
    });
  });

  it('money: claimed and recovered per currency, carrier and type, never adding currencies together', async () => {
    const res = await api.call('handler', 'GET', `/analytics/money?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.money, {
      totals: [
        { currency: 'EUR', claimedCents: 150_000, recoveredCents: 100_000, recoveryRate: 0.6667, count: 2, overLimit: 1, aboveLimitCents: 30_008 },
        { currency: 'GBP', claimedCents: 60_000, recoveredCents: 0, recoveryRate: 0, count: 1, overLimit: 0, aboveLimitCents: 0 },
      ],
      byCarrier: [
        { carrier: 'SEUR', currency: 'EUR', claimedCents: 100_000, recoveredCents: 80_000, recoveryRate: 0.8, count: 1, overLimit: 0, aboveLimitCents: 0 },
        { carrier: 'SEUR', currency: 'GBP', claimedCents: 60_000, recoveredCents: 0, recoveryRate: 0, count: 1, overLimit: 0, aboveLimitCents: 0 },
        { carrier: 'DHL', currency: 'EUR', claimedCents: 50_000, recoveredCents: 20_000, recoveryRate: 0.4, count: 1, overLimit: 1, aboveLimitCents: 30_008 },
      ],
      byType: [
        { type: 'breakage', currency: 'EUR', claimedCents: 100_000, recoveredCents: 80_000, recoveryRate: 0.8, count: 1, overLimit: 0, aboveLimitCents: 0 },
        { type: 'robbery', currency: 'GBP', claimedCents: 60_000, recoveredCents: 0, recoveryRate: 0, count: 1, overLimit: 0, aboveLimitCents: 0 },
        { type: 'loss', currency: 'EUR', claimedCents: 50_000, recoveredCents: 20_000, recoveryRate: 0.4, count: 1, overLimit: 1, aboveLimitCents: 30_008 },
      ],
    });
  });

  it('deadlines: met and missed in the period (a claim declined in time is neither), and the claims at risk now', async () => {
    const res = await api.call('handler', 'GET', `/analytics/deadlines?${query}`);
    assert.equal(res.status, 200);
    const { onTime, missed, atRisk } = res.body.deadlines;
    assert.deepEqual({ onTime, missed }, { onTime: 2, missed: 2 });
    assert.equal(atRisk.withinHours, 72);
    assert.equal(atRisk.count, 1, 'H is due past the window, and I was filed');
    assert.deepEqual(
      atRisk.claims.map((claim: { id: string; reference: string; companyId: string; overLimit: boolean }) => [claim.id, claim.reference, claim.companyId, claim.overLimit]),
      [[ids.G, 'SIN-HAND-G', 'ferreteria', true]],
      'G claims 50.00 EUR for 100 g, whose limit is 0.67 EUR',
    );

    const queue = await api.call('handler', 'GET', '/claims?deadline=at_risk&sort=deadline');
    assert.equal(queue.status, 200);
    assert.deepEqual(queue.body.items.map((claim: { id: string }) => claim.id), [ids.G], 'the queue the panel clicks through to holds the same claims');
    assert.equal(queue.body.counts.notified, 1);
    assert.equal(Object.values(queue.body.counts as Record<string, number>).reduce((a, b) => a + b, 0), 1, 'the counts are of the claims at risk');
    const theirs = await api.call('otherAdmin', 'GET', '/claims?deadline=at_risk');
    assert.deepEqual(theirs.body.items, [], 'a customer sees only their own company’s');
    const wrong = await api.call('handler', 'GET', '/claims?deadline=soon');
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.detail, /deadline: must be at_risk/);
  });

  it('carriers: claims by type, mean recovery, median time to outcome and missed deadlines per carrier', async () => {
    const res = await api.call('handler', 'GET', `/analytics/carriers?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.carriers, [
      { carrier: 'SEUR', claims: 3, byType: { breakage: 1, robbery: 1, theft: 1, loss: 0 }, meanRecoveryRate: 0.4, medianHoursToOutcome: 120, missedDeadlines: 0, overLimit: 0 },
      { carrier: 'DHL', claims: 2, byType: { breakage: 1, robbery: 0, theft: 0, loss: 1 }, meanRecoveryRate: 0.4, medianHoursToOutcome: 480, missedDeadlines: 2, overLimit: 1 },
    ]);
  });

  it('handlers: claims taken, first answers in chat and document reviews, by name', async () => {
    const res = await api.call('handler', 'GET', `/analytics/handlers?${query}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.handlers, [
      { handlerId: ids.carmen, name: 'Carmen Ruiz', claimsHandled: 1, medianFirstAnswerMinutes: 30, firstAnswers: 1, medianReviewMinutes: 120, reviews: 1 },
      // The rejection took a day; the accepted upload after it, an hour: the lower middle of two.
      { handlerId: ids.pablo, name: 'Pablo Ortega', claimsHandled: 1, medianFirstAnswerMinutes: 120, firstAnswers: 1, medianReviewMinutes: 60, reviews: 2 },
    ]);
  });

  it('answers the whole dashboard as its panels answer each, for the operator’s backend too', async () => {
    const dashboard = await api.call('apiKey', 'GET', `/analytics?${query}`);
    assert.equal(dashboard.status, 200);
    for (const panel of ['volume', 'times', 'money', 'carriers', 'handlers'] as const) {
      const one = await api.call('handler', 'GET', `/analytics/${panel}?${query}`);
      assert.deepEqual(dashboard.body[panel], one.body[panel], panel);
    }
    assert.equal(dashboard.body.deadlines.missed, 2);
    assert.ok(Math.abs(Date.parse(dashboard.body.asOf) - Date.now()) < 60_000, 'asOf is the moment it was computed');
  });

  it('narrows every panel to a company, a carrier, a type and a scope', async () => {
    const dhl = (await api.call('handler', 'GET', `/analytics?${query}&carrier=DHL`)).body;
    assert.deepEqual(dhl.filters, { companyId: null, carrier: 'DHL', type: null, scope: null });
    assert.deepEqual(dhl.volume.weeks.map((week: { opened: { loss: number; breakage: number } }) => week.opened.loss + week.opened.breakage), [1, 0, 1, 0]);
    assert.deepEqual(dhl.money.totals, [{ currency: 'EUR', claimedCents: 50_000, recoveredCents: 20_000, recoveryRate: 0.4, count: 1, overLimit: 1, aboveLimitCents: 30_008 }]);
    assert.deepEqual({ onTime: dhl.deadlines.onTime, missed: dhl.deadlines.missed }, { onTime: 0, missed: 2 });
    assert.deepEqual(dhl.carriers.map((row: { carrier: string }) => row.carrier), ['DHL']);

    const textiles = (await api.call('handler', 'GET', `/analytics?${query}&companyId=textiles`)).body;
    assert.deepEqual(textiles.volume.backlog.at(-1).byStatus, { notified: 0, documentation: 1, review: 0, submitted: 0, resolved: 0 });
    assert.deepEqual(textiles.handlers, [], 'nobody took D, answered or reviewed in it: its removed upload was never a review');
    assert.deepEqual(textiles.money.totals, []);

    // Unnarrowed, the backlog and the claims opened are summed per day; narrowed to a carrier, counted from the stays and claims: both tell the same.
    const all = (await api.call('handler', 'GET', `/analytics/volume?${query}`)).body.volume;
    const perCarrier = await Promise.all(['SEUR', 'DHL'].map(async (carrier) => (await api.call('handler', 'GET', `/analytics/volume?${query}&carrier=${carrier}`)).body.volume));
    const added = (lists: Array<Array<Record<string, number>>>) => lists[0]!.map((_, i) => Object.fromEntries(Object.keys(lists[0]![i]!).map((key) => [key, lists.reduce((sum, list) => sum + list[i]![key]!, 0)])));
    assert.deepEqual(added(perCarrier.map((volume) => volume.backlog.map((point: { byStatus: Record<string, number> }) => point.byStatus))), all.backlog.map((point: { byStatus: Record<string, number> }) => point.byStatus));
    assert.deepEqual(added(perCarrier.map((volume) => volume.weeks.map((week: { opened: Record<string, number> }) => week.opened))), all.weeks.map((week: { opened: Record<string, number> }) => week.opened));

    const national = (await api.call('handler', 'GET', `/analytics/times?${query}&type=breakage&scope=national`)).body;
    assert.deepEqual(national.times.phases[0], { status: 'notified', medianHours: 2, p90Hours: 24, count: 2 }, 'A 24 h and D 2 h');
    assert.deepEqual(national.times.toOutcome, { medianHours: 360, p90Hours: 360, count: 1 });
  });

  it('flags over the limit as each claim’s detail does, and counts again when a rate recorded moves a limit', async () => {
    const detail = await api.call('handler', 'GET', `/claims/${ids.B}`);
    assert.equal(detail.body.liabilityLimit.amount.amountCents, 19_992);
    assert.equal(detail.body.liabilityLimit.exceeded, true);
    // A correction of the SDR for the day B's incident counts with: 8.33 × 20 × 3.10 = 516.46 EUR, over the 500.00 claimed.
    const corrected = await api.call('apiKey', 'POST', '/liability-rates', { kind: 'eur-per-sdr', value: '3.10', effectiveFrom: '2026-11-20' });
    assert.equal(corrected.status, 201);
    assert.equal((await api.call('handler', 'GET', `/claims/${ids.B}`)).body.liabilityLimit.exceeded, false);
    const money = (await api.call('handler', 'GET', `/analytics/money?${query}`)).body.money;
    assert.deepEqual([money.totals[0].overLimit, money.totals[0].aboveLimitCents], [0, 0]);
    const dhl = (await api.call('handler', 'GET', `/analytics/carriers?${query}&carrier=DHL`)).body.carriers[0];
    assert.equal(dhl.overLimit, 0);
    const limits = await api.db.selectFrom('analytics_claims').select(['claim_id', 'limit_cents']).where('claim_id', 'in', [ids.A!, ids.B!, ids.G!, ids.C!]).orderBy('claim_id').execute();
    assert.deepEqual(limits, [
      { claim_id: ids.A, limit_cents: 666_667 },
      { claim_id: ids.B, limit_cents: 51_646 },
      { claim_id: ids.C, limit_cents: null },
      { claim_id: ids.G, limit_cents: 67 },
    ]);
    // A rate for a day after every incident moves none of them.
    assert.equal((await api.call('apiKey', 'POST', '/liability-rates', { kind: 'eur-per-sdr', value: '1.50', effectiveFrom: '2026-11-21' })).status, 201);
    assert.equal((await api.db.selectFrom('analytics_claims').select('limit_cents').where('claim_id', '=', ids.B!).executeTakeFirstOrThrow()).limit_cents, 51_646);
  });
});

describe('analytics: who may ask, and what they must send', () => {
  before(async () => {
    api = await createTestApi();
    await api.grantAccess('member');
  });
  after(() => api.close());

  it('refuses the company’s people and keys, saying the analytics are the claims team’s', async () => {
    for (const caller of ['admin', 'member', 'companyKey'] as const) {
      const res = await api.call(caller, 'GET', `/analytics?${query}`);
      assert.equal(res.status, 403, caller);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /Analytics are for the claims team/, caller);
    }
    const panel = await api.call('admin', 'GET', `/analytics/money?${query}`);
    assert.equal(panel.status, 403);
  });

  it('answers an empty period with zeros and empty lists, not an error', async () => {
    const res = await api.call('handler', 'GET', '/analytics?from=2020-01-06&to=2020-01-12');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.volume.weeks, [{ weekStart: '2020-01-06', opened: { breakage: 0, robbery: 0, theft: 0, loss: 0 } }]);
    assert.deepEqual(res.body.times.toOutcome, { medianHours: null, p90Hours: null, count: 0 });
    assert.deepEqual([res.body.money.totals, res.body.carriers, res.body.handlers], [[], [], []]);
    const future = await api.call('handler', 'GET', '/analytics/volume?from=2099-01-05&to=2099-01-11');
    assert.deepEqual(future.body.volume.backlog, [], 'a week that has not begun has no backlog yet');
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['no period', '', /from: is required; to: is required/],
    ['a date that does not exist', 'from=2025-02-29&to=2025-03-01', /from: must be a date written YYYY-MM-DD/],
    ['a date in another format', 'from=01/03/2025&to=2025-03-31', /from: must be a date written YYYY-MM-DD/],
    ['a period that ends before it starts', 'from=2025-03-31&to=2025-03-01', /to: must be on or after from \(2025-03-31\)/],
    ['a period too long', 'from=2023-01-01&to=2025-01-01', /to: must be within 731 days of from, both counted \(this period spans 732\)/],
    ['an unknown type', `${query}&type=fire`, /type: must be one of breakage, robbery, theft, loss/],
    ['an unknown scope', `${query}&scope=local`, /scope: must be one of national, international/],
    ['a blank carrier', `${query}&carrier=%20`, /carrier: must not be empty or blank/],
    ['a parameter it does not take', `${query}&status=review`, /does not take the query parameter "status"/],
  ];
  for (const [what, search, detail] of invalid) {
    it(`answers ${what} with a 400 naming what to fix`, async () => {
      const res = await api.call('handler', 'GET', `/analytics/volume?${search}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, detail);
    });
  }

  it('takes a period of exactly 731 days', async () => {
    const res = await api.call('handler', 'GET', '/analytics/volume?from=2024-01-01&to=2025-12-31');
    assert.equal(res.status, 200);
    assert.equal(res.body.volume.weeks.length, 105);
  });
});
