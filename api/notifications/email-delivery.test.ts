import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';
import { startTestMailer } from '../testing/smtp.ts';

// From the write path to an inbox, through a real SMTP server: what the API's users do becomes
// the emails the admin (who gets email, as admins do from the start) finds — a burst of the
// handler's messages as one, none for a conversation read in the meantime, one per new claim,
// none for the moves on the way, one for the outcome saying where the claim is now — each in the
// language of its reader (a user the host synced in French reads French).

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

let api: Api;
let mailer: Awaited<ReturnType<typeof startTestMailer>>;

before(async () => {
  // Emails are due at once, so the test decides when the worker runs; the bursts outrun the write
  // limits, which have tests of their own.
  api = await createTestApi({
    settings: { messageEmailDelayMs: 0, statusEmailDelayMs: 0, writesPerMinutePerUser: 10_000, writesPerMinutePerAddress: 10_000 },
  });
  await api.grantAccess('member');
  mailer = await startTestMailer(api.db);
});
after(async () => {
  await mailer.close();
  await api.close();
});

/** Sends what is due and answers the emails that arrived meanwhile. */
async function deliver() {
  const before = mailer.smtp.received.length;
  await mailer.worker.runOnce();
  return mailer.smtp.received.slice(before);
}

/** The outbox row of the claim's email of this kind: how it ended, and why. */
function outboxRow(claimId: string, template: 'message' | 'status_changed') {
  return api.db
    .selectFrom('email_outbox')
    .innerJoin('notifications', 'notifications.id', 'email_outbox.notification_id')
    .select(['email_outbox.status', 'email_outbox.last_error'])
    .where('notifications.claim_id', '=', claimId)
    .where('email_outbox.template', '=', template)
    .executeTakeFirstOrThrow();
}

describe('email delivery', () => {
  it('a new claim: one email to the admin, linking to it; none to the member who chose the customer area', async () => {
    const claim = await api.createClaim();
    const mails = await deliver();
    assert.deepEqual(mails.map((mail) => mail.to), [['ana@ferreteria.test']]);
    assert.match(mails[0]!.subject, new RegExp(claim.reference));
    assert.ok(mails[0]!.raw.replace(/=\r\n/g, '').includes(`https://host.test/area/siniestros/${claim.id}`), 'the button links to the claim');
  });

  it('twenty messages from the handler: one email, saying how many', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    for (let i = 1; i <= 20; i++) {
      const res = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: `Mensaje ${i}`, clientId: crypto.randomUUID() });
      assert.equal(res.status, 201);
    }
    const mails = await deliver();
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['ana@ferreteria.test']);
    const text = mails[0]!.raw.replace(/=\r\n/g, '');
    assert.match(text, /20/);
    assert.match(text, /Mensaje 20/);
    assert.deepEqual(await deliver(), [], 'nothing more to send');
  });

  it('no email for messages the user read in the customer area before it went out', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    const sent = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: '¿Me manda la factura?', clientId: crypto.randomUUID() });
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: sent.body.id })).status, 200);
    assert.deepEqual(await deliver(), []);
    const row = await outboxRow(claim.id, 'message');
    assert.equal(row.status, 'skipped');
    assert.match(row.last_error ?? '', /read/);
  });

  it('the handler’s moves on the way send no email; the outcome sends one, saying where the claim is as it goes', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    for (let i = 0; i < 60; i++) {
      for (const to of ['review', 'documentation']) {
        assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to })).status, 200);
      }
    }
    assert.deepEqual(await deliver(), [], 'a hundred and twenty moves are for the customer area');

    for (const move of [{ to: 'review' }, { to: 'submitted' }, { to: 'resolved', outcome: 'denied' }]) {
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, move)).status, 200);
    }
    const outcome = await deliver();
    assert.equal(outcome.length, 1);
    assert.deepEqual(outcome[0]!.to, ['ana@ferreteria.test']);
    assert.equal(outcome[0]!.subject, `Siniestro ${claim.reference}: ahora «Resuelto»`);
    assert.match(outcome[0]!.raw.replace(/=\r\n/g, ''), /ha cambiado 123 veces de estado y ahora est/);

    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'closed' })).status, 200);
    assert.deepEqual(await deliver(), [], 'closing, once the outcome went, is for the customer area');
  });

  it('no outcome email once the user read its notification in the customer area', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    for (const move of [{ to: 'review' }, { to: 'submitted' }, { to: 'resolved', outcome: 'denied' }]) {
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, move)).status, 200);
    }
    assert.equal((await api.call('admin', 'POST', '/notifications/read', { claimId: claim.id })).status, 200);
    assert.deepEqual(await deliver(), []);
    const row = await outboxRow(claim.id, 'status_changed');
    assert.equal(row.status, 'skipped');
    assert.match(row.last_error ?? '', /read/);
  });

  it('a user whose language is French, as the host synced it, gets French emails, the document named in French', async () => {
    const synced = await api.call('apiKey', 'PUT', '/companies/ferreteria/users/amelie', {
      name: 'Amélie Durand',
      email: 'amelie@ferreteria.test',
      role: 'member',
      lang: 'fr',
      claimsAccess: true,
      notifications: 'in_app_and_email',
    });
    assert.equal(synced.status, 201, JSON.stringify(synced.body));
    const to = (mails: Awaited<ReturnType<typeof deliver>>, address: string) => mails.find((mail) => mail.to.includes(address));

    const claim = await api.createClaim();
    const created = await deliver();
    assert.equal(to(created, 'amelie@ferreteria.test')?.subject, `Nouveau sinistre ${claim.reference}\u00a0: acceptez ou refusez sa prise en charge`);
    assert.equal(to(created, 'ana@ferreteria.test')?.subject, `Nuevo siniestro ${claim.reference}: acepta o rechaza su gestión`, 'Ana, with no language, still reads Spanish');
    assert.match(to(created, 'amelie@ferreteria.test')!.raw.replace(/=\r\n/g, ''), /Bonjour Am/);

    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    const checklist = (await api.call('admin', 'GET', `/claims/${claim.id}/documents`)).body as { items: { id: string; kind: string }[] };
    const invoice = checklist.items.find((item) => item.kind === 'commercial_invoice')!;
    assert.equal((await api.upload('admin', claim.id, invoice.id, [{ name: 'factura.pdf', bytes: PDF }])).status, 201);
    await deliver();
    const rejected = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'rejected', reason: 'Illisible' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    const told = await deliver();
    assert.equal(
      to(told, 'amelie@ferreteria.test')?.subject,
      `${claim.reference}\u00a0: document refusé (Facture commerciale (justificatif de valeur)), envoyez-en un nouveau`,
    );
    assert.equal(to(told, 'ana@ferreteria.test')?.subject, `${claim.reference}: documento rechazado (Factura comercial (justificante del valor)), sube uno nuevo`);

    // Back to the customer area only, so that nothing after this test counts her emails.
    assert.equal((await api.call('admin', 'PATCH', `/users/${synced.body.id}`, { notifications: 'in_app' })).status, 200);
  });
});
