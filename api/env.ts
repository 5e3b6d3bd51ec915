import { z } from 'zod';
import { DEFAULTS } from './defaults.ts';
import { EXCHANGE_ISS } from './auth/exchange.ts';
import type { OperatorJwks } from './auth/issuers.ts';
import type { HttpSettings } from './http/settings.ts';
import { LOG_FORMATS, LOG_LEVELS } from './observability/logger.ts';
import './http/zod-messages.ts';

/** A switch: true or false, off unless set. */
const booleanSetting = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((value) => value === 'true');

/** STORAGE_URL naming a bucket: `s3://bucket` or `s3://bucket/prefix`, the bucket's name as S3 allows it. */
export const S3_STORAGE_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;
export const S3_STORAGE_URL_FORMAT =
  'must look like s3://bucket or s3://bucket/prefix (the bucket named with 3 to 63 lowercase letters, digits, dots and hyphens)';

/** An S3 region: AWS's (eu-west-1), or what another service takes (auto for Cloudflare R2). */
const s3Region = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as eu-west-1 (auto for Cloudflare R2)').optional();

/** Settings from the environment, as DESIGN.md names them. Parsed once at start. */
const SettingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULTS.port),
  DATA_DIR: z.string().min(1).default(DEFAULTS.dataDir),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  CLAIMS_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 secret shared with the host backend)'),
  CLAIMS_JWKS_URL: z
    .string()
    .url('must be the URL of a JSON Web Key Set, such as https://auth.example.com/.well-known/jwks.json')
    // Whoever can change the set in transit can sign any token: plain http only on this machine.
    .refine((value) => /^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(value), 'must be an https:// URL (http:// only for localhost)')
    .optional(),
  CLAIMS_JWKS_FILE: z.string().min(1).optional(),
  CLAIMS_TOKEN_ISSUER: z.string().min(1).max(500).optional(),
  CLAIMS_TOKEN_AUDIENCE: z.string().min(1).max(500).optional(),
  CLAIMS_TOKEN_MAX_LIFETIME: z.coerce
    .number()
    .int()
    .min(60, 'must be at least 60 (seconds)')
    .max(86_400, 'must be at most 86400 (seconds: one day); tokens are refreshed, not kept')
    .default(DEFAULTS.tokenMaxLifetimeSeconds),
  CLAIMS_API_KEY: z.string().min(24, 'must be at least 24 characters'),
  WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBHOOK_ALLOW_HTTP: booleanSetting,
  WEBHOOK_ALLOW_PRIVATE: booleanSetting,
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(DEFAULTS.webhookTimeoutMs),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(DEFAULTS.webhookConcurrency),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default(DEFAULTS.mailFrom),
  PUBLIC_CLAIM_URL: z
    .string()
    .url()
    .refine((value) => value.includes('{id}') || value.includes('{reference}'), 'must contain {id} (or {reference}), e.g. https://host.example/area/siniestros/{id}')
    .optional(),
  MESSAGE_EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULTS.messageEmailDelayMs),
  EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(DEFAULTS.emailConcurrency),
  STATUS_EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULTS.statusEmailDelayMs),
  DEADLINE_WARNING_HOURS: z
    .string()
    .default(DEFAULTS.deadlineWarningHours.join(','))
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean).map(Number))
    .pipe(z.array(z.number().int().min(1).max(24 * 60))),
  DEADLINE_CHECK_MS: z.coerce.number().int().min(1000).max(86_400_000).default(DEFAULTS.deadlineCheckMs),
  HELP_EMAIL: z.string().email().optional(),
  HELP_PHONE: z.string().min(3).max(40).optional(),
  HELP_HOURS: z.string().min(1).max(200).optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(DEFAULTS.maxUploadBytes),
  MAX_UPLOAD_REQUEST_BYTES: z.coerce.number().int().positive().default(DEFAULTS.maxUploadRequestBytes),
  MAX_UNSENT_ATTACHMENTS: z.coerce.number().int().min(1).max(10_000).default(DEFAULTS.maxUnsentAttachments),
  MAX_UNSENT_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(DEFAULTS.maxUnsentAttachmentBytes),
  UNSENT_ATTACHMENT_TTL_MS: z.coerce.number().int().min(1000).max(30 * 86_400_000).default(DEFAULTS.unsentAttachmentTtlMs),
  FILE_SWEEP_MS: z.coerce.number().int().min(1000).max(86_400_000).default(DEFAULTS.fileSweepMs),
  FILE_SWEEP_GRACE_MS: z.coerce.number().int().min(0).max(7 * 86_400_000).default(DEFAULTS.fileSweepGraceMs),
  UPLOAD_SESSION_TTL_MS: z.coerce.number().int().min(60_000).max(30 * 86_400_000).default(DEFAULTS.uploadSessionTtlMs),
  STORAGE_URL: z.string().regex(S3_STORAGE_URL, S3_STORAGE_URL_FORMAT).optional(),
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+\/?$/, 'must be the URL of an S3-compatible service, such as http://minio.internal:9000 or https://ACCOUNT.r2.cloudflarestorage.com')
    .optional(),
  S3_REGION: s3Region,
  AWS_REGION: s3Region,
  S3_FORCE_PATH_STYLE: booleanSetting,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(DEFAULTS.databasePoolSize),
  MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(DEFAULTS.maxStreamsPerUser),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULTS.shutdownGraceMs),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(86_400_000).default(DEFAULTS.requestTimeoutMs),
  MAX_JSON_BYTES: z.coerce.number().int().positive().default(DEFAULTS.maxJsonBytes),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(DEFAULTS.authFailuresPerMinute),
  WRITES_PER_MINUTE_PER_USER: z.coerce.number().int().positive().default(DEFAULTS.writesPerMinutePerUser),
  WRITES_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().positive().default(DEFAULTS.writesPerMinutePerAddress),
  API_KEY_WRITES_PER_MINUTE: z.coerce.number().int().positive().optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(DEFAULTS.trustProxy),
  FRAME_ANCESTORS: z
    .string()
    .default(DEFAULTS.frameAncestors.join(' '))
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^('self'|'none'|\*|https?:\/\/[\w.*-]+(:\d+)?)$/, "each must be 'self', 'none', * or an origin such as https://erp.example.com"))
        .min(1),
    ),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default(DEFAULTS.logLevel),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: 'must be json, pretty, or auto (pretty on a terminal, JSON otherwise)' }).default(DEFAULTS.logFormat),
  NODE_ENV: z.string().optional(),
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters (the bearer token your Prometheus scraper sends to GET /metrics)').optional(),
  METRICS_PORT: z.coerce.number().int().min(0, 'must be a port number, 0 to 65535').max(65535, 'must be a port number, 0 to 65535').optional(),
  METRICS_HOST: z.string().min(1, 'must name the address the metrics listener binds to, such as 127.0.0.1 or 0.0.0.0').default(DEFAULTS.metricsHost),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
}).superRefine((s, context) => {
  if (s.CLAIMS_JWKS_URL !== undefined && s.CLAIMS_JWKS_FILE !== undefined) {
    context.addIssue({ code: 'custom', path: ['CLAIMS_JWKS_FILE'], message: 'is set, and so is CLAIMS_JWKS_URL: give the key set one way' });
  }
  const jwksGiven = s.CLAIMS_JWKS_URL !== undefined || s.CLAIMS_JWKS_FILE !== undefined;
  if (jwksGiven && s.CLAIMS_TOKEN_ISSUER === undefined) {
    context.addIssue({ code: 'custom', path: ['CLAIMS_TOKEN_ISSUER'], message: 'is required with a key set (CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE): the iss its tokens carry' });
  }
  if (s.CLAIMS_TOKEN_ISSUER === EXCHANGE_ISS) {
    context.addIssue({ code: 'custom', path: ['CLAIMS_TOKEN_ISSUER'], message: `is ${EXCHANGE_ISS}, the iss of the tokens Claimdesk signs itself (POST /tokens): give the key set an iss of its own` });
  }
  if (!jwksGiven && s.CLAIMS_TOKEN_ISSUER !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['CLAIMS_TOKEN_ISSUER'],
      message: 'is set, but neither CLAIMS_JWKS_URL nor CLAIMS_JWKS_FILE is: it names the iss of the key set\'s tokens (tokens signed with CLAIMS_JWT_SECRET need none)',
    });
  }
  // Without STORAGE_URL files stay on this machine's disk: an endpoint set for a bucket that is not
  // named means a deployment about to keep each machine's uploads apart.
  for (const name of ['S3_ENDPOINT', 'S3_FORCE_PATH_STYLE'] as const) {
    if (s[name] && s.STORAGE_URL === undefined) {
      context.addIssue({ code: 'custom', path: [name], message: 'is set, but STORAGE_URL is not: set STORAGE_URL=s3://bucket/prefix to store files in the bucket, or unset it' });
    }
  }
});

/** The environment variables the server reads (README, "Settings", documents each). */
export const SETTING_NAMES = Object.keys(SettingsSchema.shape);

/** The server's settings, as parseSettings gives them: what each variable became, typed from the schema. */
export type Settings = ReturnType<typeof settingsFrom>;

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join('\n')}`);
  }
  return settingsFrom(parsed.data);
}

function settingsFrom(s: z.output<typeof SettingsSchema>) {
  const settings = {
    port: s.PORT,
    dataDir: s.DATA_DIR,
    databaseUrl: s.DATABASE_URL ?? `sqlite:${s.DATA_DIR}/claimdesk.sqlite`,
    databasePoolSize: s.DATABASE_POOL_SIZE,
    jwtSecret: s.CLAIMS_JWT_SECRET,
    jwks: operatorJwksOf(s),
    tokenAudience: s.CLAIMS_TOKEN_AUDIENCE,
    tokenMaxLifetimeSeconds: s.CLAIMS_TOKEN_MAX_LIFETIME,
    apiKey: s.CLAIMS_API_KEY,
    webhookSecretKey: s.WEBHOOK_SECRET_KEY,
    webhookAllowHttp: s.WEBHOOK_ALLOW_HTTP,
    webhookAllowPrivate: s.WEBHOOK_ALLOW_PRIVATE,
    webhookTimeoutMs: s.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: s.WEBHOOK_CONCURRENCY,
    smtpUrl: s.SMTP_URL,
    mailFrom: s.MAIL_FROM,
    publicClaimUrl: s.PUBLIC_CLAIM_URL,
    messageEmailDelayMs: s.MESSAGE_EMAIL_DELAY_MS,
    emailConcurrency: s.EMAIL_CONCURRENCY,
    statusEmailDelayMs: s.STATUS_EMAIL_DELAY_MS,
    deadlineWarningHours: s.DEADLINE_WARNING_HOURS,
    deadlineCheckMs: s.DEADLINE_CHECK_MS,
    unsentAttachmentTtlMs: s.UNSENT_ATTACHMENT_TTL_MS,
    fileSweepMs: s.FILE_SWEEP_MS,
    fileSweepGraceMs: s.FILE_SWEEP_GRACE_MS,
    uploadSessionTtlMs: s.UPLOAD_SESSION_TTL_MS,
    storageUrl: s.STORAGE_URL,
    s3Endpoint: s.S3_ENDPOINT,
    s3Region: s.S3_REGION ?? s.AWS_REGION ?? DEFAULTS.s3Region,
    s3ForcePathStyle: s.S3_FORCE_PATH_STYLE,
    help: { email: s.HELP_EMAIL ?? null, phone: s.HELP_PHONE ?? null, hours: s.HELP_HOURS ?? null },
    maxUploadBytes: s.MAX_UPLOAD_BYTES,
    maxUploadRequestBytes: s.MAX_UPLOAD_REQUEST_BYTES,
    maxUnsentAttachments: s.MAX_UNSENT_ATTACHMENTS,
    maxUnsentAttachmentBytes: s.MAX_UNSENT_ATTACHMENT_BYTES,
    maxStreamsPerUser: s.MAX_STREAMS_PER_USER,
    shutdownGraceMs: s.SHUTDOWN_GRACE_MS,
    requestTimeoutMs: s.REQUEST_TIMEOUT_MS,
    corsOrigins: s.CORS_ORIGINS,
    maxJsonBytes: s.MAX_JSON_BYTES,
    authFailuresPerMinute: s.AUTH_FAILURES_PER_MINUTE,
    writesPerMinutePerUser: s.WRITES_PER_MINUTE_PER_USER,
    writesPerMinutePerAddress: s.WRITES_PER_MINUTE_PER_ADDRESS,
    apiKeyWritesPerMinute: s.API_KEY_WRITES_PER_MINUTE ?? null,
    trustProxy: s.TRUST_PROXY,
    frameAncestors: s.FRAME_ANCESTORS,
    logLevel: s.LOG_LEVEL,
    // In production the lines are for a collector, even when a terminal is attached (docker run -t).
    logFormat: s.LOG_FORMAT === 'auto' && s.NODE_ENV === 'production' ? ('json' as const) : s.LOG_FORMAT,
    metricsToken: s.METRICS_TOKEN,
    metricsPort: s.METRICS_PORT,
    metricsHost: s.METRICS_HOST,
  };
  // Every HTTP setting is read from the environment: the server's defaults are only for tests.
  return settings satisfies HttpSettings;
}

/** The operator's key set, when CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE gives one (with CLAIMS_TOKEN_ISSUER, as the schema requires). */
function operatorJwksOf(s: z.output<typeof SettingsSchema>): OperatorJwks | undefined {
  const iss = s.CLAIMS_TOKEN_ISSUER;
  if (iss === undefined) return undefined;
  return s.CLAIMS_JWKS_URL !== undefined ? { iss, url: s.CLAIMS_JWKS_URL } : { iss, file: s.CLAIMS_JWKS_FILE! };
}

export class SettingsError extends Error {}
