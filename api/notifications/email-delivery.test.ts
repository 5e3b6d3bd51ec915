import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOutboxWorker, type OutboxWorker } from '../email/outbox.ts';
import { createEmailRenderer } from '../email/render.ts';
import { smtpTransport } from '../email/transports.ts';
import { createTestApi } from '../testing/harness.ts';
import { startTestSmtpServer } from '../testing/smtp.ts';

// From the write path to an inbox, through a real SMTP server: what the API's users do becomes
// the emails the admin (who gets email, as admins do from the start) finds — a burst of the
// handler's messages as one, none for a conversation read in the meantime, one per new claim,
// a burst of status changes as one saying where the claim is now.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let transport: ReturnType<typeof smtpTransport>;
let worker: OutboxWorker;

before(async () => {
  // Emails are due at once, so the test decides when the worker runs; the bursts outrun the write
  // limits, which have tests of their own.
  api = await createTestApi({
    settings: { messageEmailDelayMs: 0, statusEmailDelayMs: 0, writesPerMinutePerUser: 10_000, writesPerMinutePerAddress: 10_000 },
  });
  await api.grantAccess('member');
  smtp = await startTestSmtpServer();
  transport = smtpTransport(smtp.url);
  worker = startOutboxWorker({
    db: api.db,
    transport,
    renderer: createEmailRenderer(),
    from: 'Claimdesk <avisos@claimdesk.test>',
    publicClaimUrl: 'https://host.test/area/siniestros/{id}',
    pollMs: 3_600_000,
  });
});
after(async () => {
  await worker.stop();
  transport.close();
  await smtp.close();
  await api.close();
});

/** Sends what is due and answers the emails that arrived meanwhile. */
async function deliver() {
  const before = smtp.received.length;
  await worker.runOnce();
  return smtp.received.slice(before);
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

  it('a hundred and twenty status changes: one email, saying how many and where the claim is now; the next change, once it went, one more', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    for (let i = 0; i < 60; i++) {
      for (const to of ['review', 'documentation']) {
        assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to })).status, 200);
      }
    }
    const burst = await deliver();
    assert.equal(burst.length, 1);
    assert.deepEqual(burst[0]!.to, ['ana@ferreteria.test']);
    assert.equal(burst[0]!.subject, `Siniestro ${claim.reference}: ahora «Documentación»`);
    assert.match(burst[0]!.raw.replace(/=\r\n/g, ''), /ha cambiado 120 veces de estado y ahora est/);

    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'review' })).status, 200);
    const next = await deliver();
    assert.equal(next.length, 1);
    assert.equal(next[0]!.subject, `Siniestro ${claim.reference}: ahora «En revisión»`);
    assert.deepEqual(await deliver(), [], 'nothing more to send');
  });

  it('no status email once the user read its notification in the customer area', async () => {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    await deliver();
    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'review' })).status, 200);
    assert.equal((await api.call('admin', 'POST', '/notifications/read', { all: true })).status, 200);
    assert.deepEqual(await deliver(), []);
    const row = await outboxRow(claim.id, 'status_changed');
    assert.equal(row.status, 'skipped');
    assert.match(row.last_error ?? '', /read/);
  });
});
