import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Updateable } from 'kysely';
import { calendarOf } from '../claims/country-calendar.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import type { EmailOutboxTable } from '../db/database.ts';
import { nowIso } from '../ids.ts';
import { NotificationDataSchema } from '../notifications/notifications.schema.ts';
import { claimUrlFor, isEmailKind, type EmailRenderer } from './render.ts';
import type { MailTransport } from './transports.ts';

// The outbox worker: sends the emails the write path queued in email_outbox. Any number of
// workers, in any number of processes, drain the same table. A worker claims a batch of due
// rows with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time),
// sends them one by one and marks each row sent; a failure waits with exponential backoff. A
// worker that dies leaves leases that run out, and another worker takes the rows again, with
// the same Message-ID.

export interface OutboxWorkerOptions {
  db: DB;
  transport: MailTransport;
  renderer: EmailRenderer;
  /** The From header, e.g. `Claimdesk <avisos@claimdesk.example>`. */
  from: string;
  /**
   * PUBLIC_CLAIM_URL: the claim's page in the host's customer area, with {id} and {reference}.
   * Without it the emails have no button and name the claim's reference instead.
   */
  publicClaimUrl: string | undefined;
  /** Names this worker's leases; unique per worker (host, process and a random part by default). */
  workerId?: string;
  /** How often it looks for due emails when nothing wakes it, starting one poll after start-up (default 5 s). */
  pollMs?: number;
  /** How long a claimed row stays this worker's before another may take it (default 1 min). */
  leaseMs?: number;
  /** Rows claimed at once (default 20). */
  batchSize?: number;
  /** Attempts before a row is given up as failed (default 8). */
  maxAttempts?: number;
  /** The wait after a first failure, doubled after each next one (default 30 s)… */
  backoffBaseMs?: number;
  /** …up to this (default 1 h). */
  backoffCapMs?: number;
}

export interface OutboxWorker {
  /** Claims and sends one batch of due emails; resolves with how many were sent. */
  runOnce(): Promise<number>;
  /** Looks for due emails now rather than at the next poll (after a commit that may have queued some). */
  wake(): void;
  /** Stops polling; resolves when the batch under way, if any, is done. */
  stop(): Promise<void>;
}

/** Spreads the retries of emails that failed together, so they do not all hit the server in one instant. */
const BACKOFF_JITTER = 0.1;
const ERROR_LENGTH = 1000;

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, transport, renderer, from, publicClaimUrl } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pollMs = options.pollMs ?? 5000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const backoffCapMs = options.backoffCapMs ?? 3_600_000;

  const leaseFromNow = () => new Date(Date.now() + leaseMs).toISOString();

  /** Takes up to batchSize due rows no live lease holds, and leases them to this worker. */
  async function claimDue(): Promise<string[]> {
    const now = nowIso();
    return db.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('email_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batchSize);
      // Rows another worker is claiming this instant are passed over, not waited for (nor taken twice).
      if (isPostgres(trx)) due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((row) => row.id);
      if (ids.length > 0) {
        await trx.updateTable('email_outbox').set({ lease_until: leaseFromNow(), leased_by: workerId }).where('id', 'in', ids).execute();
      }
      return ids;
    });
  }

  /**
   * Ends this worker's hold on a row; says whether it still held it. A row whose lease ran out
   * and another worker took is left to that worker.
   */
  async function settle(id: string, change: Updateable<EmailOutboxTable>): Promise<boolean> {
    const result = await db
      .updateTable('email_outbox')
      .set({ ...change, lease_until: null, leased_by: null })
      .where('id', '=', id)
      .where('leased_by', '=', workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Sends one claimed row, or skips it, or records why it failed; says whether it was sent. */
  async function deliver(id: string): Promise<boolean> {
    // The lease is renewed as each row's turn comes, so a row keeps a whole lease for its own
    // send however long the rows before it took; a row another worker took meanwhile is theirs.
    const renewed = await db
      .updateTable('email_outbox')
      .set({ lease_until: leaseFromNow() })
      .where('id', '=', id)
      .where('leased_by', '=', workerId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (renewed.numUpdatedRows === 0n) return false;

    const row = await loadEmail(db, id);
    const skipped = reasonToSkip(row);
    if (skipped || !isEmailKind(row.template)) {
      await settle(id, { status: 'skipped', last_error: skipped ?? `no email is sent for ${row.template} notifications` });
      return false;
    }

    const attempts = row.attempts + 1;
    try {
      const email = renderer.render({
        kind: row.template,
        lang: row.lang ?? 'es',
        recipientName: row.user_name,
        companyName: row.company_name,
        claim: {
          id: row.claim_id,
          reference: row.reference,
          type: row.type,
          carrier: row.carrier,
          trackingNumber: row.tracking_number,
          status: row.status,
          deadlineAt: row.deadline_at,
          deadlineTimeZone: calendarOf(row.deadline_country).timeZone,
        },
        data: NotificationDataSchema.parse(JSON.parse(row.data)),
        count: row.count,
        claimUrl: claimUrlFor(publicClaimUrl, { id: row.claim_id, reference: row.reference }),
      });
      await transport.send({ messageId: row.message_id, to: row.email, from, subject: email.subject, html: email.html, text: email.text, outboxId: id });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH);
      const gaveUp = attempts >= maxAttempts;
      const delayMs = backoffMs(attempts);
      const held = await settle(
        id,
        gaveUp
          ? { status: 'failed', attempts, last_error: reason }
          : { attempts, last_error: reason, next_attempt_at: new Date(Date.now() + delayMs).toISOString() },
      );
      const outcome = !held
        ? 'its lease had passed to another worker'
        : gaveUp
          ? `attempt ${attempts} of ${maxAttempts}, giving up`
          : `attempt ${attempts} of ${maxAttempts}, next in ${Math.ceil(delayMs / 1000)} s`;
      console.error(`email outbox: ${row.template} email ${id} failed (${outcome}): ${reason}`);
      return false;
    }
    // Marked right after the server accepted it. A crash in between — after the accept, before
    // this write — is the one window in which a row is sent twice: its lease runs out and a
    // worker sends it again. The repeat carries the same Message-ID, by which receivers drop it.
    await settle(id, { status: 'sent', attempts, sent_at: nowIso(), last_error: null });
    return true;
  }

  function backoffMs(attempts: number): number {
    const exponential = Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempts - 1));
    return Math.round(exponential * (1 - Math.random() * BACKOFF_JITTER));
  }

  async function runBatch(): Promise<{ claimed: number; sent: number }> {
    const ids = await claimDue();
    let sent = 0;
    for (const id of ids) if (await deliver(id)) sent++;
    return { claimed: ids.length, sent };
  }

  // One batch at a time per worker: batches queue behind each other. While a polled batch waits
  // to start, another wake-up adds nothing (the waiting batch will see what it was woken for),
  // and one still waiting when the worker stops does not start.
  let queue: Promise<unknown> = Promise.resolve();
  let pollWaiting = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function enqueue(job: () => Promise<{ claimed: number; sent: number }>): Promise<{ claimed: number; sent: number }> {
    const batch = queue.then(job);
    queue = batch.catch(() => undefined);
    return batch;
  }

  function poll(): void {
    timer = undefined;
    if (pollWaiting) return;
    pollWaiting = true;
    enqueue(() => {
      pollWaiting = false;
      return stopped ? Promise.resolve({ claimed: 0, sent: 0 }) : runBatch();
    }).then(
      // A full batch means more may be due: the next one at once.
      ({ claimed }) => schedule(claimed === batchSize ? 0 : pollMs),
      (error: unknown) => {
        console.error(`email outbox: a batch failed (${error instanceof Error ? error.message : String(error)}); next try in ${pollMs} ms`);
        schedule(pollMs);
      },
    );
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delayMs);
    timer.unref();
  }

  schedule(pollMs);

  return {
    runOnce: () => enqueue(runBatch).then(({ sent }) => sent),
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await queue;
    },
  };
}

function loadEmail(db: DB, id: string) {
  return db
    .selectFrom('email_outbox as o')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .innerJoin('claims as c', 'c.id', 'n.claim_id')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .select([
      'o.template',
      'o.attempts',
      'o.message_id',
      'n.data',
      'n.count',
      'n.read_at',
      'u.email',
      'u.name as user_name',
      'u.lang',
      'u.role',
      'u.claims_access',
      'u.notifications as channel',
      'c.id as claim_id',
      'c.reference',
      'c.type',
      'c.carrier',
      'c.tracking_number',
      'c.status',
      'c.deadline_at',
      'c.deadline_country',
      'co.name as company_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Why the email is no longer wanted, decided when it is sent rather than when it was queued:
 * the recipient may have turned email off or lost claims access since, and a message email
 * waits so that a user who reads the message in the customer area meanwhile gets none.
 */
function reasonToSkip(row: Awaited<ReturnType<typeof loadEmail>>): string | null {
  if (row.channel !== 'in_app_and_email') return 'the recipient no longer gets notifications by email';
  if (row.role !== 'admin' && row.claims_access === 0) return 'the recipient no longer has claims access';
  if (row.template === 'message' && row.read_at !== null) return 'the recipient read the message in the customer area';
  return null;
}
