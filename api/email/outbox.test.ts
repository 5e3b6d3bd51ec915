import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { EventType, Language, NotificationKind, NotificationChannel, Role } from '../../domain/constants.ts';
import { createClaim } from '../claims/claims.commands.ts';
import { writePathFor } from '../app.ts';
import { openDatabase, type DB } from '../db/connect.ts';
import { createEventBus } from '../events/bus.ts';
import { newId, nowIso } from '../ids.ts';
import type { NotificationData } from '../notifications/notifications.schema.ts';
import { openTestDatabase, testEngine } from '../testing/database.ts';
import { captureLog, expectErrorsLogged } from '../testing/log.ts';
import { claimInput } from '../testing/harness.ts';
import { header, startTestSmtpServer, type ReceivedMail } from '../testing/smtp.ts';
import { getMailboxEntry, listMailbox } from './mailbox.ts';
import { startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './outbox.ts';
import { createEmailRenderer } from './render.ts';
import { mailboxTransport, smtpTransport, type MailTransport, type OutgoingMail } from './transports.ts';

// The outbox worker against a real SMTP server (smtp-server, in this process): every queued
// email arrives once, failures wait and retry, a worker that dies before the server accepted
// leaves its rows to another, two workers on PostgreSQL never send the same row, and emails
// nobody wants any more are skipped. Rows are queued here directly, as the write path would.

const renderer = createEmailRenderer();
const FROM = 'Claimdesk <avisos@claimdesk.test>';
const PUBLIC_CLAIM_URL = 'https://host.test/area/siniestros/{id}';
/** Long enough that no test sees a poll it did not ask for: batches run by runOnce() and wake(). */
const NO_POLL_MS = 3_600_000;

interface Fixture {
  url: string;
  db: DB;
  close(): Promise<void>;
  claim: { id: string; reference: string; companyId: string };
}

let fixture: Fixture;
const workers: OutboxWorker[] = [];
const closers: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  const { url, db, close } = await openTestDatabase();
  // A claim opened through the write path before the company has users: nobody is told of it,
  // so the outbox holds only what each test queues.
  const { claim } = await createClaim(writePathFor(db, createEventBus()), claimInput(), { kind: 'service', id: null, name: 'Host backend' });
  fixture = { url, db, close, claim: { id: claim.id, reference: claim.reference, companyId: claim.company_id } };
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  for (const close of closers.splice(0).reverse()) await close();
  await fixture.close();
});

/** What the workers log: the tests that make sends fail check the errors said so. */
const log = captureLog();

function startWorker(options: Partial<OutboxWorkerOptions> & { transport: MailTransport }): OutboxWorker {
  const worker = startOutboxWorker({ db: fixture.db, renderer, from: FROM, publicClaimUrl: PUBLIC_CLAIM_URL, pollMs: NO_POLL_MS, logger: log.logger, ...options });
  workers.push(worker);
  return worker;
}

let userCount = 0;

async function addUser({
  lang = 'en',
  role = 'admin',
  claimsAccess = role === 'admin',
  channel = 'in_app_and_email',
}: { lang?: Language; role?: Role; claimsAccess?: boolean; channel?: NotificationChannel } = {}) {
  const n = ++userCount;
  const user = {
    id: newId('usr'),
    company_id: fixture.claim.companyId,
    external_id: `user-${n}`,
    name: `User ${n}`,
    email: `user-${n}@ferreteria.test`,
    role,
    lang,
    claims_access: claimsAccess ? 1 : 0,
    notifications: channel,
    created_at: nowIso(),
    updated_at: nowIso(),
  };
  await fixture.db.insertInto('users').values(user).execute();
  return user;
}

const EVENT_OF: Record<NotificationKind, EventType> = {
  claim_created: 'claim.created',
  status_changed: 'claim.transitioned',
  document_requested: 'document.requested',
  document_rejected: 'document.reviewed',
  message: 'message.posted',
  deadline_approaching: 'claim.deadline_approaching',
  webhook_disabled: 'company.webhook_disabled',
};

/** Queues an email as the write path does: an event, the user's notification of it, and its outbox row. */
async function queueEmail(
  user: { id: string },
  { kind = 'claim_created', data = {}, count = 1, readAt = null }: { kind?: NotificationKind; data?: Partial<NotificationData>; count?: number; readAt?: string | null } = {},
) {
  const { db, claim } = fixture;
  const at = nowIso();
  const actor = { kind: 'handler' as const, id: null, name: 'Carmen Ruiz' };
  // A webhook disabled is about no claim.
  const claimId = kind === 'webhook_disabled' ? null : claim.id;
  const event = await db
    .insertInto('claim_events')
    .values({ claim_id: claimId, company_id: claim.companyId, user_id: null, type: EVENT_OF[kind], actor_kind: actor.kind, actor_id: null, actor_name: actor.name, data: '{}', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notificationId = newId('ntf');
  await db
    .insertInto('notifications')
    .values({
      id: notificationId,
      user_id: user.id,
      company_id: claim.companyId,
      claim_id: claimId,
      kind,
      event_id: Number(event.id),
      last_event_id: Number(event.id),
      data: JSON.stringify({ actor, ...data }),
      count,
      created_at: at,
      updated_at: at,
      read_at: readAt,
    })
    .execute();
  const id = newId('eml');
  const row = { id, notification_id: notificationId, user_id: user.id, template: kind, next_attempt_at: at, message_id: `${id}@claimdesk`, created_at: at };
  await db.insertInto('email_outbox').values(row).execute();
  return row;
}

const outboxRows = () => fixture.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();

/** Makes every waiting retry due now, as if its backoff had passed. */
const makeRetriesDue = () => fixture.db.updateTable('email_outbox').set({ next_attempt_at: nowIso() }).where('status', '=', 'pending').execute();

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A test SMTP server (api/testing/smtp.ts), closed after the test. */
async function startSmtpServer(port = 0) {
  const smtp = await startTestSmtpServer(port);
  closers.push(smtp.close);
  return smtp;
}

/** A port nothing listens on (yet): a server taken down. */
async function freePort(): Promise<number> {
  const smtp = await startSmtpServer();
  await smtp.close();
  return smtp.port;
}

function openSmtpTransport(url: string) {
  const transport = smtpTransport(url);
  closers.push(() => transport.close());
  return transport;
}

const messageIds = (mails: ReceivedMail[]) => mails.map((mail) => mail.messageId).sort();
const angled = (rows: Array<{ message_id: string }>) => rows.map((row) => `<${row.message_id}>`).sort();

describe('sending by SMTP', () => {
  it('delivers every queued email once, to its recipient, with its subject, as text and HTML', async () => {
    const smtp = await startSmtpServer();
    const users = [await addUser(), await addUser(), await addUser()];
    const queued = [];
    for (const user of users) queued.push(await queueEmail(user), await queueEmail(user, { kind: 'status_changed', data: { status: 'review', from: 'documentation' } }));
    const worker = startWorker({ transport: openSmtpTransport(smtp.url) });

    assert.equal(await worker.runOnce(), queued.length);
    assert.equal(await worker.runOnce(), 0, 'nothing is sent twice');

    assert.deepEqual(messageIds(smtp.received), angled(queued));
    const { reference } = fixture.claim;
    for (const row of queued) {
      const mail = smtp.received.find((m) => m.messageId === `<${row.message_id}>`)!;
      const user = users.find((u) => u.id === row.user_id)!;
      assert.deepEqual(mail.to, [user.email]);
      // A status email says where the claim is as it goes out: the fixture's claim is still notified.
      assert.equal(mail.subject, row.template === 'claim_created' ? `New claim ${reference}: accept or decline handling it` : `Claim ${reference}: now “Notified”`);
      assert.match(mail.raw, /Content-Type: multipart\/alternative/i);
      assert.match(mail.raw, /Content-Type: text\/plain/i);
      assert.match(mail.raw, /Content-Type: text\/html/i);
      assert.match(header(mail.raw, 'From'), /avisos@claimdesk\.test/);
    }
    const rows = await outboxRows();
    assert.ok(rows.every((row) => row.status === 'sent' && row.sent_at !== null && row.attempts === 1 && row.leased_by === null));
  });

  it('sends when woken, without waiting for the next poll', async () => {
    const smtp = await startSmtpServer();
    const worker = startWorker({ transport: openSmtpTransport(smtp.url) });
    const row = await queueEmail(await addUser());
    worker.wake();
    await until(() => smtp.received.length === 1, 'the woken worker sent the email');
    assert.deepEqual(messageIds(smtp.received), angled([row]));
  });

  it('retries after the server was down, and each email then arrives once', async () => {
    const port = await freePort();
    const user = await addUser();
    const queued = [await queueEmail(user), await queueEmail(user), await queueEmail(user)];
    const worker = startWorker({ transport: openSmtpTransport(`smtp://127.0.0.1:${port}`), backoffBaseMs: 60_000 });

    const before = Date.now();
    assert.equal(await expectErrorsLogged(log, [[/email outbox: .* failed \(attempt 1 of 8, next in \d+ s\): .*ECONNREFUSED/, 3]], () => worker.runOnce()), 0);
    for (const row of await outboxRows()) {
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.ok(Date.parse(row.next_attempt_at) > before, 'the retry waits');
      assert.ok(row.last_error);
      assert.equal(row.leased_by, null);
    }
    assert.equal(await worker.runOnce(), 0, 'nothing is retried before its time');

    const smtp = await startSmtpServer(port);
    await makeRetriesDue();
    assert.equal(await worker.runOnce(), queued.length);
    assert.equal(await worker.runOnce(), 0);
    assert.deepEqual(messageIds(smtp.received), angled(queued));
    assert.ok((await outboxRows()).every((row) => row.status === 'sent' && row.attempts === 2));
  });

  it('leaves the rows of a worker that died before the server accepted them to another, which sends each once', async () => {
    const smtp = await startSmtpServer();
    const user = await addUser();
    const queued = [await queueEmail(user), await queueEmail(user), await queueEmail(user), await queueEmail(user)];
    // Worker A claimed the batch and was killed mid-send: the server never got the emails, A
    // marked nothing and renews nothing, and its leases run out.
    await fixture.db
      .updateTable('email_outbox')
      .set({ leased_by: 'worker-a', lease_until: new Date(Date.now() + 300).toISOString() })
      .execute();

    // Worker B (another process, or A restarted) takes them once A's leases ran out.
    const b = startWorker({ transport: openSmtpTransport(smtp.url), workerId: 'worker-b', pollMs: 50 });
    await until(async () => (await outboxRows()).every((row) => row.status === 'sent'), 'worker B sent every row');
    await b.stop();

    assert.deepEqual(messageIds(smtp.received), angled(queued), 'each email arrived once, with its row’s Message-ID');
    for (const row of await outboxRows()) {
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, null);
      assert.equal(row.leased_by, null);
    }
  });

  it('keeps a row whose email the server is slow to accept, however many leases that takes', async () => {
    const smtp = await startSmtpServer();
    const row = await queueEmail(await addUser());
    // Worker A's server takes its time to answer; the exchange outlasts A's first lease.
    let answer!: () => void;
    let sending = false;
    const smtpTransportOfA = openSmtpTransport(smtp.url);
    const slow: MailTransport = {
      send: (mail) =>
        new Promise<void>((resolve) => {
          sending = true;
          answer = () => resolve(smtpTransportOfA.send(mail));
        }),
    };
    const leaseMs = 2000;
    const a = startWorker({ transport: slow, workerId: 'worker-a', leaseMs });
    const batchA = a.runOnce();
    await until(() => sending, 'worker A is sending');
    const firstLease = Date.parse((await outboxRows())[0]!.lease_until!);

    // Worker B looks for due rows all the while, also after A's first lease would have run out.
    const b = startWorker({ transport: openSmtpTransport(smtp.url), workerId: 'worker-b', pollMs: 50 });
    try {
      await until(() => Date.now() > firstLease + leaseMs / 4, 'A’s first lease would have run out');
      assert.equal(await b.runOnce(), 0, 'B takes nothing A is still sending');
      const held = (await outboxRows())[0]!;
      assert.equal(held.leased_by, 'worker-a');
      assert.ok(Date.parse(held.lease_until!) > firstLease, 'A renewed its lease while it waited for the server');
    } finally {
      answer();
    }
    assert.equal(await batchA, 1);
    await b.stop();
    assert.deepEqual(messageIds(smtp.received), angled([row]), 'the email arrived once');
    const sent = (await outboxRows())[0]!;
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
  });

  it('leaves alone a row whose lease passed to another worker while it was sending', async () => {
    const row = await queueEmail(await addUser());
    let fail!: (error: Error) => void;
    let sending = false;
    const hanging: MailTransport = {
      send: () =>
        new Promise<void>((_, reject) => {
          sending = true;
          fail = reject;
        }),
    };
    const a = startWorker({ transport: hanging, workerId: 'worker-a' });
    const batchA = a.runOnce();
    await until(() => sending, 'worker A is sending');
    // A froze past its lease (a paused process), and worker B took the row and sent it.
    await fixture.db.updateTable('email_outbox').set({ status: 'sent', attempts: 1, sent_at: nowIso(), leased_by: null, lease_until: null }).where('id', '=', row.id).execute();

    fail(new Error('connection reset'));
    assert.equal(await expectErrorsLogged(log, [/email outbox: .* failed \(its lease had passed to another worker\): connection reset/], () => batchA), 0);
    const after = (await outboxRows())[0]!;
    assert.equal(after.status, 'sent', 'A’s failure does not undo B’s send');
    assert.equal(after.attempts, 1);
    assert.equal(after.last_error, null);
  });

  it('sends a few emails at once, so one the server is slow to accept holds up no other', async () => {
    const smtp = await startSmtpServer();
    const user = await addUser();
    const queued = [];
    for (let i = 0; i < 6; i++) queued.push(await queueEmail(user));
    const smtpTransportOfWorker = openSmtpTransport(smtp.url);
    let answerSlowOne!: () => void;
    let slowOne: string | undefined;
    const transport: MailTransport = {
      send(mail) {
        if (slowOne !== undefined) return smtpTransportOfWorker.send(mail);
        slowOne = mail.outboxId;
        return new Promise<void>((resolve) => (answerSlowOne = () => resolve(smtpTransportOfWorker.send(mail))));
      },
    };
    const worker = startWorker({ transport, concurrency: 3 });
    const batch = worker.runOnce();

    try {
      await until(() => smtp.received.length === queued.length - 1, 'every other email arrived while the first waited for its answer');
      assert.equal((await outboxRows()).find((row) => row.id === slowOne)!.status, 'pending');
    } finally {
      answerSlowOne();
    }
    assert.equal(await batch, queued.length);
    assert.deepEqual(messageIds(smtp.received), angled(queued));
  });

  it('claims what came due while every slot was busy once a slot frees up', async () => {
    const smtp = await startSmtpServer();
    const user = await addUser();
    const first = await queueEmail(user);
    const smtpTransportOfWorker = openSmtpTransport(smtp.url);
    let answerFirst!: () => void;
    let firstSending = false;
    const transport: MailTransport = {
      send(mail) {
        if (mail.outboxId !== first.id) return smtpTransportOfWorker.send(mail);
        firstSending = true;
        return new Promise<void>((resolve) => (answerFirst = () => resolve(smtpTransportOfWorker.send(mail))));
      },
    };
    const worker = startWorker({ transport, concurrency: 1, pollMs: 20 });
    worker.wake();
    await until(() => firstSending, 'the first email is being sent');
    const second = await queueEmail(user);
    // Polls come and find the one slot busy.
    await new Promise((resolve) => setTimeout(resolve, 200));
    answerFirst();
    await until(() => smtp.received.length === 2, 'the second email was sent too');
    assert.deepEqual(messageIds(smtp.received), angled([first, second]));
  });

  it('two workers on PostgreSQL send 60 emails between them, none twice', { skip: testEngine !== 'postgres' && 'needs PostgreSQL: set TEST_DATABASE_URL' }, async () => {
    const smtp = await startSmtpServer();
    const users = [await addUser(), await addUser(), await addUser()];
    const queued = [];
    for (let i = 0; i < 60; i++) queued.push(await queueEmail(users[i % users.length]!));

    // Each worker with its own connection pool, as in two processes.
    const start = (workerId: string) => {
      const db = openDatabase(fixture.url);
      closers.push(() => db.destroy());
      return startWorker({ db, transport: openSmtpTransport(smtp.url), workerId, batchSize: 7, pollMs: 10 });
    };
    const [one, two] = [start('worker-1'), start('worker-2')];
    const drain = async (worker: OutboxWorker) => {
      while ((await fixture.db.selectFrom('email_outbox').select('id').where('status', '=', 'pending').execute()).length > 0) await worker.runOnce();
    };
    await Promise.all([drain(one), drain(two)]);
    await Promise.all([one.stop(), two.stop()]);

    assert.equal(smtp.received.length, 60);
    assert.equal(new Set(smtp.received.map((mail) => mail.messageId)).size, 60);
    assert.deepEqual(messageIds(smtp.received), angled(queued));
  });
});

describe('several workers on PostgreSQL', () => {
  it('passes over rows another worker is claiming instead of waiting for them', { skip: testEngine !== 'postgres' && 'needs PostgreSQL: set TEST_DATABASE_URL' }, async () => {
    const smtp = await startSmtpServer();
    const user = await addUser();
    const queued: Array<Awaited<ReturnType<typeof queueEmail>>> = [];
    for (let i = 0; i < 6; i++) queued.push(await queueEmail(user));
    // Another worker, mid-claim, holds the row locks of the first three in its transaction.
    const other = openDatabase(fixture.url);
    closers.push(() => other.destroy());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockedNow = new Promise<void>((resolve) => (locked = resolve));
    const holder = other.transaction().execute(async (trx) => {
      await trx.selectFrom('email_outbox').select('id').where('id', 'in', queued.slice(0, 3).map((row) => row.id)).forUpdate().execute();
      locked();
      await held;
    });
    await lockedNow;
    try {
      const worker = startWorker({ transport: openSmtpTransport(smtp.url), workerId: 'worker-b' });
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 10_000).unref());
      // Waiting on the locks would outlast the timeout: SKIP LOCKED takes the free rows at once.
      assert.equal(await Promise.race([worker.runOnce(), timeout]), 3);
    } finally {
      release();
      await holder;
    }
    assert.deepEqual(messageIds(smtp.received), angled(queued.slice(3)));
  });
});

describe('who gets no email', () => {
  it('skips, at send time, emails nobody wants any more, and sends the rest', async () => {
    const sent: OutgoingMail[] = [];
    const worker = startWorker({ transport: { send: async (mail) => void sent.push(mail) } });

    const reader = await addUser();
    const readMessage = await queueEmail(reader, { kind: 'message', data: { preview: 'Hola' }, readAt: nowIso() });
    const switched = await addUser();
    const toInApp = await queueEmail(switched);
    const member = await addUser({ role: 'member', claimsAccess: true });
    const lostAccess = await queueEmail(member);
    const wanted = await queueEmail(await addUser(), { kind: 'message', data: { preview: 'Hola' } });
    // Queued while they wanted email, changed before the worker came to them.
    await fixture.db.updateTable('users').set({ notifications: 'in_app' }).where('id', '=', switched.id).execute();
    await fixture.db.updateTable('users').set({ claims_access: 0 }).where('id', '=', member.id).execute();

    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(
      sent.map((mail) => mail.outboxId),
      [wanted.id],
    );
    const rows = new Map((await outboxRows()).map((row) => [row.id, row]));
    for (const [row, reason] of [
      [readMessage, /read the message/],
      [toInApp, /no longer gets notifications by email/],
      [lostAccess, /no longer has claims access/],
    ] as const) {
      assert.equal(rows.get(row.id)!.status, 'skipped');
      assert.match(rows.get(row.id)!.last_error!, reason);
      assert.equal(rows.get(row.id)!.leased_by, null);
    }
    assert.equal(rows.get(wanted.id)!.status, 'sent');
  });

  it('emails an administrator that a webhook was disabled whatever channel they chose, with no claim in it', async () => {
    const sent: OutgoingMail[] = [];
    const worker = startWorker({ transport: { send: async (mail) => void sent.push(mail) } });
    const admin = await addUser({ channel: 'in_app' });
    const webhook = { id: 'whe_1', url: 'https://erp.ferreteria.example/hooks', description: 'ERP', reason: 'failing' as const };
    const row = await queueEmail(admin, { kind: 'webhook_disabled', data: { webhook } });
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(sent.map((mail) => [mail.outboxId, mail.to, mail.subject]), [[row.id, admin.email, `Webhook disabled: ${webhook.url}`]]);
    assert.ok(sent[0]!.text.includes('PATCH /api/v1/webhooks/whe_1'));
  });
});

describe('failing', () => {
  it('waits twice as long after each failure, up to the cap, and gives up after the last attempt', async () => {
    const worker = startWorker({
      transport: { send: async () => Promise.reject(new Error('550 mailbox unavailable')) },
      backoffBaseMs: 1000,
      backoffCapMs: 4000,
      maxAttempts: 5,
    });
    const row = await queueEmail(await addUser());
    const current = async () => (await fixture.db.selectFrom('email_outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());

    // Attempt n waits min(cap, base·2^(n-1)), less up to a tenth of jitter.
    for (const [attempt, wait] of [[1, 1000], [2, 2000], [3, 4000], [4, 4000]] as const) {
      const before = Date.now();
      assert.equal(await expectErrorsLogged(log, [new RegExp(`failed \\(attempt ${attempt} of 5, next in \\d+ s\\): 550 mailbox unavailable`)], () => worker.runOnce()), 0);
      const after = Date.now();
      const state = await current();
      assert.equal(state.status, 'pending');
      assert.equal(state.attempts, attempt);
      assert.equal(state.last_error, '550 mailbox unavailable');
      const next = Date.parse(state.next_attempt_at);
      assert.ok(next - before >= wait * 0.9 && next - after <= wait, `attempt ${attempt} waits about ${wait} ms (waited ${next - after}–${next - before})`);
      await makeRetriesDue();
    }

    assert.equal(await expectErrorsLogged(log, [/failed \(attempt 5 of 5, giving up\): 550 mailbox unavailable/], () => worker.runOnce()), 0);
    const failed = await current();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 5);
    assert.equal(failed.lease_until, null);
    await makeRetriesDue();
    assert.equal(await worker.runOnce(), 0);
    assert.equal((await current()).attempts, 5, 'a failed email is not tried again');
  });
});

describe('the local mailbox', () => {
  it('keeps one entry per outbox row, however often the row is sent', async () => {
    const transport = mailboxTransport(fixture.db);
    const row = await queueEmail(await addUser());
    const mail = { messageId: row.message_id, to: 'ana@ferreteria.test', from: FROM, subject: 'Hola', html: '<p>Hola</p>', text: 'Hola', outboxId: row.id };
    await transport.send(mail);
    await transport.send({ ...mail, subject: 'Hola otra vez' });
    const entries = await listMailbox(fixture.db);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.subject, 'Hola');
  });

  it('is where the worker delivers without SMTP, listed newest first', async () => {
    const worker = startWorker({ transport: mailboxTransport(fixture.db) });
    const user = await addUser({ lang: 'es' });
    const first = await queueEmail(user);
    assert.equal(await worker.runOnce(), 1);
    const second = await queueEmail(user, { kind: 'message', data: { preview: 'Necesito la factura <original>' }, count: 2 });
    assert.equal(await worker.runOnce(), 1);
    // A row sent again (a crash right after the first send) adds nothing.
    await fixture.db.updateTable('email_outbox').set({ status: 'pending', next_attempt_at: nowIso() }).where('id', '=', second.id).execute();
    assert.equal(await worker.runOnce(), 1);

    const entries = await listMailbox(fixture.db);
    assert.deepEqual(
      entries.map((entry) => entry.outboxId),
      [second.id, first.id],
    );
    const [newest] = entries;
    const { reference, id } = fixture.claim;
    assert.equal(newest!.to, user.email);
    assert.equal(newest!.messageId, second.message_id);
    assert.equal(newest!.subject, `${reference}: 2 mensajes nuevos de Carmen Ruiz`);
    assert.ok(newest!.html.includes('Necesito la factura &lt;original&gt;'));
    assert.ok(newest!.html.includes(`https://host.test/area/siniestros/${id}`));
    assert.ok(newest!.text.includes('Necesito la factura <original>'));
    assert.equal(entries[1]!.subject, `Nuevo siniestro ${reference}: acepta o rechaza su gestión`);

    assert.deepEqual(await getMailboxEntry(fixture.db, newest!.id), newest);
    assert.equal(await getMailboxEntry(fixture.db, 'mbx_missing'), undefined);
  });
});
