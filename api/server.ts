import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, liveFeedFor, writePathFor } from './app.ts';
import { operatorJwksIssuer, type OperatorJwks } from './auth/issuers.ts';
import { catchUpAnalytics } from './analytics/read-models.ts';
import { DEFAULTS } from './defaults.ts';
import { checkReachable, describeStartupFailure, engineOf, ensureWritableDirectory, migrateToLatest, openDatabase, StartupError, type DB } from './db/connect.ts';
import { parseSettings, SettingsError } from './env.ts';
import { createEventBus, createPostgresEventBus, createSqliteEventBus, type EventBus } from './events/bus.ts';
import type { LiveFeed } from './events/feed.ts';
import type { WriteDeps } from './events/record.ts';
import { startDeadlineWatch } from './notifications/deadline-watch.ts';
import { startFileSweep } from './file-sweep.ts';
import { startOutboxWorker, type OutboxWorker } from './email/outbox.ts';
import { destinationPolicyOf } from './webhooks/destination.ts';
import { sealingKeyOf } from './webhooks/secrets.ts';
import { startWebhookWorker } from './webhooks/worker.ts';
import { createEmailRenderer, EMAIL_KINDS, type EmailRenderer } from './email/render.ts';
import { mailboxTransport, smtpTransport } from './email/transports.ts';
import { DatabaseRateLimitStore } from './http/rate-limit-database.ts';
import type { HttpSettings } from './http/settings.ts';
import { clientErrorHandler, httpServerOptions } from './http/node-server.ts';
import { problemBody, unavailable } from './http/problem.ts';
import { createLogger, silentLogger, type Logger } from './observability/logger.ts';
import { Metrics, metricsRoutes } from './observability/metrics.ts';
import { openStorage, type StorageSettings } from './storage/from-settings.ts';
import type { KeyedStorage } from './storage/storage.ts';

export interface StartOptions extends Partial<HttpSettings>, StorageSettings {
  port: number;
  /** Defaults to 127.0.0.1 for tests; the CLI listens on every interface. */
  hostname?: string;
  databaseUrl: string;
  jwtSecret: string;
  /** CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE with CLAIMS_TOKEN_ISSUER: the operator's key set, trusted beside the shared secret. */
  jwks?: OperatorJwks | undefined;
  /** CLAIMS_TOKEN_AUDIENCE: when set, every token's `aud` must contain it. */
  tokenAudience?: string | undefined;
  /** CLAIMS_TOKEN_MAX_LIFETIME: how far ahead a token's `exp` may be, in seconds (default 1 hour). */
  tokenMaxLifetimeSeconds?: number;
  apiKey: string;
  /** WEBHOOK_SECRET_KEY: what webhook signing secrets are sealed with; unset, derived from apiKey (webhooks/secrets.ts). */
  webhookSecretKey?: string | undefined;
  /** WEBHOOK_ALLOW_HTTP: webhooks may go to http:// URLs too (default false). */
  webhookAllowHttp?: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may go to private and loopback addresses (default false). */
  webhookAllowPrivate?: boolean;
  /** WEBHOOK_TIMEOUT_MS: one webhook attempt's deadline (default 10 s). */
  webhookTimeoutMs?: number;
  /** WEBHOOK_CONCURRENCY: webhook deliveries made at once (default 8). */
  webhookConcurrency?: number;
  /** How often the webhook worker looks for due deliveries when no commit wakes it (default 5 s). */
  webhookPollMs?: number;
  corsOrigins: string[];
  heartbeatMs?: number;
  /** Open live streams per user (default 10); one more ends that user's oldest. */
  maxStreamsPerUser?: number;
  /** DATABASE_POOL_SIZE: PostgreSQL connections this process keeps at most (default 10). */
  databasePoolSize?: number;
  /** Events the live feed keeps in memory for quick resumes (default 2000). */
  feedWindow?: number;
  /** How long a read held for the next requests (a user's row, a page's versions, the rates) stands, at most (default 1 s; a commit on the bus drops it sooner). */
  heldReadsTtlMs?: number;
  /** How long close() lets requests in flight finish before cutting their connections (default 10 s). */
  shutdownGraceMs?: number;
  /** How long a whole request, body included, may take to arrive before it is answered 408 (default 15 min). */
  requestTimeoutMs?: number;
  widgetDir?: string;
  /**
   * DATA_DIR: uploaded files live in its `files` directory, unless STORAGE_URL names a bucket.
   * Without it (tests), a temporary directory that close() removes.
   */
  dataDir?: string;
  /** The operator's contact the help panel shows. */
  help?: { email: string | null; phone: string | null; hours: string | null };
  /** How long a chat message's email waits for the rest of the burst (default 2 minutes). */
  messageEmailDelayMs?: number;
  /** How long a status change's email waits for more moves of the claim (default 2 minutes). */
  statusEmailDelayMs?: number;
  /** How often filing deadlines are checked for warnings; unset, they are not (tests call warnOfDeadlines). */
  deadlineCheckMs?: number;
  /** How often unsent attachments expire and bytes no row owns are deleted (FILE_SWEEP_MS, default 10 minutes). */
  fileSweepMs?: number;
  /** How long a storage key may have bytes no row owns before they are deleted (FILE_SWEEP_GRACE_MS, default 1 hour). */
  fileSweepGraceMs?: number;
  /** How long a chat attachment may wait to be sent before it is removed (UNSENT_ATTACHMENT_TTL_MS, default 1 day). */
  unsentAttachmentTtlMs?: number;
  /** How long a resumable upload waits for its next chunk before it expires, and a finished one is remembered (UPLOAD_SESSION_TTL_MS, default 1 day). */
  uploadSessionTtlMs?: number;
  /** Hours before a deadline at which warnings go out (default 72 and 24). */
  deadlineWarningHours?: number[];
  /** SMTP_URL: where emails go; unset, they are kept in the local mailbox (the `mailbox` table). */
  smtpUrl?: string | undefined;
  /** The emails' From (default `Claimdesk <no-reply@claimdesk.local>`). */
  mailFrom?: string;
  /** PUBLIC_CLAIM_URL: the claim's page in the host's customer area, for the emails' button. */
  publicClaimUrl?: string | undefined;
  /** How often the outbox is polled for due emails (default 5 s). */
  mailPollMs?: number;
  /** EMAIL_CONCURRENCY: emails sent at once, over as many SMTP connections (default 4). */
  emailConcurrency?: number;
  /** Leaves the outbox worker stopped until startMail() (the demo settles its seeded history first). */
  holdMail?: boolean;
  /** Where the server logs (api/observability/logger.ts); unset, nothing is logged (tests, embedders that log otherwise). */
  logger?: Logger;
  /** METRICS_TOKEN: GET /metrics on the API's port, to this bearer token only (and required on METRICS_PORT too). */
  metricsToken?: string | undefined;
  /** METRICS_PORT: a second listener serving only GET /metrics (0: any free port). */
  metricsPort?: number | undefined;
  /** METRICS_HOST: where that listener binds (default 127.0.0.1: this machine only). */
  metricsHost?: string;
  /** Mounted before the API, for the demo's pages and the tests' helpers. */
  extraRoutes?: (app: Hono, deps: ServerDeps) => void;
}

export interface ServerDeps extends WriteDeps {
  feed: LiveFeed;
  storage: KeyedStorage;
}

export interface RunningServer {
  url: string;
  /** The METRICS_PORT listener's GET /metrics, when there is one. */
  metricsUrl: string | null;
  deps: ServerDeps;
  /** Starts sending the outbox's emails, when the server was started with `holdMail`. */
  startMail(): void;
  /**
   * Drains, then stops: live streams end (their clients reconnect elsewhere), requests in
   * flight are answered, new ones get 503 with Retry-After (a new live stream: an empty stream
   * that has its client reconnect), and connections still open after the grace period are cut.
   */
  close(): Promise<void>;
}

let compiledTemplates: EmailRenderer | undefined;
/** The email templates as mjml compiled them at build time (api/email/compiled-html.json), read once per process and filled per email. */
function emailRenderer(): EmailRenderer {
  return (compiledTemplates ??= createEmailRenderer());
}

/** Seconds a client refused while the server drains is told to wait (behind a balancer, another process answers). */
const RETRY_AFTER_DRAINING_S = 2;
/** GET /api/v1/events, the live stream. */
const EVENT_STREAM_PATH = '/api/v1/events';

/** Opens the database, migrates it, and serves the API until close(). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // First: a key file that cannot be read stops the start before anything is opened.
  const tokenIssuers = options.jwks ? [operatorJwksIssuer(options.jwks)] : [];
  await checkReachable(options.databaseUrl);
  const temporaryDataDir = options.dataDir === undefined ? mkdtempSync(path.join(tmpdir(), 'claimdesk-data-')) : null;
  // Before the database opens: a store that does not answer stops the start with nothing else to close.
  const storage = await openStorage(options, path.join(options.dataDir ?? temporaryDataDir!, 'files')).catch((error: unknown) => {
    if (temporaryDataDir) rmSync(temporaryDataDir, { recursive: true, force: true });
    throw error;
  });
  const logger = options.logger ?? silentLogger;
  const db = openDatabase(options.databaseUrl, { logger, poolSize: options.databasePoolSize });
  await migrateToLatest(db);
  // Before any request: the analytics replayed from the log when their tables are new (the first
  // start after their migration) or were built by an older derivation; otherwise one read.
  await catchUpAnalytics(db, logger);
  const bus = await busFor(options.databaseUrl, db, logger);
  const feed = liveFeedFor({
    db,
    bus,
    heartbeatMs: options.heartbeatMs,
    maxStreamsPerUser: options.maxStreamsPerUser,
    windowSize: options.feedWindow,
    logger,
  });
  const deps: ServerDeps = { ...writePathFor(db, bus, options), feed, storage };
  // Behind a balancer every process must refuse alike: on PostgreSQL the limits count in the database.
  const sharedLimits = engineOf(options.databaseUrl) === 'postgres' ? new DatabaseRateLimitStore(db) : undefined;
  // Kept only where someone can read them: counting costs a little on every request.
  const metrics = options.metricsToken !== undefined || options.metricsPort !== undefined ? new Metrics({ db, feed, emailTemplates: EMAIL_KINDS, logger }) : undefined;
  const app = createApp({ ...deps, ...options, tokenIssuers, rateLimits: sharedLimits, logger, metrics });
  // Extra routes go on the same app so they share its error handling and CORS.
  options.extraRoutes?.(app, deps);

  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const draining503 = unavailable(
    `This server is shutting down. Retry in ${RETRY_AFTER_DRAINING_S} s; another instance, or this one restarted, will answer.`,
    RETRY_AFTER_DRAINING_S,
  );
  const drainingAnswer = (request: Request) => {
    const path = new URL(request.url).pathname;
    // EventSource gives up for good on any answer but a 200 event stream. A stream that ends at
    // once is a reconnect instead: after `retry`, through the balancer, to a process that serves.
    // The hint is a field of its own, without the blank line that would make it a message.
    if (request.method === 'GET' && path === EVENT_STREAM_PATH) {
      return new Response(`: this server is shutting down\nretry: ${RETRY_AFTER_DRAINING_S * 1000}\n`, {
        headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'close' },
      });
    }
    return new Response(problemBody(draining503, path), {
      status: draining503.status,
      headers: { ...draining503.headers, 'Content-Type': 'application/problem+json', Connection: 'close' },
    });
  };

  const port = options.port;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  let server: ReturnType<typeof serve>;
  let metricsServer: ReturnType<typeof serve> | null = null;
  try {
    if (metrics && options.metricsPort !== undefined) metricsServer = await listenForMetrics(metrics, options.metricsPort, options);
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: (request, env) => (draining ? drainingAnswer(request) : app.fetch(request, env)),
          port,
          hostname: options.hostname ?? '127.0.0.1',
          serverOptions: httpServerOptions(requestTimeoutMs),
        },
        () => resolve(s),
      );
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new StartupError(`Port ${port} is already in use; stop what listens there or set PORT to a free port.`) : error),
      );
    });
  } catch (error) {
    metricsServer?.close();
    await feed.close();
    await bus.close();
    await db.destroy();
    if (temporaryDataDir) rmSync(temporaryDataDir, { recursive: true, force: true });
    throw error;
  }
  // Requests Node's own parser refuses or that time out never reach the app: answered in the
  // API's one error shape too (408, 431, 400), then closed.
  server.on('clientError', clientErrorHandler(requestTimeoutMs));
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => {
      if (--inFlight === 0) idle?.();
    });
  });

  sharedLimits?.startCleaning();
  const deadlineWatch = options.deadlineCheckMs === undefined ? null : startDeadlineWatch(deps, options.deadlineCheckMs, options.deadlineWarningHours, logger);
  // Its first run is over before the server is announced: what a crash left is cleared by then.
  const fileSweep = await startFileSweep(deps, {
    everyMs: options.fileSweepMs ?? DEFAULTS.fileSweepMs,
    graceMs: options.fileSweepGraceMs ?? DEFAULTS.fileSweepGraceMs,
    unsentTtlMs: options.unsentAttachmentTtlMs ?? DEFAULTS.unsentAttachmentTtlMs,
    uploadSessionTtlMs: options.uploadSessionTtlMs,
    logger,
  });
  const smtp = options.smtpUrl ? smtpTransport(options.smtpUrl, { maxConnections: options.emailConcurrency }) : null;
  const mailTransport = smtp ?? mailboxTransport(db);
  let outbox: OutboxWorker | null = null;
  const startMail = () => {
    outbox ??= startOutboxWorker({
      db,
      transport: mailTransport,
      renderer: emailRenderer(),
      from: options.mailFrom ?? DEFAULTS.mailFrom,
      publicClaimUrl: options.publicClaimUrl,
      pollMs: options.mailPollMs,
      concurrency: options.emailConcurrency,
      logger,
      metrics,
    });
    outbox.wake();
  };
  /**
   * A server may take up to 10 minutes to accept an email (RFC 5321): sends still waiting after
   * the grace period are cut, and their rows are sent again later, with the same Message-ID.
   */
  const stopMail = async () => {
    const cut = setTimeout(() => smtp?.close({ force: true }), options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs);
    await outbox?.stop();
    clearTimeout(cut);
    smtp?.close();
  };
  if (!options.holdMail) startMail();
  const webhooks = startWebhookWorker({
    write: deps,
    secretKey: sealingKeyOf(options),
    policy: destinationPolicyOf(options),
    timeoutMs: options.webhookTimeoutMs,
    concurrency: options.webhookConcurrency,
    pollMs: options.webhookPollMs,
    logger,
    metrics,
  });

  const address = server.address() as AddressInfo;
  const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : '127.0.0.1';
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`,
    metricsUrl: metricsServer && urlOf(metricsServer, '/metrics'),
    deps,
    startMail,
    async close() {
      draining = true;
      // Live streams never end by themselves: end them so their clients reconnect elsewhere.
      await feed.close();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      // Listening until now let late requests hear 503 instead of a reset; what is left is cut.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      if (metricsServer) await closeListener(metricsServer);
      await deadlineWatch?.stop();
      await fileSweep.stop();
      await stopMail();
      // Each attempt ends within WEBHOOK_TIMEOUT_MS; one cut short is made again later, with the same webhook-id.
      await webhooks.stop();
      await sharedLimits?.stop();
      await bus.close();
      await db.destroy();
      if (temporaryDataDir) rmSync(temporaryDataDir, { recursive: true, force: true });
    },
  };
}

/** How commits wake the live feed: NOTIFY on PostgreSQL; a poll when other processes may share an SQLite file. */
async function busFor(databaseUrl: string, db: DB, logger: Logger): Promise<EventBus> {
  if (engineOf(databaseUrl) === 'postgres') return createPostgresEventBus(databaseUrl, logger);
  return databaseUrl === 'sqlite::memory:' ? createEventBus() : createSqliteEventBus(db, undefined, logger);
}

/**
 * The METRICS_PORT listener: GET /metrics and nothing else, where the API's balancer does not
 * reach, bound to METRICS_HOST; with METRICS_TOKEN set, only for that bearer token here too.
 */
function listenForMetrics(metrics: Metrics, port: number, options: Pick<StartOptions, 'metricsToken' | 'metricsHost'>): Promise<ReturnType<typeof serve>> {
  const app = metricsRoutes(metrics, options.metricsToken);
  return new Promise((resolve, reject) => {
    const listener = serve({ fetch: app.fetch, port, hostname: options.metricsHost ?? DEFAULTS.metricsHost }, () => resolve(listener));
    listener.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new StartupError(`METRICS_PORT ${port} is already in use; set METRICS_PORT to a free port (not PORT).`) : error),
    );
  });
}

function urlOf(listener: ReturnType<typeof serve>, path: string): string {
  const { address, port } = listener.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}${path}`;
}

/** Stops listening and cuts the connections a scraper keeps alive. */
function closeListener(listener: ReturnType<typeof serve>): Promise<void> {
  const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
  if ('closeAllConnections' in listener) listener.closeAllConnections();
  return closed;
}

async function main() {
  let settings;
  try {
    settings = parseSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`${error.message}\nSee README.md, "Settings".`);
      process.exit(1);
    }
    throw error;
  }
  let logger: Logger;
  let server: RunningServer;
  try {
    ensureWritableDirectory(settings.dataDir, 'DATA_DIR');
    logger = await createLogger(settings);
    server = await startServer({ ...settings, hostname: '0.0.0.0', logger });
  } catch (error) {
    // One plain line on stderr, whatever LOG_FORMAT: the logger may be what could not be made,
    // and whoever reads a failed start (a terminal, systemd, a container's last words) reads text.
    console.error(`Claimdesk could not start: ${describeStartupFailure(error, settings.databaseUrl)}`);
    process.exit(1);
  }
  // The test and reliability harnesses find the URL in this line (`on http://…/api/v1`): keep its words.
  logger.info({ component: 'server', url: server.url }, `Claimdesk API on ${server.url}/api/v1 (reference: ${server.url}/api/v1/reference/)`);
  if (server.metricsUrl) logger.info({ component: 'server', metricsUrl: server.metricsUrl }, `Prometheus metrics on ${server.metricsUrl}`);
  // Lines go out in batches; whoever waits for the start (a harness, a person) reads it now.
  logger.flush();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ component: 'server', signal }, `${signal}: draining (at most ${settings.shutdownGraceMs} ms), then stopping`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
