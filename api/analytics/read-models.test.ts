import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLAIM_TYPES, type ClaimEventType } from '../../domain/constants.ts';
import { createMigrator, type DB } from '../db/connect.ts';
import type { AnalyticsPhaseStayRow } from '../db/database.ts';
import type { ClaimEventData } from '../events/events.schema.ts';
import { createTestApi, type Caller, type TestUser } from '../testing/harness.ts';
import { readRateBook } from '../liability/rates.repository.ts';
import { FACT_COLUMNS, factsOf, foldHistory, type HistoryEvent } from './history.ts';
import { catchUpAnalytics, rebuildAnalytics } from './read-models.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PABLO: TestUser = { sub: 'pablo', company: 'operator', role: 'handler', name: 'Pablo Ortega', email: 'pablo@operator.test' };
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const CARRIERS = ['SEUR', 'DHL Freight', 'MRW'];
// Incidents on a few days, one at 23:30 UTC (the next day in Spain, whose day picks the rate), and
// rates taking effect around them: each recorded rate moves the limits of some claims only.
const INCIDENTS = ['2026-11-18T23:30:00Z', '2026-11-20T09:30:00Z', '2026-12-01T10:00:00Z'];
const RATE_DAYS = ['2026-11-01', '2026-11-19', '2026-11-20', '2026-11-25'];

/** A deterministic sequence, so a failure replays. */
function randomSource(seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor(((state >>> 8) / 2 ** 24) * n);
  };
  return { next, pick: <T>(items: readonly T[]) => items[next(items.length)]! };
}

/** What the three tables hold, in key order. */
async function stored(db: DB) {
  return {
    claims: await db.selectFrom('analytics_claims').selectAll().orderBy('claim_id').execute(),
    stays: await db.selectFrom('analytics_phase_stays').selectAll().orderBy('claim_id').orderBy('seq').execute(),
    reviews: await db.selectFrom('analytics_reviews').selectAll().orderBy('claim_id').orderBy('seq').execute(),
    days: (await db.selectFrom('analytics_phase_days').selectAll().orderBy('day').orderBy('status').orderBy('type').orderBy('scope').execute()).filter(
      (row) => row.entered !== 0 || row.exited !== 0,
    ),
  };
}

/** analytics_phase_days as a GROUP BY over the stays counts it: each stay's entry on the day it began, its exit on the day it ended. */
function daysOf(stays: AnalyticsPhaseStayRow[]): Awaited<ReturnType<typeof stored>>['days'] {
  const days = new Map<string, Awaited<ReturnType<typeof stored>>['days'][number]>();
  const count = (stay: AnalyticsPhaseStayRow, at: string, column: 'entered' | 'exited') => {
    const key = { day: at.slice(0, 10), status: stay.status, type: stay.type, scope: stay.scope };
    const row = days.get(JSON.stringify(key)) ?? { ...key, entered: 0, exited: 0 };
    row[column] += 1;
    days.set(JSON.stringify(key), row);
  };
  for (const stay of stays) {
    count(stay, stay.entered_at, 'entered');
    if (stay.left_at !== null) count(stay, stay.left_at, 'exited');
  }
  const order = (row: { day: string; status: string; type: string; scope: string }) => [row.day, row.status, row.type, row.scope].join('|');
  return [...days.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

/** The same recomputed from the log: every event of every claim, in log order, folded by history.ts. */
async function recomputed(db: DB): Promise<Awaited<ReturnType<typeof stored>>> {
  const claims = await db.selectFrom('claims').select(FACT_COLUMNS).orderBy('id').execute();
  const events = await db.selectFrom('claim_events').selectAll().where('claim_id', 'is not', null).orderBy('id').execute();
  const byClaim = new Map<string, HistoryEvent[]>();
  for (const row of events) {
    const history = byClaim.get(row.claim_id!) ?? [];
    history.push({ type: row.type as ClaimEventType, at: row.created_at, actor: { kind: row.actor_kind, id: row.actor_id }, data: JSON.parse(row.data) as ClaimEventData });
    byClaim.set(row.claim_id!, history);
  }
  const rates = await readRateBook(db);
  const histories = claims.map((claim) => foldHistory(factsOf(claim, rates), byClaim.get(claim.id) ?? []));
  const stays = histories.flatMap((history) => history.stays);
  return {
    claims: histories.flatMap((history) => (history.claim ? [history.claim] : [])),
    stays,
    reviews: histories.flatMap((history) => history.reviews),
    days: daysOf(stays),
  };
}

describe('analytics read models', () => {
  let api: Api;
  before(async () => {
    // A long run of writes as three people: past the per-user limit, which api/http tests.
    api = await createTestApi({ settings: { writesPerMinutePerUser: 100_000, writesPerMinutePerAddress: 100_000 } });
  });
  after(() => api.close());

  it('equal a recomputation from the log after a seeded random run of everything that feeds them', async () => {
    const random = randomSource(20261210);
    const asPablo = api.as(PABLO);
    const handlerIds = [(await api.call('handler', 'GET', '/me')).body.id as string, (await asPablo('GET', '/me')).body.id as string];
    const companies = [
      { company: { id: 'ferreteria', name: 'Ferretería Martínez S.L.' }, admin: 'admin', key: 'companyKey' },
      { company: { id: 'textiles', name: 'Textiles del Sur S.A.' }, admin: 'otherAdmin', key: 'otherCompanyKey' },
    ] as const;
    type Open = { id: string; admin: Caller; key: Caller; files: Array<{ id: string; requirementId: string }> };
    const claims: Open[] = [];
    const done = new Map<string, number>();
    const count = (action: string, status: number) => {
      if (status < 300) done.set(action, (done.get(action) ?? 0) + 1);
    };
    /** A handler: Carmen, or Pablo. */
    const asHandler = (method: string, path: string, body?: unknown) => (random.next(2) === 0 ? api.call('handler', method, path, body) : asPablo(method, path, body));

    for (let step = 0; step < 400; step++) {
      // A dozen claims at most, so that each goes far through its lifecycle; moves come twice as often.
      const rolled = claims.length < 5 ? 0 : random.next(12);
      const action = rolled === 0 && claims.length >= 12 ? 3 : rolled === 11 ? 4 : rolled;
      if (action === 0) {
        const { company, admin, key } = random.pick(companies);
        const currency = random.pick(['EUR', 'EUR', 'GBP']);
        const claim = await api.createClaim({
          company,
          type: random.pick(CLAIM_TYPES),
          carrier: random.pick(CARRIERS),
          scope: random.pick(['national', 'international'] as const),
          declaredValue: { amountCents: 100_000 + random.next(100_000), currency },
          ...(random.next(2) === 0 ? { claimedAmount: { amountCents: 50_000 + random.next(50_000), currency } } : {}),
          incidentAt: random.pick(INCIDENTS),
          // From a few kilos (a limit far under what is claimed) to a pallet's weight (far over).
          ...(random.next(4) > 0 ? { grossWeightKg: random.pick([2.5, 12, 40, 600]) } : {}),
        });
        claims.push({ id: claim.id, admin, key, files: [] });
        count('open', 201);
        continue;
      }
      const claim = random.pick(claims);
      const path = `/claims/${claim.id}`;
      if (action === 1) count('accept', (await api.call(claim.admin, 'POST', `${path}/accept`)).status);
      if (action === 2 && random.next(4) === 0) count('decline', (await api.call(claim.admin, 'POST', `${path}/decline`, { reason: 'Lo asumimos' })).status);
      if (action === 3 || action === 4) {
        const { body } = await api.call('handler', 'GET', path);
        const to = random.pick<string | undefined>([...body.allowedTransitions, undefined]);
        if (to === 'resolved') {
          const outcome = random.pick(['paid', 'partially_paid', 'denied'] as const);
          const limit = body.claimedAmount?.amountCents ?? body.declaredValue.amountCents;
          const amount = outcome === 'denied' ? undefined : { amountCents: outcome === 'paid' ? limit : 1 + random.next(limit - 1), currency: body.declaredValue.currency };
          count('resolve', (await asHandler('POST', `${path}/transitions`, { to, outcome, ...(amount ? { amount } : {}) })).status);
        } else if (to) count(`move to ${to}`, (await asHandler('POST', `${path}/transitions`, { to })).status);
      }
      if (action === 5) count('assign', (await api.call('handler', 'POST', `${path}/assignee`, { handlerId: random.pick(handlerIds) })).status);
      if (action === 6) {
        const writer = random.pick<'customer' | 'key' | 'handler' | 'operator'>(['customer', 'customer', 'key', 'handler', 'handler', 'operator']);
        const message = { body: `Mensaje ${step}`, clientId: `c-${step}` };
        const res =
          writer === 'customer'
            ? await api.call(claim.admin, 'POST', `${path}/messages`, message)
            : writer === 'key'
              ? await api.call(claim.key, 'POST', `${path}/messages`, message)
              : writer === 'operator'
                ? await api.call('apiKey', 'POST', `${path}/messages`, message)
                : await asHandler('POST', `${path}/messages`, message);
        count(`message by ${writer}`, res.status);
      }
      if (action === 7) {
        const list = await api.call(claim.admin, 'GET', `${path}/documents`);
        const open = list.body.items.filter((item: { actions: string[] }) => item.actions.includes('upload'));
        if (open.length > 0) {
          const requirement = random.pick<{ id: string }>(open);
          const res = await api.upload(claim.admin, claim.id, requirement.id, [{ name: 'factura.pdf', bytes: PDF }]);
          if (res.status === 201) claim.files.push({ id: res.body.files.at(-1).id, requirementId: requirement.id });
          count('upload', res.status);
        }
      }
      if (action === 8) {
        const list = await api.call('handler', 'GET', `${path}/documents`);
        const waiting = list.body.items.filter((item: { status: string }) => item.status === 'uploaded');
        if (waiting.length > 0) {
          const requirement = random.pick<{ id: string }>(waiting);
          const review = random.next(3) === 0 ? { decision: 'rejected', reason: 'No se lee bien' } : { decision: 'accepted' };
          count(`review ${review.decision}`, (await asHandler('POST', `${path}/documents/${requirement.id}/review`, review)).status);
        }
      }
      if (action === 9 && claim.files.length > 0) {
        const file = claim.files.splice(random.next(claim.files.length), 1)[0]!;
        count('remove file', (await api.call(claim.admin, 'DELETE', `/files/${file.id}`)).status);
      }
      if (action === 10) {
        const what = random.next(4);
        if (what === 0) count('amend', (await api.call('apiKey', 'PATCH', path, { carrier: random.pick(CARRIERS) })).status);
        if (what === 1) count('amend the weight', (await api.call('apiKey', 'PATCH', path, { grossWeightKg: random.pick([null, 5, 80]) })).status);
        if (what === 2) count('request a document', (await asHandler('POST', `${path}/documents`, { kind: 'other', note: 'El parte del almacén', required: true })).status);
        if (what === 3) {
          const rate = random.next(2) === 0 ? { kind: 'eur-per-sdr', value: `1.${10 + random.next(20)}` } : { kind: 'iprem-daily-eur', value: `${19 + random.next(3)}.50` };
          count('record a rate', (await api.call('apiKey', 'POST', '/liability-rates', { ...rate, effectiveFrom: random.pick(RATE_DAYS) })).status);
        }
      }
    }

    const expected = await recomputed(api.db);
    assert.deepEqual(await stored(api.db), expected, 'the reactions kept them as the log tells');
    // The run reached what the panels count: otherwise the equality above would prove little.
    for (const action of ['open', 'accept', 'decline', 'resolve', 'assign', 'message by customer', 'message by key', 'message by handler', 'upload', 'review accepted', 'review rejected', 'remove file', 'amend', 'amend the weight', 'request a document', 'record a rate']) {
      assert.ok((done.get(action) ?? 0) > 0, `the run did "${action}" at least once: ${JSON.stringify([...done])}`);
    }
    assert.ok(expected.reviews.some((review) => review.reviewed_at !== null) && expected.reviews.some((review) => review.reviewed_at === null));
    assert.ok(expected.claims.some((claim) => claim.first_answer_at !== null), 'a handler answered a customer somewhere');
    const limited = expected.claims.filter((claim) => claim.limit_cents !== null);
    assert.ok(limited.some((claim) => claim.claimed_cents > claim.limit_cents!) && limited.some((claim) => claim.claimed_cents <= claim.limit_cents!), 'claims over and under their limit');
    assert.ok(expected.stays.filter((stay) => stay.status === 'documentation').length > claims.length / 2);

    await rebuildAnalytics(api.db);
    assert.deepEqual(await stored(api.db), expected, 'the rebuild from the log writes the same rows');
  });

  it('are rebuilt as the server starts only when their version is behind, once', async () => {
    const before = await stored(api.db);
    assert.equal(await catchUpAnalytics(api.db), null, 'built already by the rebuild above: nothing to do');
    await api.db.deleteFrom('read_model_versions').execute();
    await api.db.deleteFrom('analytics_phase_stays').execute();
    const built = await catchUpAnalytics(api.db);
    assert.ok(built && built.claims === before.claims.length && built.events > built.claims, JSON.stringify(built));
    assert.deepEqual(await stored(api.db), before);
    assert.equal(await catchUpAnalytics(api.db), null);
  });

  it('reach an existing deployment: its migration makes them empty, and its first start fills them from its log', async () => {
    const before = await stored(api.db);
    const migrator = await createMigrator(api.db);
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const mine = names.findIndex((name) => name.endsWith('_analytics_read_models'));
    assert.equal((await migrator.migrateTo(names[mine - 1]!)).error, undefined);
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    assert.deepEqual(await stored(api.db), { claims: [], stays: [], reviews: [], days: [] });
    await catchUpAnalytics(api.db);
    assert.deepEqual(await stored(api.db), before);
    // And the write path keeps them from there.
    const claim = await api.createClaim();
    const row = await api.db.selectFrom('analytics_claims').select(['status', 'opened_at']).where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'notified');
  });
});
