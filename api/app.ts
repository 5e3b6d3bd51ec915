import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { authenticate } from './auth/principal.ts';
import { claimsRoutes } from './claims/claims.routes.ts';
import type { DB } from './db/connect.ts';
import type { EventBus } from './events/bus.ts';
import { eventsRoutes } from './events/events.routes.ts';
import type { LiveFeed } from './events/feed.ts';
import { DomainError } from './errors.ts';
import { Problem, problemJson, problemOf } from './http/problem.ts';
import { serveDirectory } from './http/static.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { referenceRoutes } from './reference.ts';
import { companiesRoutes, meRoutes, usersRoutes } from './users/users.routes.ts';
import { upsertSeenUser, type SeenUser } from './users/users.repository.ts';
import type { TokenClaims } from './auth/tokens.ts';

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

export interface AppDeps {
  db: DB;
  bus: EventBus;
  feed: LiveFeed;
  jwtSecret: string;
  apiKey: string;
  corsOrigins: string[];
  /** Where the built widget lives (served at /widget/); defaults to dist/widget. */
  widgetDir?: string;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../dist/widget', import.meta.url));

function createApi(deps: AppDeps) {
  const openApi = buildOpenApiDocument();
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' as const }))
    .get('/openapi.json', (c) => c.json(openApi))
    .route('/', referenceRoutes())
    .use(authenticate({ ...deps, userOf: (claims) => upsertSeenUser(deps.db, seenUserOf(claims)) }))
    .route('/me', meRoutes())
    .route('/claims', claimsRoutes(deps))
    .route('/events', eventsRoutes(deps.feed))
    .route('/users', usersRoutes(deps))
    .route('/companies', companiesRoutes(deps));
}

export type AppType = ReturnType<typeof createApi>;

export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use(requestId());
  app.use(
    '*',
    cors({
      origin: (origin) => (deps.corsOrigins.includes('*') || deps.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'Last-Event-ID'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.route('/api/v1', createApi(deps));
  app.get('/widget/*', serveDirectory('/widget/', deps.widgetDir ?? DEFAULT_WIDGET_DIR, 'run `npm run build`'));

  app.notFound((c) =>
    problemJson(c, new Problem(404, 'Not found', `There is no ${c.req.method} ${c.req.path}. The routes are listed at /api/v1/openapi.json.`)),
  );
  app.onError((error, c) => {
    if (error instanceof Problem) return problemJson(c, error);
    if (error instanceof DomainError) return problemJson(c, problemOf(error));
    if (error instanceof HTTPException && error.status < 500) {
      const detail = error.message.startsWith('Malformed JSON')
        ? 'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.'
        : error.message;
      return problemJson(c, new Problem(error.status as 400, error.status === 401 ? 'Unauthorized' : 'Bad request', detail));
    }
    console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, error);
    return problemJson(
      c,
      new Problem(500, 'Internal server error', `Something failed on our side. It was logged as request ${c.get('requestId')}; please retry.`),
    );
  });
  return app;
}
