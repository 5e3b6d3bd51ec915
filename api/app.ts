import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { cors } from './http/cors.ts';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { authenticate, type UserWithCompany } from './auth/principal.ts';
import { chatRoutes } from './chat/chat.routes.ts';
import { claimsRoutes, type HeldClaimReads } from './claims/claims.routes.ts';
import { HeldUntilCommit } from './db/held-until-commit.ts';
import { claimActivity } from './claims/read-models.ts';
import { analyticsRoutes } from './analytics/analytics.routes.ts';
import { analyticsOnEvent } from './analytics/read-models.ts';
import { liabilityRatesRoutes } from './liability/liability.routes.ts';
import { rewarnOfMovedDeadline } from './notifications/deadline-watch.ts';
import type { DB } from './db/connect.ts';
import { DEFAULTS } from './defaults.ts';
import type { EventBus } from './events/bus.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { LiveFeed, type FeedOptions } from './events/feed.ts';
import type { WriteDeps } from './events/record.ts';
import { checklistOnIntake } from './documents/requirements.ts';
import { notificationPushes, notifyUsers } from './notifications/notifications.repository.ts';
import { queueWebhooks } from './webhooks/deliveries.ts';
import { webhooksRoutes, type WebhookSettings } from './webhooks/webhooks.routes.ts';
import { documentsRoutes, filesRoutes } from './documents/documents.routes.ts';
import { TUS_REQUEST_HEADERS, TUS_RESPONSE_HEADERS, tusDiscovery } from './uploads/tus.ts';
import { uploadCreationRoutes, uploadSessionRoutes } from './uploads/uploads.routes.ts';
import { dossierRoutes } from './dossier/dossier.routes.ts';
import { DomainError } from './errors.ts';
import { limitBody } from './http/body-limit.ts';
import { directBodies } from './http/direct-body.ts';
import { clientAddress } from './http/client-address.ts';
import { API_PREFIX, describeRoute } from './http/describe.ts';
import { knownRoutes } from './http/known-routes.ts';
import { knownQueryParameters } from './http/query-parameters.ts';
import { malformed, notFound, Problem, problemJson, problemOf, unauthorized } from './http/problem.ts';
import { limitFailedAuthentication, limitWrites, MemoryRateLimitStore, type RateLimitStore } from './http/rate-limit.ts';
import { securityHeaders } from './http/security.ts';
import type { HttpSettings } from './http/settings.ts';
import { serveBuilt } from './http/static.ts';
import { LedgeredStorage } from './storage/ledger.ts';
import type { KeyedStorage } from './storage/storage.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.ts';
import { healthRoutes } from './observability/health.ts';
import { silentLogger, type Logger } from './observability/logger.ts';
import { metricsRoutes, type Metrics } from './observability/metrics.ts';
import { logRequests } from './observability/request-log.ts';
import { referenceRoutes } from './reference.ts';
import { companiesRoutes, companyRoutes, handlersRoutes, meRoutes, usersRoutes } from './users/users.routes.ts';
import { notificationsRoutes } from './notifications/notifications.routes.ts';
import { helpRoutes, type HelpContact } from './help/help.routes.ts';
import { companyKeyPrincipal, isRevokedApiKey } from './keys/api-keys.repository.ts';
import { companyApiKeysRoutes, operatorApiKeysRoutes } from './keys/api-keys.routes.ts';
import { ApiKeyRevocations } from './keys/revocations.ts';
import { tokensRoutes } from './tokens/tokens.routes.ts';
import { exchangeIssuer } from './auth/exchange.ts';
import { StoredIssuers } from './token-issuers/registry.ts';
import { tokenIssuersRoutes } from './token-issuers/token-issuers.routes.ts';
import { sealingKeyOf } from './webhooks/secrets.ts';
import type { SeenUser } from './users/users.repository.ts';
import { syncUserFromToken } from './users/users.commands.ts';
import { createTokenVerifier, type TokenClaims } from './auth/tokens.ts';
import { JWKS_REFETCH_FLOOR_MS, sharedSecretIssuer, type TrustedIssuer } from './auth/issuers.ts';

/** The user a token describes, as the users module keeps it. */
function seenUserOf(claims: TokenClaims): SeenUser {
  return {
    companyId: claims.company,
    companyName: claims.companyName,
    externalId: claims.sub,
    name: claims.name,
    email: claims.email,
    role: claims.role,
    lang: claims.lang,
  };
}

/** What the reactions registered on the write path read; unset, they take their DEFAULTS. */
export interface ReactionSettings {
  /** How long a chat message's email waits for the rest of the burst (MESSAGE_EMAIL_DELAY_MS). */
  messageEmailDelayMs?: number | undefined;
  /** How long a status change's email waits for the rest of the burst (STATUS_EMAIL_DELAY_MS). */
  statusEmailDelayMs?: number | undefined;
}

/**
 * The app's write path: the log, the bus that wakes every process's live feed, and what each
 * event makes happen, in order — its claim's updatedAt moves (claims/), the staff's analytics
 * follow it (analytics/), a new claim gets its
 * checklist (documents/), a moved deadline may be warned of again, then the company's users their
 * notifications and emails (notifications/), and last the endpoints that
 * want the event their deliveries (webhooks/), whose bodies carry the claim as all of the above
 * left it. Further read models register here too; api/events/ knows none of them.
 */
export function writePathFor(db: DB, bus: EventBus, settings: ReactionSettings = {}): WriteDeps {
  const notifyOptions = {
    messageEmailDelayMs: settings.messageEmailDelayMs ?? DEFAULTS.messageEmailDelayMs,
    statusEmailDelayMs: settings.statusEmailDelayMs ?? DEFAULTS.statusEmailDelayMs,
  };
  return { db, bus, reactions: [claimActivity, analyticsOnEvent, checklistOnIntake, rewarnOfMovedDeadline, notifyUsers(notifyOptions), queueWebhooks] };
}

/** This process's live feed, pushing to each user, besides the events, the notifications they made (notifications/). */
export function liveFeedFor(options: Omit<FeedOptions, 'userPushes'>): LiveFeed {
  return new LiveFeed({ ...options, userPushes: [notificationPushes] });
}

/** What the app runs on; the HTTP settings not given take their defaults (api/defaults.ts). */
export interface AppDeps extends Partial<HttpSettings>, WriteDeps, WebhookSettings {
  feed: LiveFeed;
  /** CLAIMS_JWT_SECRET: the operator's shared secret, whose HS256 tokens need no `iss`. */
  jwtSecret: string;
  /** Whose tokens are trusted besides the shared secret's: the operator's key set (CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE). */
  tokenIssuers?: readonly TrustedIssuer[];
  /**
   * How often the trusted issuers kept as data (POST /token-issuers) are read again, so that
   * another process's change is seen within it (default 30 s).
   */
  tokenIssuersReloadMs?: number;
  /** CLAIMS_TOKEN_AUDIENCE: when set, every token's `aud` must contain it. */
  tokenAudience?: string | undefined;
  /** CLAIMS_TOKEN_MAX_LIFETIME: how far ahead a token's `exp` may be, in seconds (default 1 hour). */
  tokenMaxLifetimeSeconds?: number;
  apiKey: string;
  corsOrigins: string[];
  /** Where uploaded files live: for the server, the bucket STORAGE_URL names, or else DATA_DIR/files (storage/from-settings.ts). */
  storage: KeyedStorage;
  /**
   * How often an open stream of a company API key, or of a token exchanged for one (POST /tokens),
   * checks the key was not revoked; and how soon another process's revocation refuses the tokens
   * exchanged for the key (default 15 s).
   */
  keyRecheckMs?: number;
  /**
   * How long a read held for the next requests — a user's row, the versions a page or a claim is
   * drawn from, the liability rates — stands, at most (default 1 s): any commit this process makes or hears of on the
   * bus drops it sooner.
   */
  heldReadsTtlMs?: number;
  /** Where the built widget lives (served at /widget/); defaults to dist/widget. */
  widgetDir?: string;
  /** The operator's contact the help panel shows (HELP_EMAIL, HELP_PHONE, HELP_HOURS); unset parts are null. */
  help?: Partial<HelpContact>;
  /** Where the rate limits count; this process's memory unless given (the server gives the database's on PostgreSQL). */
  rateLimits?: RateLimitStore;
  /** Where requests and errors are logged (default: nowhere; the server passes the one made from LOG_LEVEL). */
  logger?: Logger;
  /** Counts and times every request, when metrics are kept (METRICS_TOKEN or METRICS_PORT set). */
  metrics?: Metrics;
  /** METRICS_TOKEN: with it and `metrics`, GET /metrics is served here, to that bearer token only. */
  metricsToken?: string | undefined;
  /** How long each readiness check may take (default 2 s). */
  readinessTimeoutMs?: number;
  /** DEADLINE_WARNING_HOURS: the largest sets the window in which a running deadline is at risk (analytics, GET /claims?deadline=at_risk). */
  deadlineWarningHours?: readonly number[] | undefined;
  /** UPLOAD_SESSION_TTL_MS: how long a resumable upload waits for its next chunk before it expires (default 1 day). */
  uploadSessionTtlMs?: number | undefined;
}

// Run from source (api/app.ts under tsx: tests, the demo) the built widget is in dist/widget; run
// compiled (dist/api/app.js, `npm run build`), it is beside the compiled API, in the same dist/.
const DEFAULT_WIDGET_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/widget' : '../widget', import.meta.url));

/**
 * The API under /api/v1. Each route declares who may call it (`allow`), what it takes and what it
 * answers; `document` is the OpenAPI document generated from these routes (api/openapi.ts).
 */
function createApi(deps: AppDeps, http: HttpSettings, document: () => Promise<OpenApiDocument>) {
  const addressOf = clientAddress(http.trustProxy);
  const rateLimits = deps.rateLimits ?? new MemoryRateLimitStore();
  const documents = {
    ...deps,
    // Every object written goes through the ledger of keys no row owns yet (api/storage/ledger.ts).
    storage: new LedgeredStorage(deps.db, deps.storage),
    maxUploadBytes: http.maxUploadBytes,
    unsentLimit: { files: http.maxUnsentAttachments, bytes: http.maxUnsentAttachmentBytes },
  };
  const uploads = { ...documents, uploadSessionTtlMs: deps.uploadSessionTtlMs ?? DEFAULTS.uploadSessionTtlMs };
  const keyRecheckMs = deps.keyRecheckMs ?? DEFAULTS.keyRecheckMs;
  const maxLifetimeSeconds = deps.tokenMaxLifetimeSeconds ?? DEFAULTS.tokenMaxLifetimeSeconds;
  // The tokens exchanged for company keys ask on every request whether their key was revoked: from memory.
  const revocations = new ApiKeyRevocations(deps.db, keyRecheckMs);
  // The settings' issuers, the API's own (POST /tokens), and those the operator keeps as data (POST /token-issuers).
  const fixedIssuers = [sharedSecretIssuer(deps.jwtSecret, { scope: { kind: 'operator' } }), exchangeIssuer(deps.jwtSecret), ...(deps.tokenIssuers ?? [])];
  const sealingKey = sealingKeyOf(deps);
  const storedIssuers = new StoredIssuers(deps.db, {
    sealingKey,
    reloadMs: deps.tokenIssuersReloadMs ?? DEFAULTS.tokenIssuersReloadMs,
    unknownIssFloorMs: JWKS_REFETCH_FLOOR_MS,
    logger: deps.logger,
  });
  // The users tokens named lately, so their requests do not read their row each time, and what
  // claims are drawn from — the versions, so a revalidation reads nothing; the liability rates —:
  // forgotten at every commit.
  const held = { ttlMs: deps.heldReadsTtlMs ?? DEFAULTS.heldReadsTtlMs };
  const heldUsers = new HeldUntilCommit<UserWithCompany>(held);
  const heldClaimReads: HeldClaimReads = { listings: new HeldUntilCommit(held), claims: new HeldUntilCommit(held), rates: new HeldUntilCommit(held) };
  deps.bus.onCommitted(() => {
    heldUsers.forgetAll();
    for (const reads of Object.values(heldClaimReads)) reads.forgetAll();
  });
  return (
    new Hono()
      .route('/health', healthRoutes(deps))
      .get(
        '/openapi.json',
        describeRoute({
          operationId: 'getOpenApiDocument',
          tags: ['Meta'],
          summary: 'This document',
          description: 'The OpenAPI 3.1 description of this API, generated from its routes. An interactive reference is served at /api/v1/reference/.',
          responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        }),
        async (c) => c.json(await document()),
      )
      .route('/', referenceRoutes())
      // Public: whom to call is most needed when signing in is what fails.
      .route('/help', helpRoutes({ email: deps.help?.email ?? null, phone: deps.help?.phone ?? null, hours: deps.help?.hours ?? null }))
      // Every route below authenticates: the document gives each the 401 and 429 these answer.
      .use(limitFailedAuthentication({ perMinute: http.authFailuresPerMinute, addressOf, store: rateLimits }))
      .use(
        authenticate({
          ...deps,
          verifyToken: createTokenVerifier({
            issuers: fixedIssuers,
            stored: storedIssuers,
            audience: deps.tokenAudience,
            maxLifetimeSeconds,
          }),
          companyKeyOf: (secret) => companyKeyPrincipal(deps.db, secret),
          userOf: (claims) => syncUserFromToken(deps, seenUserOf(claims), heldUsers),
          apiKeyRevoked: (keyId) => revocations.revoked(keyId),
        }),
      )
      .use(
        limitWrites({
          perUser: http.writesPerMinutePerUser,
          perAddress: http.writesPerMinutePerAddress,
          perApiKey: http.apiKeyWritesPerMinute,
          addressOf,
          store: rateLimits,
        }),
      )
      .route('/me', meRoutes())
      .route('/claims', claimsRoutes({ ...deps, held: heldClaimReads }))
      .route('/claims', documentsRoutes(documents))
      .route('/files', filesRoutes(documents))
      .route('/claims', uploadCreationRoutes(uploads))
      .route('/uploads', uploadSessionRoutes(uploads))
      .route('/claims', chatRoutes(documents))
      .route('/claims', dossierRoutes(documents))
      .route(
        '/events',
        eventsRoutes({ ...deps, keyRevocation: { revoked: (keyId) => isRevokedApiKey(deps.db, keyId), recheckMs: keyRecheckMs } }),
      )
      .route('/users', usersRoutes(deps))
      .route('/companies', companiesRoutes(deps))
      .route('/handlers', handlersRoutes(deps))
      .route('/analytics', analyticsRoutes(deps))
      .route('/liability-rates', liabilityRatesRoutes(deps))
      .route('/company/api-keys', companyApiKeysRoutes({ ...deps, revocations }))
      .route('/companies', operatorApiKeysRoutes({ ...deps, revocations }))
      .route('/tokens', tokensRoutes({ jwtSecret: deps.jwtSecret, maxLifetimeSeconds }))
      .route(
        '/token-issuers',
        tokenIssuersRoutes({
          db: deps.db,
          registry: storedIssuers,
          sealingKey,
          reservedIss: new Set(fixedIssuers.flatMap((issuer) => (issuer.iss === undefined ? [] : [issuer.iss]))),
        }),
      )
      .route('/company', companyRoutes(deps))
      .route('/notifications', notificationsRoutes(deps))
      .route('/webhooks', webhooksRoutes(deps))
  );
}

export type AppType = ReturnType<typeof createApi>;

export function createApp(deps: AppDeps) {
  const http: HttpSettings = { ...DEFAULTS, ...deps };
  const app = new Hono();
  const logger = deps.logger ?? silentLogger;
  // Outermost: a long-lived body written straight on Node's response gets the head every other middleware made.
  app.use(directBodies());
  app.use(requestId());
  // Outermost but for the id it logs: it sees every answer, the error handler's and the preflights' included.
  app.use(logRequests({ logger, metrics: deps.metrics }));
  app.use(securityHeaders({ frameAncestors: http.frameAncestors }));
  // Around CORS, which answers every OPTIONS: tus's discovery adds to its answer there.
  app.use(tusDiscovery({ maxUploadBytes: http.maxUploadBytes }));
  app.use(
    cors({
      origins: deps.corsOrigins,
      allowHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'Last-Event-ID', 'Idempotency-Key', 'If-Match', 'If-None-Match', ...TUS_REQUEST_HEADERS],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'Content-Disposition', 'ETag', 'Retry-After', 'WWW-Authenticate', 'Location', ...TUS_RESPONSE_HEADERS],
      maxAgeSeconds: 600,
    }),
  );
  // After CORS, so preflights are answered for every path; before authentication, so an unknown
  // path is 404 (a wrong method 405, a query parameter the operation does not take 400) whoever asks.
  app.use(knownRoutes(app));
  app.use(knownQueryParameters());
  app.use(limitBody(http));
  let document: Promise<OpenApiDocument> | undefined;
  // Generated on first request, from the routes themselves.
  const api: AppType = createApi(deps, http, () => (document ??= buildOpenApiDocument(api)));
  app.route(API_PREFIX, api);
  // Only with a token: without one the metrics are served on METRICS_PORT alone (api/server.ts), if at all.
  if (deps.metrics && deps.metricsToken !== undefined) app.route('/', metricsRoutes(deps.metrics, deps.metricsToken));
  app.get(
    '/widget/*',
    serveBuilt({ prefix: '/widget/', directory: deps.widgetDir ?? DEFAULT_WIDGET_DIR, hashedDir: 'chunks', buildHint: 'run `npm run build`' }),
  );

  app.notFound((c) => problemJson(c, notFound(`There is no ${c.req.method} ${c.req.path}. The routes are listed at /api/v1/openapi.json.`)));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemJson(c, error);
    if (error instanceof DomainError) return problemJson(c, problemOf(error));
    if (error instanceof HTTPException && error.status < 500) {
      const detail = error.message.startsWith('Malformed JSON')
        ? 'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.'
        : error.message;
      return problemJson(c, error.status === 401 ? unauthorized(detail) : malformed(detail));
    }
    logger.error({ component: 'http', requestId: c.get('requestId'), err: error }, `[${c.get('requestId')}] ${c.req.method} ${c.req.path}`);
    return problemJson(
      c,
      new Problem('server-error', `Something failed on our side. It was logged as request ${c.get('requestId')}; please retry.`),
    );
  });
  return app;
}
