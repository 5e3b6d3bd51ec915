import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimMatchesSearch } from '../../domain/search.ts';
import { createTestApi } from '../testing/harness.ts';

// The widget's live list decides with claimMatchesSearch whether a claim that changed still fits
// a search; GET /claims?q= decides with SQL. The two must agree, or claims would appear in a
// searched list live and vanish on reload (or the reverse).

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;
const company = { id: 'buscador', name: 'Buscador S.L.' };

before(async () => {
  api = await createTestApi();
  const claims = [
    { carrier: 'Ñandú Transportes', trackingNumber: 'PW-4410982', description: 'Entregado a Álvaro Núñez con el embalaje roto.' },
    { carrier: 'SEUR', trackingNumber: '08230045671290', description: 'Bulto con cerraduras; el seguimiento se detiene en Coslada.' },
    { carrier: 'GLS', trackingNumber: 'GLS-9921004471', description: 'CAJA ABIERTA Y VACÍA AL LLEGAR' },
    { carrier: 'Correos Express', trackingNumber: 'ce-3230012877610', description: 'Pérdida total del palé 50% asegurado' },
  ];
  for (const [i, fields] of claims.entries()) {
    const res = await api.call('apiKey', 'POST', '/claims', {
      company,
      externalRef: `BUS-${i}`,
      type: 'breakage',
      goods: 'parcel',
      scope: 'national',
      incidentAt: '2026-11-20T09:30:00Z',
      declaredValue: { amountCents: 10_000, currency: 'EUR' },
      ...fields,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});
after(() => api.close());

describe('search: the API and the live list agree', () => {
  const queries = ['alvaro', 'ÁLVARO', 'nandu', 'ÑANDÚ', '4410', 'pw', 'PW', 'gl', 'ce', '08', '90', 'caja abierta', 'vacia', '50%', 'seur', 'coslada', 'núñez', 'x', 'zzz', 'sin-2026'];
  // Staff's search goes through the trigram index; one company's checks that company's claims.
  for (const [scope, filter] of [['all companies', ''], ['one company', `companyId=${company.id}&`]] as const) {
    for (const q of queries) {
      it(`q=${q} (${scope})`, async () => {
        const res = await api.call('handler', 'GET', `/claims?${filter}limit=100&q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const all = await api.call('handler', 'GET', `/claims?${filter}limit=100`);
        const expected = all.body.items.filter((claim: Parameters<typeof claimMatchesSearch>[0]) => claimMatchesSearch(claim, q)).map((c: { id: string }) => c.id).sort();
        assert.deepEqual(res.body.items.map((c: { id: string }) => c.id).sort(), expected);
      });
    }
  }

  it('folds accents and case, and matches fragments', () => {
    const claim = { reference: 'SIN-2026-000001', trackingNumber: 'PW-4410982', carrier: 'Ñandú', description: 'Álvaro', externalRef: 'ALB-1' };
    assert.ok(claimMatchesSearch(claim, 'alvaro'));
    assert.ok(claimMatchesSearch(claim, 'NANDU'));
    assert.ok(claimMatchesSearch(claim, '4410'));
    assert.ok(claimMatchesSearch(claim, 'pw'), 'a short search matches the start of a tracking number');
    assert.ok(!claimMatchesSearch(claim, '44'), 'but not its middle');
    assert.ok(claimMatchesSearch(claim, '  '), 'a blank search matches everything');
  });
});
