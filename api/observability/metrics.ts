import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DB } from '../db/connect.ts';
import { DEFAULTS } from '../defaults.ts';
import { lastEventId } from '../events/events.repository.ts';
import type { LiveFeed } from '../events/feed.ts';
import { problemJson, unauthorized } from '../http/problem.ts';
import { within } from './health.ts';
import { silentLogger, type Logger } from './logger.ts';

// Prometheus metrics of one process: its HTTP traffic, its live streams and feed, the outboxes
// every process drains, the sends that failed, and Node's own (event-loop delay, heap, CPU,
// handles). Ours are prefixed claimdesk_, but for the HTTP pair, named as exporters name them.
// One registry per Metrics, so several apps in one process (tests) never share counts.

export interface MetricsSources {
  db: DB;
  /** This process's live feed: its open streams, and the newest event it delivered. */
  feed: Pick<LiveFeed, 'size' | 'deliveredUpTo'>;
  /** The email templates (email/render.ts), each shown with its own series, 0 while none of its emails waits. */
  emailTemplates: readonly string[];
  logger?: Logger | undefined;
}

/** Requests no route matched share one label value: an unknown path must not mint a time series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** From a millisecond to the longest a request may sensibly take; a stream counts until its headers. */
const DURATION_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface OutboxSnapshot {
  emails: Array<{ template: string; pending: number; oldestAt: string | null }>;
  webhooks: { pending: number; oldestAt: string | null };
}

/** The queries made at scrape time give up as a readiness check does: a scrape must not hang on the database. */
const QUERY_TIMEOUT_MS = DEFAULTS.readinessTimeoutMs;

/** The requests of one method, route and status: how many, their total time, and how many fell in each duration bucket. */
interface Tally {
  count: number;
  sumSeconds: number;
  /** Per bucket of DURATION_BUCKETS_S, not cumulative; the last is above them all (+Inf). */
  buckets: Float64Array;
}

/**
 * Every request's count and duration, found in nested maps by its method, route pattern and
 * status: once a combination has been seen, recording another allocates nothing. The series are
 * bounded as the labels are (route patterns, not paths).
 */
class RequestTallies {
  readonly #byMethod = new Map<string, Map<string, Map<number, Tally>>>();

  record(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.#byMethod.get(method);
    if (byRoute === undefined) this.#byMethod.set(method, (byRoute = new Map()));
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) byRoute.set(route, (byStatus = new Map()));
    let tally = byStatus.get(status);
    if (tally === undefined) byStatus.set(status, (tally = { count: 0, sumSeconds: 0, buckets: new Float64Array(DURATION_BUCKETS_S.length + 1) }));
    tally.count += 1;
    tally.sumSeconds += seconds;
    let bucket = 0;
    while (bucket < DURATION_BUCKETS_S.length && seconds > DURATION_BUCKETS_S[bucket]!) bucket += 1;
    tally.buckets[bucket]! += 1;
  }

  *#all(): Generator<{ method: string; route: string; status: number; tally: Tally }> {
    for (const [method, byRoute] of this.#byMethod) for (const [route, byStatus] of byRoute) for (const [status, tally] of byStatus) yield { method, route, status, tally };
  }

  /** http_requests_total's samples. */
  counts(): Array<{ labels: Record<string, string>; value: number }> {
    return [...this.#all()].map(({ method, route, status, tally }) => ({ labels: { method, route, status: String(status) }, value: tally.count }));
  }

  /** A histogram's samples (cumulative `_bucket`s up to `+Inf`, `_sum`, `_count`) by method, route and status class. */
  durations(name: string): Array<{ metricName: string; labels: Record<string, string | number>; value: number }> {
    const byClass = new Map<string, { labels: Record<string, string>; tally: Tally }>();
    for (const { method, route, status, tally } of this.#all()) {
      const labels = { method, route, status_class: `${Math.floor(status / 100)}xx` };
      const key = JSON.stringify(labels);
      const sum = byClass.get(key) ?? { labels, tally: { count: 0, sumSeconds: 0, buckets: new Float64Array(tally.buckets.length) } };
      sum.tally.count += tally.count;
      sum.tally.sumSeconds += tally.sumSeconds;
      tally.buckets.forEach((n, i) => (sum.tally.buckets[i]! += n));
      byClass.set(key, sum);
    }
    return [...byClass.values()].flatMap(({ labels, tally }) => {
      let cumulative = 0;
      const bounds = [...DURATION_BUCKETS_S, '+Inf' as const];
      return [
        ...bounds.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le, ...labels }, value: (cumulative += tally.buckets[i]!) })),
        { metricName: `${name}_sum`, labels, value: tally.sumSeconds },
        { metricName: `${name}_count`, labels, value: tally.count },
      ];
    });
  }
}

/**
 * A metric whose samples are computed when scraped, for the registry: it reads a metric's name,
 * help, type and aggregator (summing across a cluster) and, through get(), its samples. prom-client
 * types registerMetric for its own classes only, hence the one cast.
 */
function talliedMetric(name: string, type: 'counter' | 'histogram', help: string, values: () => Array<{ metricName?: string; labels: Record<string, string | number>; value: number }>) {
  const metric = { name, help, type, aggregator: 'sum' as const, get: async () => ({ name, help, type, aggregator: 'sum' as const, values: values() }) };
  return metric as unknown as Counter;
}

export class Metrics {
  readonly #registry = new Registry();
  /** Email attempts that failed (each retry counts), by template; incremented by the outbox worker. */
  readonly emailSendFailures: Counter<'template'>;
  /** Webhook attempts that failed (no 2xx in time); incremented by the webhook worker. */
  readonly webhookSendFailures: Counter;
  readonly #requests = new RequestTallies();
  readonly #db: DB;
  readonly #log: Logger;
  readonly #emailTemplates: readonly string[];
  /** One read of the outboxes per scrape, shared by the four gauges that show it (they are collected at once). */
  #outbox: Promise<OutboxSnapshot | null> | undefined;

  constructor({ db, feed, emailTemplates, logger = silentLogger }: MetricsSources) {
    this.#db = db;
    this.#emailTemplates = emailTemplates;
    this.#log = logger.child({ component: 'metrics' });
    const registers = [this.#registry];
    collectDefaultMetrics({ register: this.#registry });
    // Kept in tallies and read out when scraped: counting through prom-client's Counter and
    // Histogram allocated labels, hashes and closures on every request, which cost a cheap request
    // 15 % of its rate (measured on the bench's plain route), the garbage collector more than the counting.
    const requests = this.#requests;
    this.#registry.registerMetric(
      talliedMetric('http_requests_total', 'counter', 'HTTP requests answered, by method, route pattern (unmatched for no route) and status.', () => requests.counts()),
    );
    this.#registry.registerMetric(
      talliedMetric(
        'http_request_duration_seconds',
        'histogram',
        'Time to answer an HTTP request (to its headers, for a live stream), by method, route pattern and status class.',
        () => requests.durations('http_request_duration_seconds'),
      ),
    );
    this.emailSendFailures = new Counter({
      name: 'claimdesk_email_send_failures_total',
      help: 'Attempts at sending an email that failed, by template; each is retried with backoff, up to its last attempt.',
      labelNames: ['template'],
      registers,
    });
    this.webhookSendFailures = new Counter({
      name: 'claimdesk_webhook_send_failures_total',
      help: 'Webhook delivery attempts that got no 2xx answer in time; each is retried with backoff until the endpoint is given up.',
      registers,
    });
    new Gauge({
      name: 'claimdesk_live_streams',
      help: 'Live streams (GET /events) open on this process.',
      registers,
      collect() {
        this.set(feed.size);
      },
    });
    const log = this.#log;
    new Gauge({
      name: 'claimdesk_live_feed_lag_events',
      help: 'Events in the log this process has not yet delivered to its streams: the newest event id minus the last one its feed read.',
      registers,
      async collect() {
        try {
          const newest = await within(QUERY_TIMEOUT_MS, lastEventId(db));
          this.set(Math.max(0, newest - feed.deliveredUpTo));
        } catch (error) {
          log.warn({ err: error }, 'metrics: reading the newest event id failed; the feed lag is left out of this scrape');
          this.set(Number.NaN);
        }
      },
    });
    const outbox = () => this.#readOutboxes();
    const ageOf = (oldestAt: string | null, now: number) => (oldestAt === null ? 0 : Math.max(0, (now - Date.parse(oldestAt)) / 1000));
    new Gauge({
      name: 'claimdesk_email_outbox_pending',
      help: 'Emails waiting in the outbox to be sent (queued, delayed to fold a burst, or retrying), by template.',
      labelNames: ['template'],
      registers,
      async collect() {
        const snapshot = await outbox();
        this.reset();
        if (snapshot) for (const { template, pending } of snapshot.emails) this.set({ template }, pending);
      },
    });
    new Gauge({
      name: 'claimdesk_email_outbox_oldest_pending_seconds',
      help: 'Age of the oldest email still waiting in the outbox, since it was queued, by template (0: none waits).',
      labelNames: ['template'],
      registers,
      async collect() {
        const snapshot = await outbox();
        this.reset();
        const now = Date.now();
        if (snapshot) for (const { template, oldestAt } of snapshot.emails) this.set({ template }, ageOf(oldestAt, now));
      },
    });
    new Gauge({
      name: 'claimdesk_webhook_deliveries_pending',
      help: 'Webhook deliveries waiting to be made (due, or retrying after a failure), over every endpoint.',
      registers,
      async collect() {
        const snapshot = await outbox();
        this.set(snapshot ? snapshot.webhooks.pending : Number.NaN);
      },
    });
    new Gauge({
      name: 'claimdesk_webhook_oldest_pending_seconds',
      help: 'Age of the oldest webhook delivery still waiting, since it was queued (0: none waits).',
      registers,
      async collect() {
        const snapshot = await outbox();
        this.set(snapshot ? ageOf(snapshot.webhooks.oldestAt, Date.now()) : Number.NaN);
      },
    });
  }

  /** Counts one answered request; `route` is its pattern (`/api/v1/claims/:id`), never the path asked. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.#requests.record(method, route, status, seconds);
  }

  /** The text exposition format, every gauge computed now. */
  render(): Promise<string> {
    return this.#registry.metrics();
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  /**
   * Pending rows only, through the indexes the workers use (email_outbox by status; deliveries
   * by endpoint and status): the cost follows the backlog, never the history. On failure the
   * outbox gauges are left out of the scrape (NaN where they have no labels) and the rest served.
   */
  #readOutboxes(): Promise<OutboxSnapshot | null> {
    return (this.#outbox ??= within(QUERY_TIMEOUT_MS, this.#queryOutboxes())
      .catch((error: unknown) => {
        this.#log.warn({ err: error }, 'metrics: reading the outboxes failed; their gauges are left out of this scrape');
        return null;
      })
      .finally(() => (this.#outbox = undefined)));
  }

  async #queryOutboxes(): Promise<OutboxSnapshot> {
    const [emails, webhooks] = await Promise.all([
      this.#db
        .selectFrom('email_outbox')
        .select((eb) => ['template', eb.fn.countAll().as('pending'), eb.fn.min('created_at').as('oldest_at')])
        .where('status', '=', 'pending')
        .groupBy('template')
        .execute(),
      // Per endpoint (a company has a few), each a range of (endpoint_id, status, id): asked over the
      // whole table, SQLite, once it has statistics, would rather scan every delivery ever made.
      this.#db
        .selectFrom('webhook_endpoints as e')
        .select((eb) => {
          const pendingOf = () => eb.selectFrom('webhook_deliveries as d').whereRef('d.endpoint_id', '=', 'e.id').where('d.status', '=', 'pending');
          return [pendingOf().select((inner) => inner.fn.countAll().as('n')).as('pending'), pendingOf().select((inner) => inner.fn.min('d.created_at').as('at')).as('oldest_at')];
        })
        .execute(),
    ]);
    const byTemplate = new Map(emails.map((row) => [row.template as string, row]));
    return {
      // Every template, 0 when none waits: a series that vanishes cannot be told from a scrape that failed.
      emails: this.#emailTemplates.map((template) => {
        const row = byTemplate.get(template);
        return { template, pending: Number(row?.pending ?? 0), oldestAt: row?.oldest_at ?? null };
      }),
      webhooks: {
        pending: webhooks.reduce((sum, row) => sum + Number(row.pending ?? 0), 0),
        // ISO 8601 times in UTC sort as text.
        oldestAt: webhooks.flatMap((row) => (row.oldest_at ? [row.oldest_at] : [])).sort()[0] ?? null,
      },
    };
  }
}

/**
 * GET /metrics for Prometheus. With a token, only for `Authorization: Bearer <token>`, compared
 * in constant time (both sides hashed first, so their lengths say nothing either); without one,
 * for whoever reaches the listener — the METRICS_PORT listener, bound where the operator chose.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined) {
  const expected = token === undefined ? null : sha256(token);
  return new Hono().get('/metrics', async (c) => {
    if (expected !== null) {
      const given = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (given === undefined || !timingSafeEqual(sha256(given), expected)) {
        // Answered here rather than thrown: the METRICS_PORT listener has no error handler to turn a Problem into its answer.
        return problemJson(c, unauthorized('The metrics are for the operator’s scraper: send METRICS_TOKEN as "Authorization: Bearer <token>".', 'Bearer realm="metrics"'));
      }
    }
    return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
  });
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
