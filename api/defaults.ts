import { HTTP_DEFAULTS } from './http/settings.ts';
import type { LogFormat, LogLevel } from './observability/logger.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Every setting's default, in one table: the environment's schema (api/env.ts, README
 * "Settings") defaults to these, and so does each module that takes the setting as an option,
 * since tests and embedders start servers with only the options they care about.
 */
export const DEFAULTS = {
  ...HTTP_DEFAULTS,
  port: 8787,
  dataDir: './data',
  mailFrom: 'Claimdesk <no-reply@claimdesk.local>',
  /** A chat message's email waits this long for the rest of the burst, and for the reader. */
  messageEmailDelayMs: 2 * MINUTE,
  /** A status change's email waits this long for more moves of the claim. */
  statusEmailDelayMs: 2 * MINUTE,
  emailConcurrency: 4,
  deadlineWarningHours: [72, 24] as readonly number[],
  deadlineCheckMs: 10 * MINUTE,
  maxStreamsPerUser: 10,
  /** PostgreSQL connections each process keeps at most: more did not answer faster on the bench's 2 cores (README, Scaling out). */
  databasePoolSize: 10,
  /** How far ahead a user token's `exp` may be: a token that leaks is good for this long at most. */
  tokenMaxLifetimeSeconds: HOUR / SECOND,
  /** How often an open stream of a company API key checks that the key was not revoked meanwhile. */
  keyRecheckMs: 15 * SECOND,
  /**
   * How long a process answers from a read it holds (a user's row, the versions a page or a claim
   * is drawn from, the liability rates), at most: every commit announced on the event bus makes it read again sooner
   * (api/db/held-until-commit.ts).
   */
  heldReadsTtlMs: SECOND,
  /** How often each process reads the trusted token issuers kept as data again, so that another's change is seen. */
  tokenIssuersReloadMs: 30 * SECOND,
  shutdownGraceMs: 10 * SECOND,
  requestTimeoutMs: 15 * MINUTE,
  unsentAttachmentTtlMs: 24 * HOUR,
  fileSweepMs: 10 * MINUTE,
  fileSweepGraceMs: HOUR,
  /** A resumable upload waits this long for its next chunk before it expires; a finished one is remembered as long. */
  uploadSessionTtlMs: 24 * HOUR,
  /** The bucket's region when STORAGE_URL names one and neither S3_REGION nor AWS_REGION does. */
  s3Region: 'us-east-1',
  /** One webhook attempt's deadline, connecting to reading the answer. */
  webhookTimeoutMs: 10 * SECOND,
  /** Webhook deliveries under way at once per process, each to another endpoint. */
  webhookConcurrency: 8,
  /** How often the webhook worker looks for due deliveries when no commit wakes it. */
  webhookPollMs: 5 * SECOND,
  /** The waits between attempts at a webhook delivery, the last repeated (each ± a fifth at random). */
  webhookRetryDelaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR] as readonly number[],
  /** An endpoint failing this long is disabled and its company's admins told. */
  webhookGiveUpAfterMs: 3 * 24 * HOUR,
  logLevel: 'info' as LogLevel,
  logFormat: 'auto' as LogFormat,
  /** Where the METRICS_PORT listener binds: this machine only, unless the operator opens it to a scraper. */
  metricsHost: '127.0.0.1',
  /** Each readiness check (database, storage, migrations) counts as failing past this: balancers time out at a few seconds. */
  readinessTimeoutMs: 2 * SECOND,
} as const;
