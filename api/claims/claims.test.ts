import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { captureLog, expectErrorsLogged } from '../testing/log.ts';
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
      const res = await api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'ALB-1', incidentAt: '2025-12-03T16:00:00Z' }));
      assert.equal(res.status, 201);
      assert.equal(res.body.status, 'notified');
      assert.match(res.body.id, /^clm_/);
      assert.match(res.body.reference, /^SIN-\d{4}-000001$/);
      assert.equal(res.body.companyName, 'Ferretería Martínez S.L.');
      assert.deepEqual(res.body.declaredValue, { amountCents: 184_000, currency: 'EUR' });
      // International breakage naming no destination country: CMR art. 30 in Spain, 7 days without
      // Sundays and holidays (6 and 8 Dec), to midnight in Madrid.
      assert.equal(res.body.deadlineAt, '2025-12-13T22:59:59.999Z');
      assert.deepEqual(res.body.deadline.days, 7);
      assert.equal(res.body.deadline.country, 'ES');
      assert.equal(res.body.originCountry, null);
      assert.equal(res.body.destinationCountry, null);
      assert.match(res.body.deadline.basis.en, /^CMR art\. 30\.2 — hidden damage/);
      assert.match(res.body.deadline.basis.es, /^CMR art\. 30\.2 — daños no aparentes/);
    });

    it('is idempotent on company and externalRef: 201, then 200 with the same claim for the same request', async () => {
      const body = claimInput({ externalRef: 'ALB-2026-77', scope: 'national' });
      const first = await api.call('apiKey', 'POST', '/claims', body);
      assert.equal(first.status, 201);
      // The same request as stored: text trimmed, the same instant in another offset, defaults spelled out.
      const same = {
        ...body,
        externalRef: ' ALB-2026-77 ',
        carrier: `  ${body.carrier}\n`,
        incidentAt: '2026-11-20T10:30:00+01:00',
        packages: body.packages,
        originCountry: 'ES',
        destinationCountry: 'ES',
      };
      for (const retry of [body, same]) {
        const again = await api.call('apiKey', 'POST', '/claims', retry);
        assert.equal(again.status, 200, JSON.stringify(again.body));
        assert.equal(again.body.id, first.body.id);
      }
      const events = await api.call('admin', 'GET', `/claims/${first.body.id}/events`);
      assert.equal(events.body.items.length, 1, 'a retry writes no second event');
    });

    it('opens one claim for the same request sent several times at once: one 201, the others 200 with it', async () => {
      // None finds the claim before the write path; all but one meet the unique externalRef in it and run again.
      const body = claimInput({ externalRef: 'ALB-2026-RACE', scope: 'national' });
      const answers = await Promise.all(Array.from({ length: 6 }, () => api.call('apiKey', 'POST', '/claims', body)));
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 200, 200, 200, 201], JSON.stringify(answers.map((answer) => answer.body)));
      assert.equal(new Set(answers.map((answer) => answer.body.id)).size, 1);
      const events = await api.call('admin', 'GET', `/claims/${answers[0]!.body.id}/events`);
      assert.equal(events.body.items.length, 1, 'one claim.created');
      const changed = await Promise.all([api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'ALB-2026-RACE2' })), api.call('apiKey', 'POST', '/claims', claimInput({ externalRef: 'ALB-2026-RACE2', carrier: 'Otra' }))]);
      assert.deepEqual(changed.map((answer) => answer.status).sort(), [201, 409], 'the one that lost names what differs');
    });

    it('refuses the same externalRef with another body: 409 naming the fields that differ, and nothing changes', async () => {
      const body = claimInput({ externalRef: 'ALB-2026-78' });
      const first = await api.call('apiKey', 'POST', '/claims', body);
      const other = await api.call('apiKey', 'POST', '/claims', {
        ...body,
        description: 'Otra incidencia',
        declaredValue: { amountCents: 1, currency: 'EUR' },
        destinationCountry: 'FR',
      });
      assert.equal(other.status, 409);
      assert.equal(other.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(other.body.differingFields, ['description', 'destinationCountry', 'declaredValue.amountCents']);
      assert.equal(other.body.claimId, first.body.id);
      assert.match(other.body.detail, new RegExp(`${first.body.reference} was already opened for externalRef ALB-2026-78`));
      assert.match(other.body.detail, /description, destinationCountry, declaredValue\.amountCents/);
      const stored = await api.call('apiKey', 'GET', `/claims/${first.body.id}`);
      assert.equal(stored.body.description, body.description);
      assert.equal((await api.call('admin', 'GET', `/claims/${first.body.id}/events`)).body.items.length, 1);
    });

    it('answers with the claim as stored: the same body a read gives, with the company’s stored name when the request names none', async () => {
      await api.call('apiKey', 'POST', '/claims', claimInput({ company: { id: 'nombrada', name: 'Nombrada S.A.' }, externalRef: 'NAMED-1' }));
      for (const input of [
        claimInput({ externalRef: 'AS-STORED-1', grossWeightKg: 12.345, originCountry: 'FR', destinationCountry: 'ES', claimedAmount: { amountCents: 90_000, currency: 'EUR' } }),
        claimInput({ externalRef: 'AS-STORED-2', company: { id: 'nombrada' }, scope: 'national' }),
      ]) {
        const opened = await api.call('apiKey', 'POST', '/claims', input);
        assert.equal(opened.status, 201);
        const read = await api.call('apiKey', 'GET', `/claims/${opened.body.id}`);
        assert.deepEqual(opened.body, read.body);
      }
      const unnamed = await api.call('apiKey', 'GET', '/claims?externalRef=AS-STORED-2');
      assert.equal(unnamed.body.items[0].companyName, 'Nombrada S.A.');
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

    const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
    const badBodies: Array<[string, unknown, RegExp]> = [
      ['an unknown type', claimInput({ type: 'flood' as never }), /type/],
      ['money in euros, not cents', claimInput({ declaredValue: { amountCents: 12.5, currency: 'EUR' } }), /declaredValue\.amountCents/],
      ['more money than an amount column holds', claimInput({ declaredValue: { amountCents: 2 ** 31, currency: 'EUR' } }), /declaredValue\.amountCents/],
      ['a lowercase currency', claimInput({ declaredValue: { amountCents: 100, currency: 'eur' } }), /ISO 4217/],
      ['a currency that is not ISO 4217', claimInput({ declaredValue: { amountCents: 100, currency: 'XYZ' } }), /declaredValue\.currency: must be an ISO 4217 code in use/],
      ['a claimed amount in another currency', claimInput({ claimedAmount: { amountCents: 100, currency: 'USD' } }), /same currency/],
      ['a date that is not ISO 8601', claimInput({ incidentAt: '20/11/2026' }), /incidentAt/],
      ['an incident in year 1', claimInput({ incidentAt: '0001-01-01T00:00:00Z' }), /incidentAt: must not be before 2000-01-01/],
      ['an incident in year 50', claimInput({ incidentAt: '0050-06-01T00:00:00Z' }), /incidentAt: must not be before 2000-01-01/],
      ['an incident on 31 Dec 1999', claimInput({ incidentAt: '1999-12-31T23:59:59Z' }), /incidentAt: must not be before 2000-01-01/],
      ['an incident in year 9999', claimInput({ incidentAt: '9999-12-31T00:00:00Z' }), /incidentAt: must not be in the future/],
      ['an incident an hour from now', claimInput({ incidentAt: inAnHour() }), /incidentAt: must not be in the future/],
      ['a lowercase country', claimInput({ destinationCountry: 'fr' }), /destinationCountry: must be an ISO 3166-1 alpha-2/],
      ['a country that does not exist', claimInput({ originCountry: 'ZZ' }), /originCountry: is not a country code/],
      ['a national claim across a border', claimInput({ scope: 'national', originCountry: 'ES', destinationCountry: 'FR' }), /destinationCountry: must be the same as originCountry/],
      ['an international claim inside one country', claimInput({ originCountry: 'ES', destinationCountry: 'ES' }), /destinationCountry: must differ from originCountry/],
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

    it('accepts an incident a few minutes ahead of the server’s clock', async () => {
      const res = await api.call('apiKey', 'POST', '/claims', claimInput({ incidentAt: new Date(Date.now() + 5 * 60_000).toISOString() }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
    });
  });

  describe('deadlines by country', () => {
    const cmr = { type: 'breakage', goods: 'pallet', scope: 'international' } as const;
    const open = async (overrides: Parameters<typeof claimInput>[0]) => {
      const res = await api.call('apiKey', 'POST', '/claims', claimInput({ ...cmr, ...overrides }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    it('counts CMR hidden damage in the destination country: Armistice Day in France, not in Spain', async () => {
      // Delivered Monday 9 Nov 2026, 10:00 in Paris: Tue 10, (Wed 11 Armistice), Thu 12, Fri 13, Sat 14, (Sun 15), Mon 16, Tue 17, Wed 18.
      const lyon = await open({ incidentAt: '2026-11-09T09:00:00Z', originCountry: 'ES', destinationCountry: 'FR', destination: 'Lyon' });
      assert.equal(lyon.deadlineAt, '2026-11-18T22:59:59.999Z', 'midnight in Paris');
      assert.equal(lyon.deadline.country, 'FR');
      assert.equal(lyon.originCountry, 'ES');
      assert.equal(lyon.destinationCountry, 'FR');
      // The same dates delivered in Spain: 11 Nov is a working day there.
      const zaragoza = await open({ incidentAt: '2026-11-09T09:00:00Z', originCountry: 'FR', destinationCountry: 'ES' });
      assert.equal(zaragoza.deadlineAt, '2026-11-17T22:59:59.999Z');
      assert.equal(zaragoza.deadline.country, 'ES');
    });

    it('skips Portuguese holidays for goods delivered in Porto, on Lisbon’s clock', async () => {
      // Monday 8 Jun 2026: Tue 9, (Wed 10 Dia de Portugal), Thu 11, Fri 12, Sat 13, (Sun 14), Mon 15, Tue 16, Wed 17.
      const porto = await open({ incidentAt: '2026-06-08T09:00:00Z', originCountry: 'ES', destinationCountry: 'PT', destination: 'Oporto' });
      assert.equal(porto.deadlineAt, '2026-06-17T22:59:59.999Z', 'midnight WEST');
      assert.equal(porto.deadline.country, 'PT');
    });

    it('runs loss, robbery and theft deadlines where the goods left', async () => {
      // 60 calendar days from Sat 1 Aug 2026 in Lisbon: Wed 30 Sep, ending at midnight WEST.
      const lost = await open({ type: 'loss', incidentAt: '2026-08-01T10:00:00Z', originCountry: 'PT', destinationCountry: 'FR' });
      assert.equal(lost.deadline.country, 'PT');
      assert.equal(lost.deadlineAt, '2026-09-30T22:59:59.999Z');
      const robbed = await open({ type: 'robbery', originCountry: 'FR', destinationCountry: 'ES' });
      assert.equal(robbed.deadline.country, 'FR');
    });

    it('puts a national claim in Spain unless the host names its country, and an international one’s unnamed end in Spain', async () => {
      const national = await open({ scope: 'national' });
      assert.deepEqual([national.originCountry, national.destinationCountry, national.deadline.country], ['ES', 'ES', 'ES']);
      const portuguese = await open({ scope: 'national', destinationCountry: 'PT', incidentAt: '2026-06-08T09:00:00Z' });
      assert.deepEqual([portuguese.originCountry, portuguese.destinationCountry, portuguese.deadline.country], ['PT', 'PT', 'PT']);
      const unnamed = await open({ originCountry: 'FR' });
      assert.deepEqual([unnamed.originCountry, unnamed.destinationCountry, unnamed.deadline.country], ['FR', null, 'ES']);
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
      // Well-formed cursors carrying what no column holds: refused before they reach the database.
      for (const forged of [['2026-11-20T09:30:00.000Z\u0000', 'clm_x'], ['2026-11-20T09:30:00.000Z', 'clm_\ud800']]) {
        const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
        const res = await api.call('admin', 'GET', `/claims?cursor=${cursor}`);
        assert.equal(res.status, 400, JSON.stringify(forged));
        assert.equal(res.body.errors[0].field, 'cursor');
      }
      const limit = await api.call('admin', 'GET', '/claims?limit=1000');
      assert.equal(limit.status, 400);
      assert.equal(limit.body.errors[0].field, 'limit');
      const status = await api.call('admin', 'GET', '/claims?status=lost');
      assert.equal(status.status, 400);
    });
  });

  describe('listing for the console (companyId, handler, sort)', () => {
    type Item = { id: string; companyId: string; deadlineAt: string; createdAt: string; handler: { id: string } | null };
    const textiles = { id: 'textiles', name: 'Textiles del Sur S.A.' };
    const ids = (res: { body: { items: Item[] } }) => res.body.items.map((c) => c.id);

    /** Every page of a listing, following nextCursor, with the counts of the first. */
    async function allPages(caller: Parameters<Api['call']>[0], query: string, limit: number) {
      const seen: Item[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path: string = `/claims?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await api.call(caller, 'GET', path);
        assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
        assert.ok(res.body.items.length <= limit);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      return { items: seen, pages };
    }

    async function handlerIds() {
      const carmen = (await api.call('handler', 'GET', '/me')).body.id as string;
      const pablo = (await api.as({ sub: 'pablo', company: 'operator', role: 'handler', name: 'Pablo Ortega', email: 'pablo@operator.test' })('GET', '/me')).body.id as string;
      return { carmen, pablo };
    }

    it('filters by handler: me, none or a handler id; counts follow', async () => {
      const { carmen, pablo } = await handlerIds();
      const claims = [];
      for (let i = 0; i < 5; i++) claims.push(await api.createClaim());
      const [a, b, c] = claims;
      for (const [claim, handlerId] of [[a!, carmen], [b!, carmen], [c!, pablo]] as const) {
        assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/assignee`, { handlerId })).status, 200);
      }
      await api.call('admin', 'POST', `/claims/${a!.id}/accept`);

      const mine = await api.call('handler', 'GET', '/claims?handler=me');
      assert.deepEqual(ids(mine), [b!.id, a!.id]);
      assert.ok(mine.body.items.every((claim: Item) => claim.handler?.id === carmen));
      assert.deepEqual(mine.body.counts, { notified: 1, declined: 0, documentation: 1, review: 0, submitted: 0, resolved: 0, closed: 0 });
      assert.deepEqual(ids(await api.call('handler', 'GET', `/claims?handler=${pablo}`)), [c!.id]);
      const none = await api.call('handler', 'GET', '/claims?handler=none');
      assert.deepEqual(ids(none), [claims[4]!.id, claims[3]!.id]);
      assert.equal(none.body.counts.notified, 2);
      assert.deepEqual(ids(await api.call('handler', 'GET', '/claims?handler=me&status=documentation')), [a!.id]);
      assert.deepEqual(ids(await api.call('handler', 'GET', '/claims?handler=usr_nobody')), []);
      // Customers may narrow their own company's list by handler too.
      assert.deepEqual(ids(await api.call('admin', 'GET', '/claims?handler=none')), [claims[4]!.id, claims[3]!.id]);

      for (const caller of ['admin', 'apiKey'] as const) {
        const res = await api.call(caller, 'GET', '/claims?handler=me');
        assert.equal(res.status, 400, caller);
        assert.equal(res.body.errors[0].field, 'handler');
        assert.match(res.body.detail, /handler=me lists the claims assigned to the calling claims handler/);
      }
    });

    it('filters by companyId for handlers and the host backend; a customer cannot reach another company through it', async () => {
      const ours = [await api.createClaim(), await api.createClaim()];
      const theirs = [await api.createClaim({ company: textiles }), await api.createClaim({ company: textiles, type: 'loss' })];
      for (const caller of ['handler', 'apiKey'] as const) {
        const res = await api.call(caller, 'GET', '/claims?companyId=textiles');
        assert.equal(res.status, 200);
        assert.deepEqual(ids(res), [theirs[1]!.id, theirs[0]!.id], caller);
        assert.equal(res.body.counts.notified, 2, 'counts follow companyId');
        assert.deepEqual(ids(await api.call(caller, 'GET', '/claims?companyId=textiles&type=loss')), [theirs[1]!.id]);
        assert.deepEqual(ids(await api.call(caller, 'GET', '/claims?companyId=ferreteria')), [ours[1]!.id, ours[0]!.id]);
        assert.deepEqual(ids(await api.call(caller, 'GET', '/claims?companyId=nobody')), []);
      }

      const foreign = await api.call('admin', 'GET', '/claims?companyId=textiles');
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.errors[0].field, 'companyId');
      assert.match(foreign.body.detail, /only claims handlers and the host backend see/);
      assert.doesNotMatch(JSON.stringify(foreign.body), new RegExp(theirs[0]!.id));
      const back = await api.call('otherAdmin', 'GET', '/claims?companyId=ferreteria&status=notified');
      assert.equal(back.status, 400);
      assert.equal(back.body.errors[0].field, 'companyId');
      // Naming their own company is allowed, and changes nothing.
      const own = await api.call('admin', 'GET', '/claims?companyId=ferreteria');
      assert.equal(own.status, 200);
      assert.deepEqual(ids(own), [ours[1]!.id, ours[0]!.id]);
      assert.equal((await api.call('otherAdmin', 'GET', '/claims?companyId=textiles')).body.items.length, 2);
    });

    it('sorts by deadline, soonest first, and pages it with no repeat and no gap, ties broken by id', async () => {
      // Deadlines from incident dates in no particular order, three claims sharing each of two dates.
      const dates = ['2026-11-10', '2026-10-01', '2026-11-20', '2026-10-01', '2026-09-15', '2026-11-10', '2026-10-01', '2026-11-01', '2026-11-10'];
      for (const [i, date] of dates.entries()) {
        await api.createClaim({ incidentAt: `${date}T09:00:00Z`, ...(i % 3 === 0 ? { company: textiles } : {}) });
      }
      const whole = await api.call('handler', 'GET', '/claims?sort=deadline&limit=100');
      assert.equal(whole.body.items.length, dates.length);
      const deadlines = whole.body.items.map((c: Item) => c.deadlineAt);
      assert.deepEqual(deadlines, [...deadlines].sort(), 'soonest deadline first');
      assert.equal(new Set(deadlines).size, 5, 'the fixture has ties');

      for (const limit of [1, 2, 4]) {
        const { items, pages } = await allPages('handler', 'sort=deadline', limit);
        assert.deepEqual(items.map((c) => c.id), ids(whole), `limit ${limit}: the pages are the whole list, in order`);
        assert.equal(pages, Math.ceil(dates.length / limit));
      }
      // The same across pages with a filter: one company, and the customer's own view.
      const textilesOnly = whole.body.items.filter((c: Item) => c.companyId === 'textiles').map((c: Item) => c.id);
      assert.deepEqual((await allPages('handler', 'sort=deadline&companyId=textiles', 1)).items.map((c) => c.id), textilesOnly);
      assert.deepEqual((await allPages('otherAdmin', 'sort=deadline', 2)).items.map((c) => c.id), textilesOnly);
    });

    it('sorts by deadline with the claims whose deadline still counts first, then the rest, live or paged', async () => {
      const company = { id: `plazos-${Date.now()}`, name: 'Plazos S.L.' };
      const at = (date: string) => ({ incidentAt: `${date}T09:00:00Z`, company });
      const declined = await api.createClaim(at('2026-09-01'));
      const filed = await api.createClaim(at('2026-09-02'));
      const later = await api.createClaim(at('2026-11-01'));
      const sooner = await api.createClaim(at('2026-10-01'));
      const admin = api.as({ sub: 'jefa', company: company.id, companyName: company.name, role: 'admin', name: 'Elena Plaza', email: 'elena@plazos.test' });
      assert.equal((await admin('POST', `/claims/${declined.id}/decline`, { reason: 'Lo tramitamos nosotros.' })).status, 200);
      assert.equal((await admin('POST', `/claims/${filed.id}/accept`)).status, 200);
      for (const to of ['review', 'submitted']) assert.equal((await api.call('handler', 'POST', `/claims/${filed.id}/transitions`, { to })).status, 200);
      const expected = [sooner.id, later.id, declined.id, filed.id];
      assert.deepEqual(ids(await api.call('handler', 'GET', `/claims?sort=deadline&companyId=${company.id}&limit=10`)), expected);
      for (const limit of [1, 3]) {
        assert.deepEqual((await allPages('handler', `sort=deadline&companyId=${company.id}`, limit)).items.map((c) => c.id), expected);
      }
    });

    it('pages newest first across pages with the handler and companyId filters', async () => {
      const { carmen } = await handlerIds();
      const created: Array<{ id: string; company: string; mine: boolean }> = [];
      for (let i = 0; i < 8; i++) {
        const claim = await api.createClaim(i % 2 === 0 ? { company: textiles } : {});
        const mine = i % 3 !== 0;
        if (mine) await api.call('handler', 'POST', `/claims/${claim.id}/assignee`, { handlerId: carmen });
        created.push({ id: claim.id, company: claim.companyId, mine });
      }
      const newest = [...created].reverse();
      const expect = (keep: (c: (typeof created)[number]) => boolean) => newest.filter(keep).map((c) => c.id);
      assert.deepEqual((await allPages('handler', 'handler=me', 2)).items.map((c) => c.id), expect((c) => c.mine));
      assert.deepEqual((await allPages('handler', 'handler=none', 1)).items.map((c) => c.id), expect((c) => !c.mine));
      assert.deepEqual(
        (await allPages('handler', 'handler=me&companyId=textiles&sort=newest', 1)).items.map((c) => c.id),
        expect((c) => c.mine && c.company === 'textiles'),
      );
      assert.deepEqual((await allPages('apiKey', 'companyId=ferreteria', 3)).items.map((c) => c.id), expect((c) => c.company === 'ferreteria'));
    });

    it('refuses a cursor of one sort used with another, with a 400 saying which sort it belongs to', async () => {
      for (let i = 0; i < 3; i++) await api.createClaim();
      const byDeadline = await api.call('handler', 'GET', '/claims?sort=deadline&limit=1');
      const byNewest = await api.call('handler', 'GET', '/claims?limit=1');
      const mixed = await api.call('handler', 'GET', `/claims?cursor=${byDeadline.body.nextCursor}`);
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.errors[0].field, 'cursor');
      assert.match(mixed.body.detail, /continues a list sorted by deadline, but this request asks for sort=newest\. Send sort=deadline/);
      const other = await api.call('handler', 'GET', `/claims?sort=deadline&cursor=${byNewest.body.nextCursor}`);
      assert.equal(other.status, 400);
      assert.match(other.body.detail, /sorted by newest, but this request asks for sort=deadline/);
      assert.equal((await api.call('handler', 'GET', '/claims?sort=soonest')).status, 400);

      // Cursors handed out before lists had a sort ([createdAt, id]) still page newest first.
      const first = byNewest.body.items[0] as Item;
      const legacy = Buffer.from(JSON.stringify([first.createdAt, first.id])).toString('base64url');
      const next = await api.call('handler', 'GET', `/claims?limit=1&cursor=${legacy}`);
      assert.equal(next.status, 200);
      const second = await api.call('handler', 'GET', `/claims?limit=1&cursor=${byNewest.body.nextCursor}`);
      assert.deepEqual(ids(next), ids(second));
      const forged = Buffer.from(JSON.stringify(['deadline', '2026-11-20T09:30:00.000Z\u0000', 'clm_x'])).toString('base64url');
      assert.equal((await api.call('handler', 'GET', `/claims?sort=deadline&cursor=${forged}`)).status, 400);
    });
  });

  describe('lifecycle through the API', () => {
    it('lets the customer accept a notified claim, once', async () => {
      const claim = await api.createClaim();
      const before = await api.call('admin', 'GET', `/claims/${claim.id}`);
      assert.deepEqual(before.body.allowedTransitions, ['documentation', 'declined']);
      assert.deepEqual([before.body.final, before.body.documentsStage], [false, 'not_yet']);
      const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.status, 'documentation');
      assert.deepEqual(accepted.body.allowedTransitions, []);
      assert.deepEqual([accepted.body.final, accepted.body.documentsStage], [false, 'collecting']);
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
      assert.deepEqual([declined.body.final, declined.body.documentsStage], [true, 'never'], 'the client is told, not left to know which statuses are final');
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
      const deniedWithAmount = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, {
        to: 'resolved', outcome: 'denied', amount: { amountCents: 5000, currency: 'EUR' },
      });
      assert.equal(deniedWithAmount.status, 400);
      assert.equal(deniedWithAmount.body.errors[0].field, 'amount');
      assert.match(deniedWithAmount.body.detail, /denied claim pays nothing/);
      const paidNothing = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, {
        to: 'resolved', outcome: 'paid', amount: { amountCents: 0, currency: 'EUR' },
      });
      assert.equal(paidNothing.status, 400);
      assert.equal(paidNothing.body.errors[0].field, 'amount.amountCents');
      const denied = await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'resolved', outcome: 'denied', note: 'Sin reservas en el albarán' });
      assert.equal(denied.status, 200);
      assert.deepEqual(denied.body.outcome, { result: 'denied', amount: { amountCents: 0, currency: 'EUR' } });
    });

    it('pays at most the amount claimed, or the declared value when none was claimed', async () => {
      const resolve = async (claim: Parameters<typeof claimInput>[0], outcome: string, amountCents: number) => {
        const { id } = await api.createClaim(claim);
        await api.call('admin', 'POST', `/claims/${id}/accept`);
        for (const to of ['review', 'submitted']) await api.call('handler', 'POST', `/claims/${id}/transitions`, { to });
        const res = await api.call('handler', 'POST', `/claims/${id}/transitions`, { to: 'resolved', outcome, amount: { amountCents, currency: 'EUR' } });
        return { id, res };
      };
      const declaredOnly = { declaredValue: { amountCents: 100, currency: 'EUR' } };
      const tooMuch = await resolve(declaredOnly, 'partially_paid', 2_000_000_000);
      assert.equal(tooMuch.res.status, 400);
      assert.deepEqual(tooMuch.res.body.errors, [{ field: 'amount.amountCents', message: tooMuch.res.body.detail }]);
      assert.match(tooMuch.res.body.detail, /at most 100 \(EUR cents\): the declared value/);
      assert.equal((await api.call('handler', 'GET', `/claims/${tooMuch.id}`)).body.status, 'submitted', 'the claim did not move');
      assert.equal((await resolve(declaredOnly, 'paid', 100)).res.status, 200);

      const claimed = { declaredValue: { amountCents: 10_000, currency: 'EUR' }, claimedAmount: { amountCents: 4_000, currency: 'EUR' } };
      const aboveClaimed = await resolve(claimed, 'paid', 4_001);
      assert.equal(aboveClaimed.res.status, 400);
      assert.match(aboveClaimed.res.body.detail, /at most 4000 \(EUR cents\): the amount claimed/);
      const partly = await resolve(claimed, 'partially_paid', 2_500);
      assert.equal(partly.res.status, 200);
      assert.deepEqual(partly.res.body.outcome, { result: 'partially_paid', amount: { amountCents: 2_500, currency: 'EUR' } });
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
  const log = captureLog();
  before(async () => {
    local = await createTestApi({ settings: { logger: log.logger } });
  });
  after(() => local.close());

  it('commits a change and its event together or not at all: a failed append leaves the claim as it was and streams nothing', async () => {
    const claim = await local.createClaim();
    const stream = readSse(await local.app.request('/api/v1/events', { headers: await local.headersFor('admin') }));
    await stream.until(() => stream.messages.length > 0);
    await refuseAppends(local.db, 'claim.accepted');
    try {
      // The 500's cause goes to the log, with the request's id.
      const res = await expectErrorsLogged(log, [/POST \/api\/v1\/claims\/\S+\/accept .*append refused by the test/], () => local.call('admin', 'POST', `/claims/${claim.id}/accept`));
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
