import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Transaction, Updateable } from 'kysely';
import { DEFAULTS } from '../defaults.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import type { WebhookDisabledReason } from '../../domain/constants.ts';
import type { Database, WebhookDeliveryTable } from '../db/database.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import { record, type WriteDeps } from '../events/record.ts';
import { newId, nowIso } from '../ids.ts';
import { sendWebhook, type DestinationPolicy, type WebhookAnswer } from './destination.ts';
import { openSecret, type WebhookSecretKey } from './secrets.ts';
import { signedHeaders } from './signature.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

// The webhook worker: sends the deliveries the write path queued in webhook_deliveries. Any
// number of workers, in any number of processes, drain the same table, as the email outbox's do:
// a delivery is leased before it is sent (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one
// writer at a time), and only a 2xx answer marks it delivered. A worker that dies mid-delivery
// leaves its row pending with a lease that runs out; another worker sends it again, with the
// same webhook-id, by which the receiver drops the repeat.
//
// An endpoint gets its deliveries one at a time, in the order they were queued (event order):
// only the oldest pending delivery of an endpoint is ever leased, so the next waits until the
// one before is delivered or given up. Endpoints do not wait for each other: each delivery has
// a slot of its own among `concurrency`, and a deadline, so a receiver that never answers holds
// one slot for at most `timeoutMs` and then waits out its backoff without one.

export interface WebhookWorkerOptions {
  /** The write path: disabling an endpoint is recorded as an event its company's admins are notified of. */
  write: WriteDeps;
  /** WEBHOOK_SECRET_KEY, derived: opens the endpoints' sealed secrets. */
  secretKey: WebhookSecretKey;
  /** WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE. */
  policy: DestinationPolicy;
  /**
   * WEBHOOK_TIMEOUT_MS: the deadline of one attempt, connecting to reading the answer (default
   * 10 s). A delivery's lease lasts three of these: how long a delivery a dead process was making
   * waits before another process makes it again.
   */
  timeoutMs?: number;
  /** WEBHOOK_CONCURRENCY: deliveries under way at once, each to another endpoint (default 8). */
  concurrency?: number;
  /** How often it looks for due deliveries when no commit wakes it (default 5 s). */
  pollMs?: number;
  /**
   * The waits between attempts at a delivery, the last repeated (default 5 s, 30 s, 2 min,
   * 10 min, 30 min, 1 h, 2 h, then every 4 h), each shortened or lengthened by up to a fifth at random.
   */
  retryDelaysMs?: readonly number[];
  /** How long an endpoint may fail before it is disabled and its deliveries given up (default 3 days). */
  giveUpAfterMs?: number;
  /** Names this worker's leases; unique per worker (host, process and a random part by default). */
  workerId?: string;
  /** Where failures are reported (default: nowhere). */
  logger?: Logger | undefined;
  /** Counts each failed attempt (claimdesk_webhook_send_failures_total), when metrics are kept. */
  metrics?: Pick<Metrics, 'webhookSendFailures'> | undefined;
}

export interface WebhookWorker {
  /** Stops leasing; resolves when the deliveries under way are done. */
  stop(): Promise<void>;
}

/** What is read of an answer: enough to see it is an answer, then the connection is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** What the delivery log keeps of an answer. */
const EXCERPT_BYTES = 1024;
const ERROR_LENGTH = 1000;
const RETRY_JITTER = 0.2;
/** Deliveries of one endpoint made in a row in one slot, before the slot goes back to the pool (other endpoints' turn). */
const IN_A_ROW = 50;
/** Wake-ups closer together than this are one: a burst of commits asks for one look, not one each. */
const WAKE_GAP_MS = 50;

type Outcome = 'delivered' | 'retrying' | 'failed' | 'lost';

export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { write, secretKey, policy } = options;
  const { db } = write;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.webhookTimeoutMs;
  const leaseMs = 3 * timeoutMs;
  const concurrency = options.concurrency ?? DEFAULTS.webhookConcurrency;
  const pollMs = options.pollMs ?? DEFAULTS.webhookPollMs;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULTS.webhookRetryDelaysMs;
  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULTS.webhookGiveUpAfterMs;
  const log = (options.logger ?? silentLogger).child({ component: 'webhooks' });

  const leaseFromNow = () => new Date(Date.now() + leaseMs).toISOString();

  /**
   * Leases up to `limit` due deliveries, each the oldest pending one of its endpoint, that no
   * live lease holds. Looks first without a transaction: with nothing due, that is all it costs.
   */
  async function leaseHeads(limit: number): Promise<string[]> {
    const now = nowIso();
    const candidates = await dueHeads(db, now).limit(limit).execute();
    if (candidates.length === 0) return [];
    return db.transaction().execute(async (trx) => {
      let due = dueHeads(trx, now)
        .where('d.id', 'in', candidates.map((row) => row.id))
        .limit(limit);
      // Rows another worker is leasing this instant are passed over, not waited for (nor taken twice).
      if (isPostgres(trx)) due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((row) => row.id);
      if (ids.length > 0) await trx.updateTable('webhook_deliveries').set({ lease_until: leaseFromNow(), leased_by: workerId }).where('id', 'in', ids).execute();
      return ids;
    });
  }

  /** Leases the endpoint's next delivery if it is due now: the rest of a backlog, in a row, in the same slot. */
  async function leaseNext(endpointId: string): Promise<string | undefined> {
    return db.transaction().execute(async (trx) => {
      let next = dueHeads(trx, nowIso()).where('d.endpoint_id', '=', endpointId);
      if (isPostgres(trx)) next = next.forUpdate().skipLocked();
      const row = await next.executeTakeFirst();
      if (!row) return undefined;
      await trx.updateTable('webhook_deliveries').set({ lease_until: leaseFromNow(), leased_by: workerId }).where('id', '=', row.id).execute();
      return row.id;
    });
  }

  /** Makes one leased delivery, and records how it went. */
  async function deliver(id: string): Promise<{ endpointId: string; outcome: Outcome; retryInMs?: number } | undefined> {
    const row = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select([
        'd.endpoint_id',
        'd.payload',
        'd.attempts',
        'd.status',
        'd.leased_by',
        'e.company_id',
        'e.url',
        'e.description',
        'e.enabled',
        'e.secret_ciphertext',
        'e.previous_secret_ciphertext',
        'e.previous_secret_expires_at',
        'e.failing_since',
      ])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row || row.status !== 'pending' || row.leased_by !== workerId) return row && { endpointId: row.endpoint_id, outcome: 'lost' };
    const endpointId = row.endpoint_id;
    if (!row.enabled) {
      await settle(id, { status: 'failed', last_error: 'The endpoint was disabled before this delivery was made.' });
      return { endpointId, outcome: 'failed' };
    }

    const at = new Date();
    const secrets = secretsOf(row, at);
    const answer: WebhookAnswer =
      secrets === null
        ? {
            ok: false,
            statusCode: null,
            latencyMs: 0,
            excerpt: null,
            error: 'The endpoint’s signing secret cannot be read: WEBHOOK_SECRET_KEY changed since it was made. Rotate the endpoint’s secret.',
          }
        : await sendWebhook({
            url: row.url,
            headers: { 'Content-Type': 'application/json', 'User-Agent': 'Claimdesk-Webhooks/1', ...signedHeaders(id, at, row.payload, secrets) },
            body: row.payload,
            policy,
            timeoutMs,
            maxResponseBytes: MAX_RESPONSE_BYTES,
            excerptBytes: EXCERPT_BYTES,
          });

    const attempts = row.attempts + 1;
    const attempt = {
      id: newId('wha'),
      delivery_id: id,
      at: at.toISOString(),
      status_code: answer.statusCode,
      latency_ms: answer.latencyMs,
      response_excerpt: answer.excerpt,
      error: answer.error?.slice(0, ERROR_LENGTH) ?? null,
    };
    const outcome = {
      attempts,
      last_status_code: answer.statusCode,
      last_latency_ms: answer.latencyMs,
      last_response: answer.excerpt,
      last_error: attempt.error,
    };

    if (answer.ok) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('webhook_attempts').values(attempt).execute();
        // Whoever holds the lease now: the receiver has it, and no one needs to send it again.
        await trx
          .updateTable('webhook_deliveries')
          .set({ ...outcome, status: 'delivered', delivered_at: nowIso(), lease_until: null, leased_by: null })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .execute();
        await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', endpointId).where('failing_since', 'is not', null).execute();
      });
      return { endpointId, outcome: 'delivered' };
    }

    options.metrics?.webhookSendFailures.inc();
    const failingSince = row.failing_since ?? attempt.at;
    const reason: GivenUp | null =
      answer.statusCode === 410 ? 'gone' : at.getTime() - Date.parse(failingSince) >= giveUpAfterMs ? 'failing' : null;
    if (reason !== null) {
      await record(write, async (trx, append) => {
        await trx.insertInto('webhook_attempts').values(attempt).execute();
        await settleIn(trx, id, { ...outcome, status: 'failed' });
        const disabled = await disableEndpoint(trx, endpointId, reason, attempt.at);
        if (!disabled) return;
        if (row.company_id === null) {
          // Its origin and path only: a receiver's URL may carry a secret in its query string.
          const { origin, pathname } = new URL(row.url);
          log.warn(`webhooks: the operator's endpoint ${endpointId} (${origin}${pathname}) was disabled: ${disabledWhy(reason, failingSince)}; re-enable it with PATCH /api/v1/webhooks/${endpointId}`);
          return;
        }
        await append({
          type: 'company.webhook_disabled',
          companyId: row.company_id,
          actor: SYSTEM_ACTOR,
          data: { webhook: { id: endpointId, url: row.url, description: row.description, reason, failingSince, lastError: attempt.error } },
        });
      });
      return { endpointId, outcome: 'failed' };
    }

    const delayMs = retryDelayMs(attempts);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('webhook_attempts').values(attempt).execute();
      await settleIn(trx, id, { ...outcome, next_attempt_at: new Date(Date.now() + delayMs).toISOString() });
      await trx.updateTable('webhook_endpoints').set({ failing_since: failingSince }).where('id', '=', endpointId).where('failing_since', 'is', null).execute();
    });
    return { endpointId, outcome: 'retrying', retryInMs: delayMs };
  }

  /** The secrets a delivery is signed with now: the endpoint's, and the previous one while it is valid; null if they cannot be opened. */
  function secretsOf(
    endpoint: { secret_ciphertext: string; previous_secret_ciphertext: string | null; previous_secret_expires_at: string | null },
    at: Date,
  ): string[] | null {
    try {
      const secrets = [openSecret(endpoint.secret_ciphertext, secretKey)];
      const { previous_secret_ciphertext: previous, previous_secret_expires_at: expiresAt } = endpoint;
      if (previous !== null && expiresAt !== null && expiresAt > at.toISOString()) secrets.push(openSecret(previous, secretKey));
      return secrets;
    } catch {
      return null;
    }
  }

  /** Ends this worker's hold on a delivery; a delivery whose lease passed to another worker is left to it. */
  async function settleIn(trx: Transaction<Database>, id: string, change: Updateable<WebhookDeliveryTable>): Promise<void> {
    await trx.updateTable('webhook_deliveries').set({ ...change, lease_until: null, leased_by: null }).where('id', '=', id).where('leased_by', '=', workerId).execute();
  }

  function settle(id: string, change: Updateable<WebhookDeliveryTable>): Promise<void> {
    return db.transaction().execute((trx) => settleIn(trx, id, change));
  }

  function retryDelayMs(attempts: number): number {
    const base = retryDelaysMs[Math.min(attempts, retryDelaysMs.length) - 1] ?? 0;
    return Math.round(base * (1 - RETRY_JITTER + Math.random() * 2 * RETRY_JITTER));
  }

  /** One slot's work: a delivery, then, while they are delivered and due, the endpoint's next ones. */
  async function run(firstId: string): Promise<void> {
    let delivered = 0;
    let id: string | undefined = firstId;
    while (id !== undefined) {
      const result = await deliver(id);
      if (result?.retryInMs !== undefined) schedule(result.retryInMs);
      if (result?.outcome !== 'delivered') break;
      delivered++;
      if (stopped) break;
      // Past this many the slot goes back to the pool, and the endpoint's next delivery waits its turn with the others'.
      if (delivered >= IN_A_ROW) {
        schedule(0);
        break;
      }
      id = await leaseNext(result.endpointId);
    }
  }

  let active = 0;
  let looking = false;
  let lookAgain = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = 0;
  let lastLook = 0;
  const underway = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    underway.add(work);
    void work.finally(() => underway.delete(work)).catch(() => undefined);
    return work;
  }

  /** Runs a leased delivery in a free slot. */
  function occupy(id: string): void {
    active++;
    void track(
      run(id)
        .catch((error: unknown) => {
          // A database error: the delivery keeps its lease until it runs out, then it is made again.
          log.error({ err: error }, `webhooks: delivery ${id} could not be handled (${error instanceof Error ? error.message : String(error)})`);
        })
        .finally(() => {
          active--;
          if (lookAgain) look();
        }),
    );
  }

  /** Fills the free slots with due deliveries. */
  function look(): void {
    if (stopped) return;
    if (looking || active >= concurrency) {
      lookAgain = true;
      return;
    }
    looking = true;
    lookAgain = false;
    lastLook = Date.now();
    const free = concurrency - active;
    track(leaseHeads(free)).then(
      (ids) => {
        looking = false;
        for (const id of ids) occupy(id);
        if (lookAgain || ids.length === free) schedule(0);
        else schedule(pollMs);
      },
      (error: unknown) => {
        looking = false;
        log.error({ err: error }, `webhooks: looking for due deliveries failed (${error instanceof Error ? error.message : String(error)}); next try in ${pollMs} ms`);
        schedule(pollMs);
      },
    );
  }

  /** Looks in `delayMs`, or sooner if a look is due sooner already. */
  function schedule(delayMs: number): void {
    if (stopped) return;
    const at = Math.max(Date.now() + delayMs, lastLook + WAKE_GAP_MS);
    if (timer !== undefined && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      look();
    }, at - Date.now());
    timer.unref();
  }

  // A commit here, or in another process (its NOTIFY, or the SQLite file's change), may have queued deliveries.
  const unsubscribe = write.bus.onCommitted(() => schedule(0));
  schedule(0);

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      while (underway.size > 0) await Promise.allSettled(underway);
    },
  };
}

/**
 * The deliveries a worker may lease now, oldest due first: each the oldest pending delivery of
 * an enabled endpoint (so an endpoint's next delivery waits for the one before), due, and held
 * by no live lease.
 */
function dueHeads(db: DB | Transaction<Database>, now: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .select('d.id')
    .where('d.id', 'in', (eb) =>
      eb
        .selectFrom('webhook_endpoints as e')
        .select((inner) =>
          inner
            .selectFrom('webhook_deliveries as h')
            .select('h.id')
            .whereRef('h.endpoint_id', '=', 'e.id')
            .where('h.status', '=', 'pending')
            .orderBy('h.id')
            .limit(1)
            .as('head'),
        )
        .where('e.enabled', '=', 1),
    )
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
    .orderBy('d.next_attempt_at')
    .orderBy('d.id');
}

/** Why Claimdesk itself turns an endpoint off; `manual` is a manager's doing (PATCH /webhooks/{id}). */
type GivenUp = Exclude<WebhookDisabledReason, 'manual'>;

/**
 * Turns an endpoint off and gives up its pending deliveries, for the worker (410, failing) and a
 * manager (PATCH /webhooks/{id}) alike; says whether it was still on.
 */
export async function disableEndpoint(trx: Transaction<Database>, endpointId: string, reason: WebhookDisabledReason, at: string): Promise<boolean> {
  const turnedOff = await trx
    .updateTable('webhook_endpoints')
    .set({ enabled: 0, disabled_reason: reason, disabled_at: at, updated_at: at })
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (turnedOff.numUpdatedRows === 0n) return false;
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: `Given up: the endpoint was disabled (${reason}).`, lease_until: null, leased_by: null })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
  return true;
}

function disabledWhy(reason: GivenUp, failingSince: string): string {
  return reason === 'gone' ? 'it answered 410 Gone' : `it has failed every delivery since ${failingSince}`;
}
