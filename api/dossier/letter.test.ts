import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreateClaimInput } from '../claims/claims.schema.ts';
import { pdfText } from '../testing/files.ts';
import { signUserToken } from '../auth/tokens.ts';
import { createTestApi, JWT_SECRET, USERS, type Caller } from '../testing/harness.ts';

// Issue 22, item 6: the letter to the carrier, drawn from a template in Spanish and English,
// with the shipment, what happened, the amount claimed, the documents attached and the legal
// basis the claim's deadline rule knows. Its PDF is read back as a person's tools read it (pdftotext).

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

let api: Api;

before(async () => {
  api = await createTestApi();
  await api.grantAccess('member');
});
after(() => api.close());

async function letter(caller: Caller, claimId: string, query = '') {
  const res = await api.app.request(`/api/v1/claims/${claimId}/letter${query}`, { headers: await api.headersFor(caller) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: res.status === 200 ? pdfText(bytes) : '' };
}

function says(text: string, expected: readonly string[]) {
  for (const words of expected) assert.ok(text.includes(words), `the letter says «${words}»:\n${text}`);
}

/** An accepted claim whose invoice is in (a first file rejected, a second uploaded). */
async function claimWithInvoice(overrides: Partial<CreateClaimInput> = {}) {
  const claim = await api.createClaim(overrides);
  const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  const { body } = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
  const invoice = body.items.find((item: { kind: string }) => item.kind === 'commercial_invoice');
  assert.equal((await api.upload('admin', claim.id, invoice.id, [{ name: 'factura-borrosa.pdf', bytes: PDF }])).status, 201);
  await api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'rejected', reason: 'No se lee.' });
  assert.equal((await api.upload('admin', claim.id, invoice.id, [{ name: 'factura-2026-118.pdf', bytes: PDF }])).status, 201);
  return claim;
}

describe('GET /claims/{id}/letter', () => {
  it('writes the international breakage claim in Spanish: reference, amount claimed, CMR articles, documents', async () => {
    const claim = await claimWithInvoice({ claimedAmount: { amountCents: 152_050, currency: 'EUR' }, originCountry: 'ES', destinationCountry: 'FR', origin: 'Valencia', destination: 'Lyon' });
    const { res, text } = await letter('handler', claim.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename="Carta al transportista ${claim.reference}\\.pdf"`));
    says(text, [
      'Ferretería Martínez S.L.',
      'Transportes Azkar',
      'Reserva y reclamación por rotura de mercancía',
      claim.reference,
      'AZK-2026-55821',
      'Palé · 12 bultos',
      'Valencia (ES) – Lyon (FR)',
      '20 de noviembre de 2026',
      'Palé con 12 cajas de azulejos; 4 llegaron rotas.',
      'Reclamamos la cantidad de 1520,50 €',
      'art. 17',
      'art. 32 (prescripción',
      'Plazo aplicable: CMR art. 30.2 — daños no aparentes',
      'Factura comercial (justificante del valor): factura-2026-118.pdf',
      'en el plazo de 30 días',
    ]);
    assert.ok(!text.includes('factura-borrosa.pdf'), 'a rejected file is not attached');
  });

  it('writes it in English when asked, or in the caller’s own language', async () => {
    const claim = await claimWithInvoice({ claimedAmount: { amountCents: 152_050, currency: 'EUR' } });
    const asked = await letter('handler', claim.id, '?lang=en');
    assert.match(asked.res.headers.get('content-disposition') ?? '', new RegExp(`filename="Letter to the carrier ${claim.reference}\\.pdf"`));
    says(asked.text, [
      'Notice of reservation and claim for breakage of goods',
      claim.reference,
      'We claim €1,520.50',
      'Time limit: CMR art. 30.2 — hidden damage',
      'art. 32 (limitation',
      'Commercial invoice (proof of value): factura-2026-118.pdf',
      'within 30 days',
    ]);
    const token = await signUserToken(JWT_SECRET, { ...USERS.handler, lang: 'en' });
    const own = await api.app.request(`/api/v1/claims/${claim.id}/letter`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(own.status, 200);
    says(pdfText(new Uint8Array(await own.arrayBuffer())), ['We claim €1,520.50']);

    // Written in Spanish and English only: German (asked for, or a handler's own) reads English, Catalan Spanish.
    says((await letter('handler', claim.id, '?lang=de')).text, ['We claim €1,520.50']);
    const german = await signUserToken(JWT_SECRET, { ...USERS.handler, lang: 'de' });
    const germanOwn = await api.app.request(`/api/v1/claims/${claim.id}/letter`, { headers: { Authorization: `Bearer ${german}` } });
    assert.match(germanOwn.headers.get('content-disposition') ?? '', /filename="Letter to the carrier /);
    says((await letter('handler', claim.id, '?lang=ca')).text, ['Reclamamos la cantidad de 1520,50 €']);
  });

  it('rests a national claim on Ley 15/2009, with the article its deadline rule names, and claims the declared value when no amount was', async () => {
    const breakage = await claimWithInvoice({ scope: 'national', goods: 'parcel', packages: 1 });
    says((await letter('handler', breakage.id)).text, [
      'Ley 15/2009, de 11 de noviembre',
      'art. 60 (reservas',
      'Plazo aplicable: Ley 15/2009 art. 60.2',
      'Reclamamos la cantidad de 1840,00 €, valor declarado de la mercancía',
      'Paquete · 1 bulto',
    ]);
    const loss = await claimWithInvoice({ scope: 'national', type: 'loss' });
    says((await letter('apiKey', loss.id, '?lang=en')).text, [
      'Notice of reservation and claim for loss of goods',
      'Spanish Act 15/2009',
      'Time limit: Ley 15/2009 art. 58',
      'We claim €1,840.00, the declared value of the goods',
    ]);
  });

  it('names the police-report clause for a robbery, under the CMR', async () => {
    const robbery = await claimWithInvoice({ type: 'robbery' });
    says((await letter('handler', robbery.id)).text, ['Reserva y reclamación por robo de mercancía', 'CMR', 'Cláusula de aviso de la póliza de mercancías — robo']);
  });

  it('is the handler’s and the host backend’s; the company’s users get 403; a declined claim has none (409)', async () => {
    const claim = await api.createClaim();
    for (const caller of ['admin', 'member', 'otherAdmin', 'companyKey'] as const) {
      const res = await api.call(caller, 'GET', `/claims/${claim.id}/letter`);
      assert.equal(res.status, 403, caller);
    }
    assert.equal((await letter('apiKey', claim.id)).res.status, 200);
    assert.equal((await api.call('handler', 'GET', '/claims/no-such-claim/letter')).status, 404);
    const unknown = await api.call('handler', 'GET', `/claims/${claim.id}/letter?lang=ja`);
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /lang: must be one of es, en, pt, fr, de, it, ca/);

    await api.call('admin', 'POST', `/claims/${claim.id}/decline`, { reason: 'No queremos reclamar.' });
    const declined = await api.call('handler', 'GET', `/claims/${claim.id}/letter`);
    assert.equal(declined.status, 409);
    assert.equal(declined.body.type, 'https://claimdesk.dev/problems/claim-final');
    assert.equal(declined.body.currentStatus, 'declined');
  });
});
