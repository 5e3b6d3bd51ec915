import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { CLAIM_STATUSES, CLAIM_TYPES } from '../../domain/constants.ts';
import { encodeCursor } from '../db/cursor.ts';
import type { DB } from '../db/connect.ts';
import { testEngine } from '../testing/database.ts';
import { claimInput, createTestApi, type TestUser } from '../testing/harness.ts';
import { countQuery, pageQuery, type ClaimListing, type SearchPlan } from './claims.repository.ts';
import { ALL, rebuildClaimReadModels, UNASSIGNED } from './read-models.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PABLO: TestUser = { sub: 'pablo', company: 'operator', role: 'handler', name: 'Pablo Ortega', email: 'pablo@operator.test' };

/** A deterministic sequence, so a failure replays. */
function randomSource(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor(((state >>> 8) / 2 ** 24) * n);
  };
}

/** claim_counts as a GROUP BY over claims computes it: every grain, zero rows left out. */
async function expectedCounts(db: DB): Promise<Map<string, number>> {
  const claims = await db.selectFrom('claims').select(['company_id', 'handler_id', 'type', 'status']).execute();
  const counts = new Map<string, number>();
  for (const claim of claims) {
    for (const company of [claim.company_id, ALL]) {
      for (const handler of [claim.handler_id ?? UNASSIGNED, ALL]) {
        for (const type of [claim.type, ALL]) {
          const key = [company, handler, type, claim.status].join('|');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

async function storedCounts(db: DB): Promise<Map<string, number>> {
  const rows = await db.selectFrom('claim_counts').selectAll().where('n', '<>', 0).execute();
  return new Map(rows.map((row) => [[row.company_id, row.handler_id, row.type, row.status].join('|'), Number(row.n)]));
}

describe('counts per status (claim_counts)', () => {
  let api: Api;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('stay equal to a GROUP BY over claims through a random run of opens, answers, moves and assignments', async () => {
    const random = randomSource(20261128);
    const asPablo = api.as(PABLO);
    const handlers = [(await api.call('handler', 'GET', '/me')).body.id as string, (await asPablo('GET', '/me')).body.id as string];
    const companies = [
      { company: { id: 'ferreteria', name: 'Ferretería Martínez S.L.' }, admin: 'admin' as const },
      { company: { id: 'textiles', name: 'Textiles del Sur S.A.' }, admin: 'otherAdmin' as const },
    ];
    const claims: { id: string; admin: 'admin' | 'otherAdmin' }[] = [];
    for (let step = 0; step < 120; step++) {
      const action = claims.length < 4 ? 0 : random(5);
      if (action === 0) {
        const { company, admin } = companies[random(companies.length)]!;
        const claim = await api.createClaim({ company, type: CLAIM_TYPES[random(CLAIM_TYPES.length)]! });
        claims.push({ id: claim.id, admin });
        continue;
      }
      const claim = claims[random(claims.length)]!;
      if (action === 1) await api.call(claim.admin, 'POST', `/claims/${claim.id}/accept`);
      if (action === 2) await api.call(claim.admin, 'POST', `/claims/${claim.id}/decline`, { reason: 'No' });
      if (action === 3) {
        const { body } = await api.call('handler', 'GET', `/claims/${claim.id}`);
        const to = body.allowedTransitions[random(body.allowedTransitions.length)];
        if (to) await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, to === 'resolved' ? { to, outcome: 'denied' } : { to });
      }
      if (action === 4) await api.call('handler', 'POST', `/claims/${claim.id}/assignee`, { handlerId: handlers[random(handlers.length)] });
    }
    const expected = await expectedCounts(api.db);
    assert.deepEqual(await storedCounts(api.db), expected);
    assert.ok(expected.size > 20, 'the run reached many grains');

    // The list's counts read them, at the grain of its filters.
    const [carmen] = handlers;
    for (const path of ['/claims', '/claims?type=loss', `/claims?handler=${carmen}`, '/claims?handler=none&type=theft', '/claims?companyId=textiles&handler=me']) {
      const { status, body } = await api.call('handler', 'GET', path);
      assert.equal(status, 200, path);
      const query = new URL(path, 'http://x').searchParams;
      const handler = query.get('handler');
      const rows = await api.db
        .selectFrom('claims')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .$if(query.has('type'), (q) => q.where('type', '=', query.get('type') as 'loss'))
        .$if(query.has('companyId'), (q) => q.where('company_id', '=', query.get('companyId')!))
        .$if(handler === 'none', (q) => q.where('handler_id', 'is', null))
        .$if(handler !== null && handler !== 'none', (q) => q.where('handler_id', '=', handler === 'me' ? carmen! : handler!))
        .groupBy('status')
        .execute();
      const direct = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, Number(rows.find((row) => row.status === status)?.n ?? 0)]));
      assert.deepEqual(body.counts, direct, path);
    }
    const customer = await api.call('admin', 'GET', '/claims');
    const own = await api.db.selectFrom('claims').select('status').where('company_id', '=', 'ferreteria').execute();
    assert.equal(Object.values(customer.body.counts as Record<string, number>).reduce((a, b) => a + b, 0), own.length);
  });

  it('count and index for search each claim of a burst once: opened together, alone, in batches, and amended as they open', async () => {
    const company = { id: 'burst', name: 'Ráfaga S.L.' };
    const described = (i: number) => claimInput({ company, externalRef: `BURST-${i}`, description: `Ráfaga número ${i}`, trackingNumber: `BRST-${i}` });
    // Concurrent requests share transactions on SQLite (events/record.ts): one alone, others in a batch, a repeat among them.
    const [alone, batch, again] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, (_, i) => api.call('apiKey', 'POST', '/claims', described(i)))),
      api.call('apiKey', 'POST', '/claims/batch', { claims: Array.from({ length: 8 }, (_, i) => described(12 + i)) }),
      api.call('apiKey', 'POST', '/claims', described(0)),
    ]);
    assert.deepEqual(alone.map((res) => res.status).sort(), Array.from({ length: 12 }, () => 201));
    assert.equal(batch.body.counts.created, 8);
    assert.ok([200, 201].includes(again.status), `a repeat is answered with the one claim: ${again.status}`);
    const amended = alone[3]!.body.id as string;
    const amending = await Promise.all([
      api.call('apiKey', 'PATCH', `/claims/${amended}`, { description: 'Ráfaga corregida' }),
      api.call('apiKey', 'POST', '/claims', described(20)),
    ]);
    assert.deepEqual(amending.map((res) => res.status), [200, 201]);

    assert.deepEqual(await storedCounts(api.db), await expectedCounts(api.db));
    const searched = async (q: string) => (await api.call('handler', 'GET', `/claims?q=${encodeURIComponent(q)}&limit=100`)).body.items.map((c: { id: string }) => c.id);
    const opened = await api.db.selectFrom('claims').select('id').where('company_id', '=', 'burst').execute();
    assert.equal(opened.length, 21);
    assert.deepEqual((await searched('brst-')).sort(), opened.map((c) => c.id).sort(), 'each found once by its tracking number');
    assert.deepEqual(await searched('corregida'), [amended]);
    assert.ok(!(await searched('numero 3')).includes(amended), 'the amended claim’s old text is no longer found');
  });

  it('are rebuilt from the claims rows by rebuildClaimReadModels, after a bulk insert that bypassed them', async () => {
    const template = await api.db.selectFrom('claims').selectAll().executeTakeFirstOrThrow();
    await api.db
      .insertInto('claims')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          ...template,
          id: `clm_bulk${i}`,
          reference: `SIN-BULK-${i}`,
          external_ref: `BULK-${i}`,
          description: i % 3 === 0 ? 'Entrega a Ñandú Logística' : 'Entrega',
          search_text: '',
          status: CLAIM_STATUSES[i % CLAIM_STATUSES.length]!,
        })),
      )
      .execute();
    assert.notDeepEqual(await storedCounts(api.db), await expectedCounts(api.db));
    await rebuildClaimReadModels(api.db);
    assert.deepEqual(await storedCounts(api.db), await expectedCounts(api.db));
    const found = await api.call('handler', 'GET', '/claims?q=NANDU&limit=100');
    assert.deepEqual(found.body.items.map((c: { id: string }) => c.id).sort(), ['clm_bulk0', 'clm_bulk12', 'clm_bulk15', 'clm_bulk18', 'clm_bulk21', 'clm_bulk24', 'clm_bulk27', 'clm_bulk3', 'clm_bulk6', 'clm_bulk9']);
  });
});

describe('search (q)', () => {
  let api: Api;
  const ids: Record<string, string> = {};
  before(async () => {
    api = await createTestApi();
    const ferreteria = { id: 'ferreteria', name: 'Ferretería Martínez S.L.' };
    const textiles = { id: 'textiles', name: 'Textiles del Sur S.A.' };
    const open = async (name: string, overrides: Parameters<Api['createClaim']>[0]) => {
      ids[name] = (await api.createClaim({ company: ferreteria, ...overrides })).id;
    };
    await open('alvaro', { description: 'Palé entregado a Álvaro Núñez con dos cajas rotas.', trackingNumber: 'PW-4410982', type: 'breakage' });
    await open('nandu', { description: 'Envío para Ñandú Logística, perdido en tránsito.', trackingNumber: 'SEUR-77120', type: 'loss', carrier: 'SEUR' });
    await open('plain', { description: 'Cajas de tornillos.', trackingNumber: 'MRW-00912', type: 'breakage', carrier: 'MRW' });
    for (let i = 0; i < 4; i++) await open(`paged${i}`, { description: `Pedido ${i} de Álvaro`, trackingNumber: `PW-99${i}`, type: 'theft' });
    ids.otherCompany = (await api.createClaim({ company: textiles, description: 'Rollo de tela para Álvaro, mojado.', trackingNumber: 'PW-4410777' })).id;
    await api.call('admin', 'POST', `/claims/${ids.alvaro}/accept`);
  });
  after(() => api.close());

  const search = async (caller: 'admin' | 'handler' | 'otherAdmin', query: string) => {
    const res = await api.call(caller, 'GET', `/claims?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { items: { id: string }[]; nextCursor: string | null; counts?: Record<string, number> };
  };
  const found = async (caller: 'admin' | 'handler' | 'otherAdmin', query: string) =>
    (await search(caller, query)).items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]).sort();

  it('folds case and accents as a Spanish speaker expects, both ways', async () => {
    assert.deepEqual(await found('admin', 'q=nandu'), ['nandu']);
    assert.deepEqual(await found('admin', 'q=%C3%91AND%C3%9A'), ['nandu'], 'ÑANDÚ');
    assert.deepEqual(await found('admin', 'q=%C3%B1and%C3%BA'), ['nandu'], 'ñandú');
    assert.deepEqual(await found('admin', 'q=alvaro nu'), ['alvaro']);
    assert.deepEqual(await found('admin', 'q=%C3%81LVARO'), ['alvaro', 'paged0', 'paged1', 'paged2', 'paged3'], 'ÁLVARO');
  });

  it('finds fragments of references and tracking numbers', async () => {
    assert.deepEqual(await found('admin', 'q=4410'), ['alvaro']);
    assert.deepEqual(await found('handler', 'q=4410'), ['alvaro', 'otherCompany']);
    assert.deepEqual(await found('admin', 'q=seur-771'), ['nandu']);
    const { reference } = (await api.call('admin', 'GET', `/claims/${ids.plain}`)).body;
    assert.deepEqual(await found('admin', `q=${reference.slice(-5)}`), ['plain']);
  });

  it('matches a query shorter than three characters against the start of references and tracking numbers', async () => {
    assert.deepEqual(await found('admin', 'q=mr'), ['plain']);
    assert.deepEqual(await found('admin', 'q=M'), ['plain']);
    assert.deepEqual(await found('admin', 'q=pw'), ['alvaro', 'paged0', 'paged1', 'paged2', 'paged3']);
    assert.equal((await search('admin', 'q=si&limit=100')).items.length, 7, 'every reference starts SIN-');
    assert.deepEqual(await found('admin', 'q=09'), [], 'not in the middle: too short for that');
    assert.deepEqual(await found('admin', 'q=%25'), [], 'a LIKE wildcard is a character like any other');
  });

  it('never finds another company’s claims', async () => {
    assert.deepEqual(await found('otherAdmin', 'q=alvaro'), ['otherCompany']);
    assert.deepEqual(await found('otherAdmin', 'q=nandu'), []);
    assert.deepEqual(await found('admin', 'q=tela'), []);
    assert.deepEqual((await search('otherAdmin', 'q=alvaro')).counts?.notified, 1);
  });

  it('combines with status, type, company and handler filters, and counts what it finds per status', async () => {
    assert.deepEqual(await found('admin', 'q=alvaro&status=documentation'), ['alvaro']);
    assert.deepEqual(await found('admin', 'q=alvaro&type=theft'), ['paged0', 'paged1', 'paged2', 'paged3']);
    assert.deepEqual(await found('handler', 'q=alvaro&companyId=textiles'), ['otherCompany']);
    assert.deepEqual(await found('handler', 'q=alvaro&handler=none&type=breakage'), ['alvaro', 'otherCompany']);
    const { counts } = await search('handler', 'q=alvaro');
    assert.deepEqual(counts, { notified: 5, declined: 0, documentation: 1, review: 0, submitted: 0, resolved: 0, closed: 0 });
  });

  it('pages its matches with keyset cursors in both sorts', async () => {
    for (const sort of ['newest', 'deadline']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search('admin', `q=alvaro&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual([...seen].sort(), [ids.alvaro, ids.paged0, ids.paged1, ids.paged2, ids.paged3].sort(), sort);
      assert.equal(new Set(seen).size, seen.length, `${sort}: no repeats`);
    }
  });
});

describe('query plans: every list filter seeks an index', () => {
  let api: Api;
  const CLAIMS = 20_000;
  before(async () => {
    api = await createTestApi();
    const template = await api.db.selectFrom('claims').selectAll().executeTakeFirstOrThrow().catch(async () => {
      await api.createClaim();
      return api.db.selectFrom('claims').selectAll().executeTakeFirstOrThrow();
    });
    const now = new Date().toISOString();
    await api.db
      .insertInto('companies')
      .values(Array.from({ length: 50 }, (_, i) => ({ id: `co${i}`, name: `Company ${i}`, created_at: now, updated_at: now })))
      .execute();
    const random = randomSource(7);
    for (let batch = 0; batch < CLAIMS / 500; batch++) {
      await api.db
        .insertInto('claims')
        .values(
          Array.from({ length: 500 }, (_, i) => {
            const n = batch * 500 + i;
            const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
            const handler = random(3) === 0 ? null : `usr_h${random(5)}`;
            return {
              ...template,
              id: `clm_plan${String(n).padStart(6, '0')}`,
              reference: `SIN-PLAN-${n}`,
              external_ref: `PLAN-${n}`,
              company_id: `co${random(50)}`,
              type: CLAIM_TYPES[random(CLAIM_TYPES.length)]!,
              status: CLAIM_STATUSES[random(CLAIM_STATUSES.length)]!,
              handler_id: handler,
              handler_name: handler,
              tracking_number: `${['PW', 'SEUR', 'MRW', 'GLS', 'DHL', 'TNT', 'UPS', 'CTT'][random(8)]}-${n}`,
              description: random(100) === 0 ? 'Entregado a Álvaro' : `Incidencia ${n}`,
              deadline_at: new Date(Date.UTC(2026, 0, 1) + random(400) * 86_400_000).toISOString(),
              created_at: createdAt,
              updated_at: createdAt,
            };
          }),
        )
        .execute();
    }
    await rebuildClaimReadModels(api.db);
    await sql`analyze`.execute(api.db);
  });
  after(() => api.close());

  async function plan(compiled: CompiledQuery): Promise<string> {
    const explain = testEngine === 'postgres' ? 'explain ' : 'explain query plan ';
    const { rows } = await api.db.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
    return rows.map((row) => (row as Record<string, string>)[testEngine === 'postgres' ? 'QUERY PLAN' : 'detail']).join('\n');
  }

  /** A plan that reads every claim: SQLite's SCAN without an index, PostgreSQL's sequential scan. */
  const fullScan = testEngine === 'postgres' ? /Seq Scan on claims\b/ : /^SCAN claims$/m;

  it('for each scope, handler, type, status, sort and search, on the first page and past a cursor', async () => {
    const scopes: [string, string | null, Partial<ClaimListing>][] = [
      ['customer', 'co3', {}],
      ['staff', null, {}],
      ['staff, one company', null, { companyId: 'co3' }],
    ];
    const handlers: [string, Partial<ClaimListing>][] = [['any handler', {}], ['unassigned', { handler: null }], ['one handler', { handler: 'usr_h2' }]];
    const types: Partial<ClaimListing>[] = [{}, { type: 'loss' }];
    const statuses: Partial<ClaimListing>[] = [{}, { status: 'review' }];
    // Each way a search can be planned (planSearch picks one by how many claims match).
    const searches: [Partial<ClaimListing>, SearchPlan | null][] = [
      [{}, null],
      [{ q: 'alvaro' }, { kind: 'few', matches: ['clm_plan010000', 'clm_plan010001'] }],
      [{ q: 'alvaro' }, { kind: 'many' }],
      [{ q: 'gl' }, { kind: 'prefix' }],
    ];
    let checked = 0;
    for (const [scopeName, companyId, scope] of scopes) {
      for (const [handlerName, handler] of handlers) {
        for (const type of types) {
          for (const status of statuses) {
            for (const [search, searchPlan] of searches) {
              for (const sort of ['newest', 'deadline'] as const) {
                const listing: ClaimListing = { ...scope, ...handler, ...type, ...status, ...search, sort, limit: 20 };
                const cursor = encodeCursor([sort, '2026-01-08T00:00:00.000Z', 'clm_plan010000']);
                const name = `${scopeName}, ${handlerName}, ${JSON.stringify({ ...type, ...status, ...search, sort })}, ${searchPlan?.kind ?? 'no search'}`;
                for (const [page, query] of [['first page', listing], ['cursor page', { ...listing, cursor }]] as const) {
                  const explained = await plan(pageQuery(api.db, companyId, query, searchPlan));
                  assert.doesNotMatch(explained, fullScan, `${name}, ${page}:\n${explained}`);
                  // A search with few matches starts from them: each claim is found by its key.
                  if (searchPlan?.kind === 'few' && testEngine === 'sqlite') assert.match(explained, /SEARCH claims USING INDEX sqlite_autoindex_claims_1 \(id=\?\)/, `${name}, ${page}:\n${explained}`);
                  // Without a search, the page is read in its order from the index, not sorted afterwards.
                  if (!search.q && testEngine === 'sqlite') assert.doesNotMatch(explained, /TEMP B-TREE/, `${name}, ${page}:\n${explained}`);
                  checked++;
                }
                const counted = await plan(countQuery(api.db, companyId, listing, searchPlan));
                assert.doesNotMatch(counted, fullScan, `${name}, counts:\n${counted}`);
                if (!search.q) assert.match(counted, /claim_counts/, `${name}: counts read claim_counts`);
              }
            }
          }
        }
      }
    }
    assert.equal(checked, 3 * 3 * 2 * 2 * 4 * 2 * 2);
  });

  it('for an integration: following changes (sort=updated, updatedSince) and looking up an externalRef', async () => {
    const scopes: [string, string | null, Partial<ClaimListing>][] = [
      ['customer', 'co3', {}],
      ['staff', null, {}],
      ['staff, one company', null, { companyId: 'co3' }],
    ];
    for (const [scopeName, companyId, scope] of scopes) {
      for (const since of [{}, { updatedSince: '2026-01-10T00:00:00.000Z' }]) {
        const listing: ClaimListing = { ...scope, ...since, sort: 'updated', limit: 20 };
        const cursor = encodeCursor(['updated', '2026-01-11T00:00:00.000Z', 'clm_plan010000']);
        for (const [page, query] of [['first page', listing], ['cursor page', { ...listing, cursor }]] as const) {
          const explained = await plan(pageQuery(api.db, companyId, query, null));
          const name = `${scopeName}, ${JSON.stringify(since)}, ${page}`;
          assert.doesNotMatch(explained, fullScan, `${name}:\n${explained}`);
          if (testEngine === 'sqlite') assert.doesNotMatch(explained, /TEMP B-TREE/, `${name}:\n${explained}`);
        }
      }
      const lookup = await plan(pageQuery(api.db, companyId, { ...scope, externalRef: 'PLAN-123', sort: 'newest', limit: 20 }, null));
      assert.doesNotMatch(lookup, fullScan, `${scopeName}, externalRef:\n${lookup}`);
      assert.match(lookup, testEngine === 'sqlite' ? /USING INDEX (claims_external_ref_idx|sqlite_autoindex_claims_\d)/ : /claims_(external_ref_idx|company_external_ref_unique)/, `${scopeName}, externalRef:\n${lookup}`);
    }
  });
});
