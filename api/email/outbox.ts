import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Updateable } from 'kysely';
import { hasClaimsAccess } from '../auth/access.ts';
import { calendarOf } from '../claims/country-calendar.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import type { EmailOutboxTable } from '../db/database.ts';
import { nowIso } from '../ids.ts';
import { NotificationDataSchema } from '../notifications/notifications.schema.ts';
import { ALWAYS_EMAILED } from '../../domain/notifications.ts';
import { claimUrlFor, isEmailKind, type EmailInput, type EmailKind, type EmailRenderer } from './render.ts';
import type { MailTransport, OutgoingMail } from './transports.ts';
import { DEFAULTS } from '../defaults.ts';
import { silentLogger, withoutEmailAddresses, type Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

// The outbox worker: sends the emails the write path queued in email_outbox. Any number of
// workers, in any number of processes, drain the same table. A worker claims a batch of due
// rows with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time),
// sends a few at once, so that one slow exchange holds up only itself, and marks each row sent;
// a failure waits with exponential backoff. The lease is renewed while a row's email is being
// sent, however long the server takes to answer, so no other worker sends it meanwhile. A
// worker that dies stops renewing: its leases run out, and another worker takes the rows
// again, with the same Message-ID.

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
  /**
   * How long a claimed row stays this worker's before another may take it (default 1 min). It
   * is renewed while the row's email is being sent: this is how long the rows of a worker that
   * died wait, not a bound on how long a send may take.
   */
  leaseMs?: number;
  /** Rows claimed at once (default 20). */
  batchSize?: number;
  /** Emails sent at once (default 4): EMAIL_CONCURRENCY, as many as the SMTP transport keeps connections. */
  concurrency?: number;
  /** Attempts before a row is given up as failed (default 8). */
  maxAttempts?: number;
  /** The wait after a first failure, doubled after each next one (default 30 s)… */
  backoffBaseMs?: number;
  /** …up to this (default 1 h). */
  backoffCapMs?: number;
  /** Where failures are reported (default: nowhere). */
  logger?: Logger | undefined;
  /** Counts each failed attempt (claimdesk_email_send_failures_total), when metrics are kept. */
  metrics?: Pick<Metrics, 'emailSendFailures'> | undefined;
}

export interface OutboxWorker {
  /** Claims and sends one batch of due emails; resolves with how many were sent. */
  runOnce(): Promise<number>;
  /** Looks for due emails now rather than at the next poll (after a commit that may have queued some). */
  wake(): void;
  /**
   * Stops claiming; rows claimed but not yet being sent are let go at once. Resolves when the
   * sends under way are done.
   */
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
  const concurrency = options.concurrency ?? DEFAULTS.emailConcurrency;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const backoffCapMs = options.backoffCapMs ?? 3_600_000;
  const log = (options.logger ?? silentLogger).child({ component: 'email-outbox' });

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

  /** Extends this worker's lease on a pending row; says whether it still held it. */
  async function renewLease(id: string): Promise<boolean> {
    const renewed = await db
      .updateTable('email_outbox')
      .set({ lease_until: leaseFromNow() })
      .where('id', '=', id)
      .where('leased_by', '=', workerId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return renewed.numUpdatedRows > 0n;
  }

  /**
   * Sends, renewing the row's lease a few times a lease while the server has not answered: a
   * server may rightly take minutes (RFC 5321 §4.5.3.2), and a row whose lease ran out meanwhile
   * would be sent again by another worker.
   */
  async function sendHoldingLease(id: string, mail: OutgoingMail): Promise<void> {
    let answered = false;
    const renewal = setInterval(() => {
      renewLease(id).then(
        (held) => {
          // Once the server answered, the row is settled, and a renewal finding it no longer leased says nothing.
          if (!held && !answered) log.error(`email outbox: email ${id} is still being sent but its lease passed to another worker, which may send it again`);
        },
        (error: unknown) => log.error({ err: error }, `email outbox: could not renew the lease of email ${id} (${error instanceof Error ? error.message : String(error)})`),
      );
    }, leaseMs / 3);
    try {
      await transport.send(mail);
    } finally {
      answered = true;
      clearInterval(renewal);
    }
  }

  /** Sends one claimed row, or skips it, or records why it failed; says whether it was sent. */
  async function deliver(id: string): Promise<boolean> {
    // The lease is renewed as each row's turn comes, so a row keeps a whole lease for its own
    // send however long the rows before it took; a row another worker took meanwhile is theirs.
    if (!(await renewLease(id))) return false;

    const row = await loadEmail(db, id);
    const skipped = reasonToSkip(row);
    if (skipped || !isEmailKind(row.template)) {
      await settle(id, { status: 'skipped', last_error: skipped ?? `no email is sent for ${row.template} notifications` });
      return false;
    }

    const attempts = row.attempts + 1;
    try {
      const email = renderer.render(emailInputOf(row, row.template, publicClaimUrl));
      await sendHoldingLease(id, { messageId: row.message_id, to: row.email, from, subject: email.subject, html: email.html, text: email.text, outboxId: id });
    } catch (error) {
      options.metrics?.emailSendFailures.inc({ template: row.template });
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
      // The server's words may quote the recipient's address; the row keeps them, for the operator's eyes only.
      log.error(`email outbox: ${row.template} email ${id} failed (${outcome}): ${withoutEmailAddresses(reason)}`);
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

  // Up to `concurrency` rows are being sent at any moment; claimed rows beyond that wait their
  // turn here, in claim order.
  let sending = 0;
  const waiting: Array<{ id: string; done: (sent: boolean) => void }> = [];
  const underway = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    underway.add(work);
    void work.finally(() => underway.delete(work)).catch(() => undefined);
    return work;
  }

  /** Sends a claimed row when a slot is free; says whether it was sent. */
  function inTurn(id: string): Promise<boolean> {
    return new Promise((done) => {
      waiting.push({ id, done });
      startWaiting();
    });
  }

  function startWaiting(): void {
    while (sending < concurrency && waiting.length > 0) {
      const { id, done } = waiting.shift()!;
      sending++;
      void track(
        deliver(id)
          .catch((error: unknown) => {
            // A database error: the row keeps its lease until it runs out, then it is tried again.
            log.error({ err: error }, `email outbox: email ${id} could not be handled (${error instanceof Error ? error.message : String(error)})`);
            return false;
          })
          .then((sent) => {
            sending--;
            done(sent);
            startWaiting();
            if (claimWanted) fill();
          }),
      );
    }
  }

  async function runBatch(): Promise<{ claimed: number; sent: number }> {
    const ids = await track(claimDue());
    const sent = await Promise.all(ids.map(inTurn));
    return { claimed: ids.length, sent: sent.filter(Boolean).length };
  }

  // Polls and wake-ups claim a batch when a slot is free and no claimed row waits for one, so
  // the slots stay busy while rows are due and no row is leased long before its turn; until
  // then the claim is wanted, and the next send to end makes it. A full batch means more may be
  // due: the next is wanted at once. A wake-up during a claim is remembered, for the claim may
  // have missed what it was woken for.
  let claiming = false;
  let wokenWhileClaiming = false;
  let claimWanted = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function fill(): void {
    if (stopped) return;
    if (claiming) {
      wokenWhileClaiming = true;
      return;
    }
    if (sending >= concurrency || waiting.length > 0) {
      claimWanted = true;
      return;
    }
    claimWanted = false;
    claiming = true;
    wokenWhileClaiming = false;
    track(claimDue()).then(
      (ids) => {
        claiming = false;
        for (const id of ids) void inTurn(id);
        if (stopped) letWaitingGo();
        else if (wokenWhileClaiming || ids.length === batchSize) fill();
        else schedule(pollMs);
      },
      (error: unknown) => {
        claiming = false;
        log.error({ err: error }, `email outbox: claiming due emails failed (${error instanceof Error ? error.message : String(error)}); next try in ${pollMs} ms`);
        schedule(pollMs);
      },
    );
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(fill, delayMs);
    timer.unref();
  }

  /** Gives up this worker's hold on the rows that wait for a slot, for other workers to take now. */
  function letWaitingGo(): void {
    for (const { id, done } of waiting.splice(0)) {
      void track(
        settle(id, {}).then(
          () => done(false),
          () => done(false),
        ),
      );
    }
  }

  schedule(pollMs);

  return {
    runOnce: () => runBatch().then(({ sent }) => sent),
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      letWaitingGo();
      while (underway.size > 0) {
        await Promise.allSettled(underway);
        letWaitingGo();
      }
    },
  };
}

function loadEmail(db: DB, id: string) {
  return db
    .selectFrom('email_outbox as o')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    // None for what is about no claim (a webhook disabled).
    .leftJoin('claims as c', 'c.id', 'n.claim_id')
    .innerJoin('companies as co', 'co.id', 'n.company_id')
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
      'c.outcome',
      'c.outcome_amount_cents',
      'c.currency',
      'co.name as company_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

type EmailRow = Awaited<ReturnType<typeof loadEmail>>;

/** What the email says, from its row: about its claim, or, for a webhook disabled, about none. */
function emailInputOf(row: EmailRow, kind: EmailKind, publicClaimUrl: string | undefined): EmailInput {
  const common = {
    lang: row.lang ?? 'es',
    recipientName: row.user_name,
    companyName: row.company_name,
    data: NotificationDataSchema.parse(JSON.parse(row.data)),
    count: row.count,
  };
  if (kind === 'webhook_disabled' || row.claim_id === null) return { ...common, kind: 'webhook_disabled', claim: null, claimUrl: null };
  const claim = {
    id: row.claim_id,
    reference: row.reference!,
    type: row.type!,
    carrier: row.carrier!,
    trackingNumber: row.tracking_number!,
    status: row.status!,
    deadlineAt: row.deadline_at!,
    deadlineTimeZone: calendarOf(row.deadline_country!).timeZone,
    outcome: row.outcome === null ? null : { result: row.outcome, amountCents: row.outcome_amount_cents ?? 0, currency: row.currency! },
  };
  return { ...common, kind, claim, claimUrl: claimUrlFor(publicClaimUrl, claim) };
}

/**
 * Why the email is no longer wanted, decided when it is sent rather than when it was queued:
 * the recipient may have turned email off or lost claims access since, and a message or status
 * email waits so that a user who reads its notification in the customer area meanwhile gets none.
 * What must reach administrators whatever their channel (ALWAYS_EMAILED) is sent all the same.
 */
function reasonToSkip(row: EmailRow): string | null {
  if (row.channel !== 'in_app_and_email' && !ALWAYS_EMAILED.has(row.template)) return 'the recipient no longer gets notifications by email';
  if (!hasClaimsAccess(row)) return 'the recipient no longer has claims access';
  if (row.template === 'message' && row.read_at !== null) return 'the recipient read the message in the customer area';
  if (row.template === 'status_changed' && row.read_at !== null) return 'the recipient read the status change in the customer area';
  return null;
}
