import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createTestApi, type Caller } from '../testing/harness.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

interface Ref {
  id: string;
  kind: string;
  status: string;
  reason: string | null;
}

async function claimAs(caller: Caller, id: string) {
  const res = await api.call(caller, 'GET', `/claims/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** The step each side is told, with the kinds of the documents it names. */
async function steps(id: string) {
  const [customer, handler] = await Promise.all([claimAs('admin', id), claimAs('handler', id)]);
  const of = (claim: { nextStep: { side: string; code: string; documents: Ref[] } }) => ({
    side: claim.nextStep.side,
    code: claim.nextStep.code,
    kinds: claim.nextStep.documents.map((d) => d.kind),
  });
  return { customer: of(customer), handler: of(handler) };
}

async function checklist(id: string): Promise<Array<Ref & { required: boolean }>> {
  return (await api.call('handler', 'GET', `/claims/${id}/documents`)).body.items;
}

async function accepted(overrides: Parameters<Api['createClaim']>[0] = {}) {
  const claim = await api.createClaim(overrides);
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  return claim;
}

async function upload(claimId: string, requirementId: string) {
  const res = await api.upload('admin', claimId, requirementId, [{ name: 'doc.pdf', bytes: PDF }]);
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function review(claimId: string, requirementId: string, decision: 'accepted' | 'rejected', reason?: string) {
  const res = await api.call('handler', 'POST', `/claims/${claimId}/documents/${requirementId}/review`, { decision, ...(reason ? { reason } : {}) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

async function take(claimId: string) {
  const me = await api.call('handler', 'GET', '/me');
  assert.equal((await api.call('handler', 'POST', `/claims/${claimId}/assignee`, { handlerId: me.body.id })).status, 200);
}

async function move(claimId: string, body: Record<string, unknown>) {
  const res = await api.call('handler', 'POST', `/claims/${claimId}/transitions`, body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const LOSS = { type: 'loss', goods: 'parcel', scope: 'national' } as const;
const LOSS_REQUIRED = ['commercial_invoice', 'non_delivery_statement', 'bank_account_certificate'];

describe('what a claim asks of each side (nextStep)', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  it('asks a customer for this claim’s own documents: photos for breakage, never for a loss or a robbery', async () => {
    const breakage = await accepted({ type: 'breakage', goods: 'parcel', scope: 'national' });
    const loss = await accepted(LOSS);
    const robbery = await accepted({ type: 'robbery', goods: 'parcel', scope: 'national' });
    assert.deepEqual((await steps(breakage.id)).customer, {
      side: 'customer',
      code: 'upload-documents',
      kinds: ['commercial_invoice', 'damage_photos', 'packaging_photos', 'delivery_note_reservations', 'bank_account_certificate'],
    });
    assert.deepEqual((await steps(loss.id)).customer, { side: 'customer', code: 'upload-documents', kinds: LOSS_REQUIRED });
    assert.deepEqual((await steps(robbery.id)).customer.kinds, ['commercial_invoice', 'police_report', 'bank_account_certificate']);
    const named = (await claimAs('admin', loss.id)).nextStep.documents;
    assert.deepEqual(named[0], {
      id: named[0].id,
      kind: 'commercial_invoice',
      label: {
        es: 'Factura comercial (justificante del valor)',
        en: 'Commercial invoice (proof of value)',
        pt: 'Fatura comercial (comprovativo do valor)',
        fr: 'Facture commerciale (justificatif de valeur)',
        de: 'Handelsrechnung (Wertnachweis)',
        it: 'Fattura commerciale (prova del valore)',
        ca: 'Factura comercial (justificant del valor)',
      },
      status: 'missing',
      reason: null,
    });
  });

  it('names no optional document as missing, and a waived one nowhere', async () => {
    const claim = await accepted({ type: 'loss', goods: 'parcel', scope: 'international' });
    const items = await checklist(claim.id);
    const optional = items.filter((item) => !item.required);
    assert.deepEqual(optional.map((item) => item.kind), ['air_waybill', 'customs_documents']);
    assert.deepEqual((await steps(claim.id)).customer.kinds, ['commercial_invoice', 'non_delivery_statement', 'bank_account_certificate']);
    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/${optional[1]!.id}/waive`)).status, 200);
    await upload(claim.id, optional[0]!.id);
    await take(claim.id);
    const handler = await steps(claim.id);
    assert.deepEqual(handler.handler, { side: 'handler', code: 'review-documents', kinds: ['air_waybill'] }, 'an optional upload is reviewed too');
    const body = await claimAs('handler', claim.id);
    assert.deepEqual(
      { required: body.documents.required, accepted: body.documents.accepted, awaitingReview: body.documents.awaitingReview },
      { required: 3, accepted: 0, awaitingReview: 0 },
      'progress counts required documents only; the waived one is not among them',
    );
    assert.deepEqual(body.documents.notAccepted.map((d: Ref) => d.kind), ['commercial_invoice', 'non_delivery_statement', 'bank_account_certificate']);
  });

  it('never tells a customer a handler is reviewing while none has the claim, and tells the handler to take it', async () => {
    const claim = await api.createClaim(LOSS);
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'accept-or-decline', kinds: [] },
      handler: { side: 'handler', code: 'take-claim', kinds: [] },
    });
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    for (const item of await checklist(claim.id)) await upload(claim.id, item.id);
    assert.equal((await claimAs('admin', claim.id)).status, 'review');
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'wait-for-assignment', kinds: LOSS_REQUIRED },
      handler: { side: 'handler', code: 'take-claim', kinds: LOSS_REQUIRED },
    });
    await take(claim.id);
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'wait-for-review', kinds: LOSS_REQUIRED },
      handler: { side: 'handler', code: 'review-documents', kinds: LOSS_REQUIRED },
    });
  });

  it('follows a claim from notified to closed, each side its own step', async () => {
    const claim = await api.createClaim(LOSS);
    await take(claim.id);
    assert.deepEqual((await steps(claim.id)).handler.code, 'wait-for-customer');
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'upload-documents', kinds: LOSS_REQUIRED },
      handler: { side: 'handler', code: 'wait-for-documents', kinds: LOSS_REQUIRED },
    });
    const [invoice, statement, bank] = await checklist(claim.id);
    for (const item of [invoice!, statement!, bank!]) await upload(claim.id, item.id);
    await review(claim.id, invoice!.id, 'accepted');
    await review(claim.id, statement!.id, 'rejected', 'Falta la firma del transportista.');
    // A rejection sends the claim back to documentation: the customer uploads a new one.
    const customer = await claimAs('admin', claim.id);
    assert.equal(customer.status, 'documentation');
    assert.deepEqual(customer.nextStep.documents.map((d: Ref) => [d.kind, d.status, d.reason]), [
      ['non_delivery_statement', 'rejected', 'Falta la firma del transportista.'],
    ]);
    assert.equal(customer.nextStep.code, 'fix-rejected');
    assert.deepEqual((await steps(claim.id)).handler, { side: 'handler', code: 'review-documents', kinds: ['bank_account_certificate'] });
    await review(claim.id, bank!.id, 'accepted');
    assert.deepEqual((await steps(claim.id)).handler, { side: 'handler', code: 'wait-for-documents', kinds: ['non_delivery_statement'] });
    await upload(claim.id, statement!.id);
    await review(claim.id, statement!.id, 'accepted');
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'wait-for-filing', kinds: [] },
      handler: { side: 'handler', code: 'file-claim', kinds: [] },
    });
    await move(claim.id, { to: 'submitted' });
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'wait-for-carrier', kinds: [] },
      handler: { side: 'handler', code: 'record-outcome', kinds: [] },
    });
    await move(claim.id, { to: 'resolved', outcome: 'paid', amount: { amountCents: 1000, currency: 'EUR' } });
    assert.deepEqual(await steps(claim.id), {
      customer: { side: 'customer', code: 'see-outcome', kinds: [] },
      handler: { side: 'handler', code: 'close-claim', kinds: [] },
    });
    await move(claim.id, { to: 'closed' });
    assert.deepEqual(await steps(claim.id), { customer: { side: 'customer', code: 'nothing', kinds: [] }, handler: { side: 'handler', code: 'nothing', kinds: [] } });
  });

  it('asks the handler to move a complete claim back in documentation to review, and says a declined claim asks nothing', async () => {
    const claim = await accepted(LOSS);
    await take(claim.id);
    for (const item of await checklist(claim.id)) {
      await upload(claim.id, item.id);
      await review(claim.id, item.id, 'accepted');
    }
    await move(claim.id, { to: 'documentation', note: 'Lo hablamos por el chat.' });
    assert.deepEqual((await steps(claim.id)).handler, { side: 'handler', code: 'start-review', kinds: [] });

    const declined = await api.createClaim(LOSS);
    assert.equal((await api.call('admin', 'POST', `/claims/${declined.id}/decline`, { reason: 'No merece la pena.' })).status, 200);
    assert.deepEqual(await steps(declined.id), { customer: { side: 'customer', code: 'declined', kinds: [] }, handler: { side: 'handler', code: 'declined', kinds: [] } });
  });

  it('tells the host backend the company’s step', async () => {
    const claim = await accepted(LOSS);
    const res = await api.call('apiKey', 'GET', `/claims/${claim.id}`);
    assert.equal(res.body.nextStep.side, 'customer');
    assert.equal(res.body.nextStep.code, 'upload-documents');
  });
});

describe('a claim’s documents progress', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  const progress = async (caller: Caller, id: string) => {
    const { required, accepted: done, awaitingReview, notAccepted } = (await claimAs(caller, id)).documents;
    return { required, accepted: done, awaitingReview, notAccepted: notAccepted.map((d: Ref) => d.kind) };
  };

  it('counts accepted documents, with uploads awaiting review apart, the same on the claim and its checklist', async () => {
    const claim = await accepted(LOSS);
    assert.deepEqual(await progress('admin', claim.id), { required: 3, accepted: 0, awaitingReview: 0, notAccepted: LOSS_REQUIRED });
    const [invoice, statement] = await checklist(claim.id);
    await upload(claim.id, invoice!.id);
    await upload(claim.id, statement!.id);
    assert.deepEqual(await progress('admin', claim.id), { required: 3, accepted: 0, awaitingReview: 2, notAccepted: LOSS_REQUIRED }, 'an upload is not accepted');
    await review(claim.id, invoice!.id, 'accepted');
    const expected = { required: 3, accepted: 1, awaitingReview: 1, notAccepted: ['non_delivery_statement', 'bank_account_certificate'] };
    assert.deepEqual(await progress('admin', claim.id), expected);
    assert.deepEqual(await progress('handler', claim.id), expected, 'both sides read the same progress');
    const list = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
    assert.deepEqual(list.body.progress, { required: 3, accepted: 1, awaitingReview: 1 });
    await review(claim.id, statement!.id, 'rejected', 'Ilegible.');
    assert.deepEqual(await progress('admin', claim.id), { ...expected, awaitingReview: 0 });
  });

  it('leaves filing to the handler with documents not accepted, and the claim said which ones', async () => {
    const claim = await accepted(LOSS);
    await take(claim.id);
    for (const item of await checklist(claim.id)) await upload(claim.id, item.id);
    const before = await claimAs('handler', claim.id);
    assert.ok(before.allowedTransitions.includes('submitted'));
    assert.deepEqual(before.documents.notAccepted.map((d: Ref) => [d.kind, d.status]), LOSS_REQUIRED.map((kind) => [kind, 'uploaded']));
    const filed = await move(claim.id, { to: 'submitted' });
    assert.equal(filed.status, 'submitted');
  });

  it('gives each claim of a page its own checklist’s progress and step, as its detail does', async () => {
    const loss = await accepted(LOSS);
    const breakage = await accepted({ type: 'breakage', goods: 'parcel', scope: 'national' });
    const notified = await api.createClaim(LOSS);
    const [invoice] = await checklist(loss.id);
    await upload(loss.id, invoice!.id);
    await review(loss.id, invoice!.id, 'accepted');

    const page = await api.call('admin', 'GET', '/claims');
    assert.equal(page.status, 200);
    const byId = new Map(page.body.items.map((claim: { id: string }) => [claim.id, claim]));
    const of = (id: string) => byId.get(id) as { documents: { required: number; accepted: number }; nextStep: { code: string; documents: Ref[] } };
    assert.deepEqual([of(loss.id).documents.required, of(loss.id).documents.accepted], [3, 1]);
    assert.deepEqual(of(loss.id).nextStep.documents.map((d) => d.kind), ['non_delivery_statement', 'bank_account_certificate']);
    assert.deepEqual([of(breakage.id).documents.required, of(breakage.id).documents.accepted], [5, 0]);
    assert.equal(of(notified.id).nextStep.code, 'accept-or-decline');
    for (const claim of page.body.items) assert.deepEqual(claim, await claimAs('admin', claim.id), 'the list says what the claim does');
  });
});
