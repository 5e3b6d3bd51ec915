import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CompiledQuery, QueryResult } from 'kysely';
import { claimInput, createTestApi, type Caller } from '../testing/harness.ts';
import { limitCents } from './limits.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

const SDR = 'eur-per-sdr';
const IPREM = 'iprem-daily-eur';

async function addRate(kind: string, value: string, effectiveFrom: string, caller: Caller = 'handler') {
  const res = await api.call(caller, 'POST', '/liability-rates', { kind, value, effectiveFrom, source: 'test' });
  assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.body));
  return res.body as { id: string; superseded: boolean };
}

/** Opens a claim as the host backend does, and reads it back as `caller`. */
async function openClaim(overrides: Parameters<typeof claimInput>[0] = {}, caller: Caller = 'handler') {
  const opened = await api.call('apiKey', 'POST', '/claims', claimInput(overrides));
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const res = await api.call(caller, 'GET', `/claims/${opened.body.id}`);
  assert.equal(res.status, 200);
  return res.body;
}

const international = { scope: 'international', originCountry: 'ES', destinationCountry: 'FR' } as const;
const spanish = { scope: 'national', originCountry: 'ES', destinationCountry: 'ES' } as const;
const eur = (amountCents: number) => ({ amountCents, currency: 'EUR' });

function fieldsOfProblem(res: { status: number; headers: Headers; body: any }) {
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.ok(res.body.detail.length > 0);
  return (res.body.errors ?? []).map((e: { field: string }) => e.field);
}

describe('the limit’s arithmetic', () => {
  it('keeps exact decimals: grams, a six-decimal rate and thirds are rounded once, at the end', () => {
    assert.equal(limitCents('cmr-23', 100_000, '1.15'), 95_795);
    assert.equal(limitCents('cmr-23', 12_345, '1.17176'), 12_050, '12.345 kg × 8.33 × 1.17176 = 120.4966…');
    assert.equal(limitCents('ley-15-2009-57', 1, '20.00'), 1, '1 g: 0.667 cents rounds up to 1');
    assert.equal(limitCents('ley-15-2009-57', 100_000_000, '200'), 666_666_667, 'the largest weight and IPREM stay within Money');
  });
});

describe('carrier’s liability limit', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  describe('computing it', () => {
    it('counts 8.33 SDR per kg under CMR art. 23.3 for international carriage: 100 kg at 1.1500 €/SDR is 957.95 €', async () => {
      await addRate(SDR, '1.1500', '2026-11-01');
      const claim = await openClaim({ ...international, incidentAt: '2026-11-20T09:30:00Z', grossWeightKg: 100, declaredValue: eur(184_000) });
      assert.equal(claim.grossWeightKg, 100);
      assert.deepEqual(claim.liabilityLimit, {
        status: 'computed',
        rule: 'cmr-23',
        grossWeightKg: 100,
        rateDay: '2026-11-20',
        rate: { kind: SDR, value: '1.1500', effectiveFrom: '2026-11-01' },
        amount: eur(95_795),
        // Nothing claimed: the declared value, 1,840 €, is what the outcome may pay, and it is over.
        exceeded: true,
      });
    });

    it('counts a third of the daily IPREM per kg under Ley 15/2009 art. 57 within Spain: 100 kg at 20 €/day is 666.67 €', async () => {
      await addRate(IPREM, '20.00', '2026-01-01');
      const under = await openClaim({ ...spanish, grossWeightKg: 100, declaredValue: eur(184_000), claimedAmount: eur(60_000) });
      assert.equal(under.liabilityLimit.status, 'computed');
      assert.equal(under.liabilityLimit.rule, 'ley-15-2009-57');
      assert.deepEqual(under.liabilityLimit.amount, eur(66_667), 'rounded half up once, at the end');
      assert.deepEqual(under.liabilityLimit.rate, { kind: IPREM, value: '20.00', effectiveFrom: '2026-01-01' });
      assert.equal(under.liabilityLimit.exceeded, false, '600 € claimed is within 666.67 €');

      const over = await openClaim({ ...spanish, grossWeightKg: 100, declaredValue: eur(184_000), claimedAmount: eur(66_668) });
      assert.equal(over.liabilityLimit.exceeded, true, 'one cent over the limit is over');
      const at = await openClaim({ ...spanish, grossWeightKg: 100, declaredValue: eur(184_000), claimedAmount: eur(66_667) });
      assert.equal(at.liabilityLimit.exceeded, false, 'the limit itself is not over');
    });

    it('says plainly when no rule covers the carriage, the claim is not in euros, the weight is missing or no rate was in effect', async () => {
      await addRate(SDR, '1.1500', '2026-11-01');
      const france = await openClaim({ scope: 'national', originCountry: 'FR', destinationCountry: 'FR', grossWeightKg: 100 });
      assert.deepEqual(france.liabilityLimit, { status: 'unavailable', reason: 'no-rule', rule: null, grossWeightKg: 100, rateDay: '2026-11-20' });

      const dollars = await openClaim({ ...international, grossWeightKg: 100, declaredValue: { amountCents: 100_000, currency: 'USD' } });
      assert.deepEqual(dollars.liabilityLimit, { status: 'unavailable', reason: 'not-euros', rule: 'cmr-23', grossWeightKg: 100, rateDay: '2026-11-20' });

      const weightless = await openClaim(international);
      assert.equal(weightless.grossWeightKg, null);
      assert.deepEqual(weightless.liabilityLimit, { status: 'unavailable', reason: 'no-weight', rule: 'cmr-23', grossWeightKg: null, rateDay: '2026-11-20' });

      const early = await openClaim({ ...international, grossWeightKg: 100, incidentAt: '2026-10-31T12:00:00Z' });
      assert.deepEqual(early.liabilityLimit, { status: 'unavailable', reason: 'no-rate', rule: 'cmr-23', grossWeightKg: 100, rateDay: '2026-10-31' }, 'the SDR rate took effect the day after');

      const noIprem = await openClaim({ ...spanish, grossWeightKg: 100 });
      assert.deepEqual(noIprem.liabilityLimit, { status: 'unavailable', reason: 'no-rate', rule: 'ley-15-2009-57', grossWeightKg: 100, rateDay: '2026-11-20' }, 'an SDR rate is no IPREM');
    });

    it('uses the rate in effect on the incident’s day on Spain’s clock, whatever is recorded for later days', async () => {
      await addRate(SDR, '1.1000', '2026-10-01');
      await addRate(SDR, '1.2000', '2026-11-15');
      const dayBefore = await openClaim({ ...international, grossWeightKg: 100, incidentAt: '2026-11-14T22:30:00Z' });
      assert.equal(dayBefore.liabilityLimit.rateDay, '2026-11-14');
      assert.equal(dayBefore.liabilityLimit.rate.value, '1.1000');
      // 00:30 on 15 November in Madrid is still the 14th in UTC.
      const justAfterMidnight = await openClaim({ ...international, grossWeightKg: 100, incidentAt: '2026-11-14T23:30:00Z' });
      assert.equal(justAfterMidnight.liabilityLimit.rateDay, '2026-11-15');
      assert.deepEqual(justAfterMidnight.liabilityLimit.rate, { kind: SDR, value: '1.2000', effectiveFrom: '2026-11-15' });
      assert.deepEqual(justAfterMidnight.liabilityLimit.amount, eur(99_960));

      await addRate(SDR, '1.3000', '2026-12-01');
      const again = await api.call('handler', 'GET', `/claims/${dayBefore.id}`);
      assert.deepEqual(again.body.liabilityLimit, dayBefore.liabilityLimit, 'a rate for a later day changes nothing');
    });

    it('follows a correction of a day’s rate, keeping the corrected record listed as superseded', async () => {
      const wrong = await addRate(SDR, '1.5100', '2026-11-01');
      const claim = await openClaim({ ...international, grossWeightKg: 100 });
      assert.equal(claim.liabilityLimit.rate.value, '1.5100');

      const retry = await api.call('handler', 'POST', '/liability-rates', { kind: SDR, value: '1.5100', effectiveFrom: '2026-11-01' });
      assert.equal(retry.status, 200, 'the same value again is a retry');
      assert.equal(retry.body.id, wrong.id);

      const fixed = await api.call('apiKey', 'POST', '/liability-rates', { kind: SDR, value: '1.1500', effectiveFrom: '2026-11-01', source: 'FMI, corregido' });
      assert.equal(fixed.status, 201);
      assert.equal(fixed.headers.get('location'), '/api/v1/liability-rates?kind=eur-per-sdr');
      assert.deepEqual(fixed.body.recordedBy, { kind: 'service', id: null, name: 'Host system' });
      const after = await api.call('handler', 'GET', `/claims/${claim.id}`);
      assert.deepEqual(after.body.liabilityLimit.amount, eur(95_795));

      const list = await api.call('handler', 'GET', '/liability-rates?kind=eur-per-sdr');
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((rate: { value: string; superseded: boolean }) => [rate.value, rate.superseded]),
        [
          ['1.1500', false],
          ['1.5100', true],
        ],
      );
    });

    it('flags the claims over their limit in the handler’s queue, reading the rates once per page', async () => {
      await addRate(IPREM, '20.00', '2026-01-01');
      const tag = 'QUEUE-7731';
      const open = (n: number, claimed: number) =>
        api.call('apiKey', 'POST', '/claims', claimInput({ ...spanish, description: `${tag} ${n}`, grossWeightKg: 100, claimedAmount: eur(claimed) }));
      assert.equal((await open(0, 90_000)).status, 201);
      assert.equal((await open(1, 50_000)).status, 201);
      await api.call('handler', 'GET', '/me');

      // Every statement the API sends while answering one request.
      const executor = api.db.getExecutor();
      const execute = executor.executeQuery.bind(executor);
      let statements = 0;
      executor.executeQuery = <R>(query: CompiledQuery<R>): Promise<QueryResult<R>> => {
        statements++;
        return execute(query);
      };
      const page = async () => {
        statements = 0;
        const res = await api.call('handler', 'GET', `/claims?q=${tag}&limit=50`);
        assert.equal(res.status, 200);
        return { res, statements };
      };
      const two = await page();
      assert.ok(two.statements > 0, 'the statements are counted');
      assert.deepEqual(
        two.res.body.items.map((claim: { description: string; liabilityLimit: { exceeded: boolean } }) => [claim.description, claim.liabilityLimit.exceeded]),
        [
          [`${tag} 1`, false],
          [`${tag} 0`, true],
        ],
      );
      for (let n = 2; n < 12; n++) assert.equal((await open(n, 10_000)).status, 201);
      // The commits made the process read its users' rows again: the handler's first, as before the first page.
      await api.call('handler', 'GET', '/me');
      const twelve = await page();
      assert.equal(twelve.res.body.items.length, 12);
      assert.equal(twelve.statements, two.statements, 'the statements per page do not grow with its claims');
    });
  });

  describe('who sees it', () => {
    it('shows the limit to handlers and the operator’s backend, and the weight, not the limit, to the company', async () => {
      await addRate(SDR, '1.1500', '2026-11-01');
      const { id } = await api.createClaim({ ...international, grossWeightKg: 100 });
      await api.grantAccess('member');
      for (const caller of ['handler', 'apiKey'] as const) {
        const res = await api.call(caller, 'GET', `/claims/${id}`);
        assert.equal(res.body.liabilityLimit.status, 'computed', caller);
      }
      for (const caller of ['admin', 'member', 'companyKey'] as const) {
        const res = await api.call(caller, 'GET', `/claims/${id}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.grossWeightKg, 100, caller);
        assert.equal('liabilityLimit' in res.body, false, `${caller} does not see the limit`);
        const list = await api.call(caller, 'GET', '/claims');
        assert.equal(list.body.items.some((claim: object) => 'liabilityLimit' in claim), false, `${caller}'s list does not show it either`);
      }
    });

    it('keeps the rates to the operator: handlers and CLAIMS_API_KEY list and add them, a company’s users and keys get 403', async () => {
      await api.grantAccess('member');
      const add = (caller: Caller, value: string) => api.call(caller, 'POST', '/liability-rates', { kind: IPREM, value, effectiveFrom: '2026-01-01' });
      for (const caller of ['admin', 'member', 'memberWithoutAccess', 'companyKey'] as const) {
        const post = await add(caller, '21.00');
        assert.equal(post.status, 403, caller);
        fieldsOfProblem(post);
        assert.match(post.body.detail, /kept by the operator/);
        const list = await api.call(caller, 'GET', '/liability-rates');
        assert.equal(list.status, 403, caller);
      }
      assert.equal((await add('anonymous', '21.00')).status, 401);
      assert.equal((await add('handler', '20.00')).status, 201);
      assert.equal((await add('apiKey', '20.00')).status, 200, 'the same rate again, by the operator’s backend');
      const list = await api.call('apiKey', 'GET', '/liability-rates');
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((rate: { kind: string; value: string; effectiveFrom: string; recordedBy: { name: string } }) => [rate.kind, rate.value, rate.effectiveFrom, rate.recordedBy.name]),
        [[IPREM, '20.00', '2026-01-01', 'Carmen Ruiz']],
      );
    });
  });

  describe('bad input', () => {
    it('refuses a rate that is not one, naming the field and what it must be', async () => {
      const cases: Array<[unknown, string, RegExp]> = [
        [{ kind: 'usd-per-sdr', value: '1.15', effectiveFrom: '2026-01-01' }, 'kind', /eur-per-sdr/],
        [{ kind: SDR, value: 1.15, effectiveFrom: '2026-01-01' }, 'value', /string/],
        [{ kind: SDR, value: '1,15', effectiveFrom: '2026-01-01' }, 'value', /decimal written as a string, with a point/],
        [{ kind: SDR, value: '1.1234567', effectiveFrom: '2026-01-01' }, 'value', /at most 6 decimals/],
        [{ kind: SDR, value: '0.05', effectiveFrom: '2026-01-01' }, 'value', /between 0.5 and 5 for eur-per-sdr/],
        [{ kind: SDR, value: '115', effectiveFrom: '2026-01-01' }, 'value', /between 0.5 and 5/],
        [{ kind: IPREM, value: '600.00', effectiveFrom: '2026-01-01' }, 'value', /daily IPREM, not the monthly/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '01/01/2026' }, 'effectiveFrom', /YYYY-MM-DD/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '2026-02-30' }, 'effectiveFrom', /not a day of the calendar/],
        // Found by the fuzzer: a month no date has (it answered 500).
        [{ kind: IPREM, value: '20.00', effectiveFrom: '0000-70-00' }, 'effectiveFrom', /not a day of the calendar/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '1999-12-31' }, 'effectiveFrom', /before 2000-01-01/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '2099-01-01' }, 'effectiveFrom', /at most 366 days ahead/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '2026-01-01', source: '  ' }, 'source', /blank/],
        [{ kind: IPREM, value: '20.00', effectiveFrom: '2026-01-01', rate: 20 }, 'json', /Unrecognized key: "rate"/],
      ];
      for (const [body, field, message] of cases) {
        const res = await api.call('handler', 'POST', '/liability-rates', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const fields = fieldsOfProblem(res);
        assert.ok(fields.includes(field), `${JSON.stringify(body)}: ${JSON.stringify(res.body.errors)}`);
        assert.match(res.body.detail, message, JSON.stringify(body));
      }
      const list = await api.call('handler', 'GET', '/liability-rates?kind=sdr');
      assert.equal(list.status, 400);
      assert.deepEqual(fieldsOfProblem(list), ['kind']);
      assert.deepEqual((await api.call('handler', 'GET', '/liability-rates')).body.items, [], 'nothing refused was recorded');
    });

    it('refuses a gross weight that is not one, on intake and on correction', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [0, /above 0 kg/],
        [-12, /above 0 kg/],
        // Found by the fuzzer: above 0, but under the gram the weight is kept to (it answered 500).
        [1.0919238654e-314, /at least 0.001 kg/],
        [0.0004, /at least 0.001 kg/],
        [100_001, /at most 100000 kg.*not grams or pounds/],
        [12.3456, /at most 3 decimals/],
        ['100', /must be a number, not string/],
      ];
      for (const [grossWeightKg, message] of cases) {
        const res = await api.call('apiKey', 'POST', '/claims', { ...claimInput(), grossWeightKg });
        assert.equal(res.status, 400, JSON.stringify(grossWeightKg));
        assert.deepEqual(fieldsOfProblem(res), ['grossWeightKg']);
        assert.match(res.body.detail, message);
      }
      const { id } = await api.createClaim({ grossWeightKg: 100 });
      const amended = await api.call('apiKey', 'PATCH', `/claims/${id}`, { grossWeightKg: 0 });
      assert.equal(amended.status, 400);
      assert.deepEqual(fieldsOfProblem(amended), ['grossWeightKg']);
      assert.equal((await api.call('handler', 'GET', `/claims/${id}`)).body.grossWeightKg, 100, 'unchanged');
    });
  });

  describe('the weight as a fact of the claim', () => {
    it('is kept to the gram, takes part in intake’s idempotency and is corrected like any fact, moving the limit', async () => {
      await addRate(SDR, '1.1500', '2026-11-01');
      const input = claimInput({ ...international, grossWeightKg: 12.5 });
      const first = await api.call('apiKey', 'POST', '/claims', input);
      assert.equal(first.status, 201);
      assert.equal(first.body.grossWeightKg, 12.5);
      assert.equal(first.body.liabilityLimit.status, 'computed', 'the operator’s backend opening it sees the limit at once');
      assert.equal((await api.call('apiKey', 'POST', '/claims', input)).status, 200, 'the same weight again is a retry');
      const other = await api.call('apiKey', 'POST', '/claims', { ...input, grossWeightKg: 13 });
      assert.equal(other.status, 409);
      assert.deepEqual(other.body.differingFields, ['grossWeightKg']);

      const corrected = await api.call('handler', 'PATCH', `/claims/${first.body.id}`, { grossWeightKg: 100 });
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.deepEqual(corrected.body.liabilityLimit.amount, eur(95_795));
      const removed = await api.call('apiKey', 'PATCH', `/claims/${first.body.id}`, { grossWeightKg: null });
      assert.equal(removed.body.grossWeightKg, null);
      assert.equal(removed.body.liabilityLimit.reason, 'no-weight');
      const events = await api.call('admin', 'GET', `/claims/${first.body.id}/events`);
      const changes = events.body.items.filter((event: { type: string }) => event.type === 'claim.amended').map((event: { data: { changes: unknown } }) => event.data.changes);
      assert.deepEqual(changes, [[{ field: 'grossWeightKg', from: 12.5, to: 100 }], [{ field: 'grossWeightKg', from: 100, to: null }]]);
    });
  });
});
