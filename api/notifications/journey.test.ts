import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nowIso } from '../ids.ts';
import { createTestApi } from '../testing/harness.ts';
import { startTestMailer } from '../testing/smtp.ts';

// Issue 21, item 6: one claim's whole journey — incident, accept, upload, review, reject,
// re-upload, chat, resolve, close — as Ana, the company's admin (told by email too), lives it
// through the HTTP API and her inbox. Measured before: 9 bell entries and 8 emails in two
// minutes, 3 of them Claimdesk's own review ⇄ documentation moves after her uploads. Now each
// entry and each email is something she needs to know.
// Emails wait as in production (a message's and a status change's for two minutes); the test
// lets that time pass by making what waits due now.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

let api: Api;
let mailer: Awaited<ReturnType<typeof startTestMailer>>;

before(async () => {
  api = await createTestApi();
  await api.grantAccess('member');
  mailer = await startTestMailer(api.db);
});
after(async () => {
  await mailer.close();
  await api.close();
});

/** Sends what is due now. */
async function deliver() {
  await mailer.worker.runOnce();
}

/** The emails' waits are over: what still waits is due now. */
async function twoMinutesLater() {
  await api.db.updateTable('email_outbox').set({ next_attempt_at: nowIso() }).where('status', '=', 'pending').execute();
}

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const answer = await res;
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  return answer.body;
}

describe('one claim’s journey, as its admin lives it', () => {
  it('tells Ana four things in the bell and three by email, each one she needs', async () => {
    // The incident: the host backend opens the claim.
    const claim = await api.createClaim();
    await deliver();

    // Ana opens it (the widget reads its notifications as it opens) and accepts.
    await ok(api.call('admin', 'POST', '/notifications/read', { claimId: claim.id }));
    await ok(api.call('admin', 'POST', `/claims/${claim.id}/accept`));

    // She uploads every required document: Claimdesk moves the claim to review.
    const checklist = await ok(api.call('admin', 'GET', `/claims/${claim.id}/documents`));
    const required = (checklist.items as { id: string; required: boolean }[]).filter((d) => d.required).map((d) => d.id);
    for (const id of required) await ok(api.upload('admin', claim.id, id, [{ name: 'documento.pdf', bytes: PDF }]), 201);
    assert.equal((await ok(api.call('admin', 'GET', `/claims/${claim.id}`))).status, 'review');

    // Carmen accepts all but the invoice, which she rejects: back to documentation.
    const [invoice, ...rest] = required;
    for (const id of rest) await ok(api.call('handler', 'POST', `/claims/${claim.id}/documents/${id}/review`, { decision: 'accepted' }));
    await ok(api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice}/review`, { decision: 'rejected', reason: 'La factura está cortada: súbela completa.' }));
    await deliver();

    // Ana opens the claim again and uploads the invoice anew: review again; Carmen accepts it.
    await ok(api.call('admin', 'POST', '/notifications/read', { claimId: claim.id }));
    await ok(api.upload('admin', claim.id, invoice!, [{ name: 'factura-completa.pdf', bytes: PDF }]), 201);
    await ok(api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice}/review`, { decision: 'accepted' }));

    // They chat: Ana has the conversation open, so she reads Carmen's message as it comes, and answers.
    const question = await ok(api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: '¿Tienes el albarán firmado?', clientId: crypto.randomUUID() }), 201);
    await ok(api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: question.id }));
    await ok(api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Sí, lo subo ahora.', clientId: crypto.randomUUID() }), 201);

    // Carmen files it, records the outcome and closes it.
    for (const move of [{ to: 'submitted' }, { to: 'resolved', outcome: 'paid', amount: { amountCents: 120_000, currency: 'EUR' } }, { to: 'closed' }]) {
      await ok(api.call('handler', 'POST', `/claims/${claim.id}/transitions`, move));
    }
    await twoMinutesLater();
    await deliver();

    const bell = (await ok(api.call('admin', 'GET', '/notifications?limit=100'))).items.filter((n: { claimId: string }) => n.claimId === claim.id);
    assert.deepEqual(
      bell.map((n: { kind: string; read: boolean; count: number; folded: number; data: { status?: string } }) => [n.kind, n.read, n.count, n.folded, n.data.status ?? null]),
      [
        // Filed, resolved and closed while she was away: one entry, where the claim is now.
        ['status_changed', false, 3, 0, 'closed'],
        ['message', true, 1, 0, null],
        ['document_rejected', true, 1, 0, null],
        ['claim_created', true, 1, 0, 'notified'],
      ],
    );

    const inbox = mailer.smtp.received.filter((mail) => mail.to.includes('ana@ferreteria.test'));
    assert.deepEqual(
      inbox.map((mail) => mail.subject),
      [
        `Nuevo siniestro ${claim.reference}: acepta o rechaza su gestión`,
        `${claim.reference}: documento rechazado (Factura comercial (justificante del valor)), sube uno nuevo`,
        `Siniestro ${claim.reference}: ahora «Cerrado»`,
      ],
    );
    const outcomeEmail = inbox[2]!.raw.replace(/=\r\n/g, '');
    assert.match(outcomeEmail, /ha cambiado 3 veces de estado/);
    // What she got, which is why it was sent, though it was closed before it went.
    assert.match(outcomeEmail, /Resultado: Indemnizado, 1200,00/);

    // Jordi, a member told in the customer area only: no email, and the claim once in his bell.
    assert.equal(mailer.smtp.received.filter((mail) => mail.to.includes('jordi@ferreteria.test')).length, 0);
    const jordis = (await ok(api.call('member', 'GET', '/notifications?limit=100'))).items.filter((n: { claimId: string }) => n.claimId === claim.id);
    assert.deepEqual(
      jordis.map((n: { kind: string; read: boolean; folded: number }) => [n.kind, n.read, n.folded]),
      [['status_changed', false, 3]],
    );
  });
});
