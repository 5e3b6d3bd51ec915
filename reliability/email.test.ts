import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { writePathFor } from '../api/app.ts';
import { createClaim } from '../api/claims/claims.commands.ts';
import { migrateToLatest, openDatabase, type DB } from '../api/db/connect.ts';
import { startOutboxWorker, type OutboxWorker } from '../api/email/outbox.ts';
import { createEmailRenderer } from '../api/email/render.ts';
import { RFC_5321_TIMEOUTS, smtpTransport } from '../api/email/transports.ts';
import { createEventBus } from '../api/events/bus.ts';
import { newId, nowIso } from '../api/ids.ts';
import { claimInput } from '../api/testing/harness.ts';
import { header } from '../api/testing/smtp.ts';
import { createDatabase, enginesToRun, knob } from './lib/api-process.ts';
import { random } from './lib/random.ts';

// The email outbox against a real SMTP server (smtp-server) that misbehaves as real ones do,
// with two workers on one database, each with its own connections, as two processes. While the
// faults last, each mail transaction draws one: 15 % get 451 at the end of DATA, 10 % have the
// connection cut before the server answers the final dot, 5 % get their 250 late, and 10 %
// stall at MAIL FROM before going on. Then the faults stop, and by a generous deadline every
// email must have been accepted by the server exactly once (counted by Message-ID, as the
// server said 250, whether or not the client was still listening) and the outbox be drained.
//
// Time is scaled down: a late 250 comes after EMAIL_FAULTS_LATE_MS, a stall lasts
// EMAIL_FAULTS_STALL_MS, leases last 2 s and backoff starts at 200 ms. The settings from before
// (one email at a time per worker, nodemailer's 30 s reply timeout scaled like the rest) fail it,
// with duplicates:
//
//   EMAIL_FAULTS_CONCURRENCY=1 EMAIL_FAULTS_REPLY_TIMEOUT_MS=1000 node --import tsx --test reliability/email.test.ts

const EMAILS_PER_CLAIM = 4;
const CLAIMS = knob('EMAIL_FAULTS_CLAIMS', 30);
const FAULTS_MS = knob('EMAIL_FAULTS_MS', 10_000);
const LATE_MS = knob('EMAIL_FAULTS_LATE_MS', 2000);
const STALL_MS = knob('EMAIL_FAULTS_STALL_MS', 4000);
const SEED = knob('EMAIL_FAULTS_SEED', 20_261_206);
const CONCURRENCY = knob('EMAIL_FAULTS_CONCURRENCY', 4);
/** 0: the transport's own timeouts (RFC 5321's). */
const REPLY_TIMEOUT_MS = knob('EMAIL_FAULTS_REPLY_TIMEOUT_MS', 0);
/** "Drained within 2 minutes of the faults stopping", scaled down like the backoff. */
const DRAIN_DEADLINE_MS = 60_000;
const LEASE_MS = 2000;

type Fault = 'rejected' | 'cut' | 'late' | 'stalled';

/** An SMTP server that draws a fault for each mail transaction while `faulty`, and counts what it accepted. */
async function startFaultySmtpServer() {
  const draw = random(SEED);
  const faultOf = new Map<string, Fault | null>();
  const accepted = new Map<string, number>();
  const faults: Record<Fault, number> = { rejected: 0, cut: 0, late: 0, stalled: 0 };
  const state = { faulty: true };

  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onMailFrom(_address, session, callback) {
      const r = draw();
      const fault: Fault | null = !state.faulty ? null : r < 0.15 ? 'rejected' : r < 0.25 ? 'cut' : r < 0.3 ? 'late' : r < 0.4 ? 'stalled' : null;
      faultOf.set(session.id, fault);
      if (fault) faults[fault]++;
      if (fault === 'stalled') setTimeout(() => callback(), STALL_MS);
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const messageId = header(Buffer.concat(chunks).toString('utf8'), 'Message-ID');
        const accept = () => {
          accepted.set(messageId, (accepted.get(messageId) ?? 0) + 1);
          callback();
        };
        switch (faultOf.get(session.id)) {
          case 'rejected':
            return callback(Object.assign(new Error('Requested action aborted: local error in processing'), { responseCode: 451 }));
          case 'cut':
            for (const connection of server.connections) if (connection.id === session.id) connection._socket.destroy();
            return;
          case 'late':
            // The server has taken the message: it is delivered whether or not the client still waits for the 250.
            return void setTimeout(accept, LATE_MS);
          default:
            return accept();
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    faults,
    stopFaults: () => void (state.faulty = false),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** Queues the emails through the write path: each new claim emails the company's admins. */
async function queueEmails(db: DB): Promise<void> {
  const bus = createEventBus();
  const actor = { kind: 'service' as const, id: null, name: 'Host backend' };
  const first = await createClaim(writePathFor(db, bus), claimInput(), actor);
  for (let n = 1; n <= EMAILS_PER_CLAIM; n++) {
    await db
      .insertInto('users')
      .values({
        id: newId('usr'),
        company_id: first.claim.company_id,
        external_id: `admin-${n}`,
        name: `Admin ${n}`,
        email: `admin-${n}@ferreteria.test`,
        role: 'admin',
        lang: 'es',
        claims_access: 1,
        notifications: 'in_app_and_email',
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
  }
  for (let i = 0; i < CLAIMS; i++) await createClaim(writePathFor(db, bus), claimInput(), actor);
  await bus.close();
}

const pendingCount = async (db: DB) => (await db.selectFrom('email_outbox').select('id').where('status', '=', 'pending').execute()).length;

for (const engine of enginesToRun()) {
  describe(`the email outbox against a faulty SMTP server, two workers (${engine})`, () => {
    it('delivers every email exactly once, and drains once the faults stop', async (t) => {
      const database = await createDatabase(engine, 'email');
      const handles: DB[] = [];
      const open = () => {
        const db = openDatabase(database.databaseUrl);
        handles.push(db);
        return db;
      };
      const smtp = await startFaultySmtpServer();
      const workers: OutboxWorker[] = [];
      const transports: Array<ReturnType<typeof smtpTransport>> = [];
      try {
        const db = open();
        await migrateToLatest(db);
        await queueEmails(db);
        const queued = await db.selectFrom('email_outbox').select('message_id').execute();
        assert.equal(queued.length, CLAIMS * EMAILS_PER_CLAIM);

        const renderer = createEmailRenderer();
        const timeouts = REPLY_TIMEOUT_MS > 0 ? { ...RFC_5321_TIMEOUTS, replyMs: REPLY_TIMEOUT_MS } : RFC_5321_TIMEOUTS;
        const started = Date.now();
        for (const name of ['worker-1', 'worker-2']) {
          const transport = smtpTransport(smtp.url, { maxConnections: CONCURRENCY, timeouts });
          transports.push(transport);
          workers.push(
            startOutboxWorker({
              db: open(),
              transport,
              renderer,
              from: 'Claimdesk <avisos@claimdesk.test>',
              publicClaimUrl: undefined,
              workerId: name,
              concurrency: CONCURRENCY,
              pollMs: 100,
              leaseMs: LEASE_MS,
              backoffBaseMs: 200,
              backoffCapMs: 2000,
            }),
          );
        }
        for (const worker of workers) worker.wake();

        await new Promise((resolve) => setTimeout(resolve, FAULTS_MS));
        smtp.stopFaults();
        const pendingWhenFaultsStopped = await pendingCount(db);
        const faultsStopped = Date.now();
        while ((await pendingCount(db)) > 0 && Date.now() - faultsStopped < DRAIN_DEADLINE_MS) await new Promise((resolve) => setTimeout(resolve, 100));
        const drainedAfterMs = Date.now() - faultsStopped;
        await Promise.all(workers.map((worker) => worker.stop()));

        const rows = await db.selectFrom('email_outbox').select(['message_id', 'status', 'attempts']).execute();
        const duplicates = [...smtp.accepted.values()].reduce((sum, times) => sum + times - 1, 0);
        t.diagnostic(
          `${rows.length} emails, faults ${JSON.stringify(smtp.faults)} over ${FAULTS_MS} ms (started ${faultsStopped - started} ms before they stopped); ` +
            `pending when the faults stopped: ${pendingWhenFaultsStopped}; drained ${drainedAfterMs} ms after; ` +
            `attempts ${rows.reduce((sum, row) => sum + row.attempts, 0)}; accepted ${[...smtp.accepted.values()].reduce((a, b) => a + b, 0)}, duplicates ${duplicates}`,
        );

        for (const fault of Object.keys(smtp.faults) as Fault[]) assert.ok(smtp.faults[fault] > 0, `the server dealt some “${fault}” faults`);
        assert.deepEqual(
          rows.filter((row) => row.status !== 'sent'),
          [],
          `every email sent within ${DRAIN_DEADLINE_MS} ms of the faults stopping`,
        );
        assert.deepEqual(
          [...smtp.accepted.entries()].filter(([, times]) => times > 1),
          [],
          'no email accepted twice',
        );
        assert.deepEqual([...smtp.accepted.keys()].sort(), queued.map((row) => `<${row.message_id}>`).sort(), 'every email accepted, by its Message-ID');
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
        for (const transport of transports) transport.close({ force: true });
        await smtp.close();
        for (const db of handles) await db.destroy();
        await database.dispose();
      }
    });
  });
}
