import { performance } from 'node:perf_hooks';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { METHOD_NAME_ALL } from 'hono/router';
import type { Principal } from '../auth/principal.ts';
import { API_PREFIX } from '../http/describe.ts';
import type { Logger } from './logger.ts';
import { UNMATCHED_ROUTE, type Metrics } from './metrics.ts';

export interface RequestLogOptions {
  logger: Logger;
  /** Counts and times every request, when metrics are kept. */
  metrics?: Metrics | undefined;
}

/**
 * What balancers and scrapers ask every few seconds: logged at debug, so the info log is the
 * traffic of people and integrations. They are counted all the same.
 */
const PROBES = new Set([`${API_PREFIX}/health`, `${API_PREFIX}/health/live`, `${API_PREFIX}/health/ready`, '/metrics']);

/**
 * One log line per request, and its count and duration in the metrics, once it is answered:
 * the request id (the X-Request-Id it came with when that is a sane token, else a new one, as
 * hono's requestId middleware decides; mounted before this), the method, the route pattern, the
 * status, the milliseconds to the answer's headers, and who called by id only. Never the path's
 * query string, headers, token, key, or anything of the body: those carry secrets and personal
 * data.
 */
export function logRequests({ logger, metrics }: RequestLogOptions): MiddlewareHandler {
  const log = logger.child({ component: 'http' });
  // The level is the process's, set once from LOG_LEVEL: what is logged is decided here, not per request.
  const logsTraffic = log.isLevelEnabled('info');
  const logsProbes = log.isLevelEnabled('debug');
  if (!logsTraffic && metrics === undefined) {
    return async function logRequests(_c, next) {
      await next();
    };
  }
  return async function logRequests(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePattern(c);
    const { method } = c.req;
    const { status } = c.res;
    metrics?.observeRequest(method, route, status, seconds);
    const probe = PROBES.has(route);
    if (probe ? !logsProbes : !logsTraffic) return;
    const fields = { requestId: c.get('requestId'), method, route, status, durationMs: Math.round(seconds * 100_000) / 100, ...callerOf(c.get('principal') as Principal | undefined) };
    log[probe ? 'debug' : 'info'](fields, `${method} ${route} ${status}`);
  };
}

/**
 * The pattern of the route that answered (`/api/v1/claims/:id`), or, when a middleware in front
 * answered (a 401, a 429), of the first route the path matched, which would have. Requests no
 * route takes — unknown paths, wrong methods, CORS preflights — are `unmatched`.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  const answering = routes[c.req.routeIndex];
  if (answering && answering.method !== METHOD_NAME_ALL) return answering.path;
  return routes.find((route) => route.method !== METHOD_NAME_ALL)?.path ?? UNMATCHED_ROUTE;
}

/** Who called, by ids only: never a name, an email or a credential. */
function callerOf(principal: Principal | undefined) {
  if (principal === undefined) return {};
  if (principal.kind === 'user') return { caller: 'user', userId: principal.user.id, companyId: principal.companyId };
  if (principal.kind === 'companyKey') return { caller: 'companyKey', keyId: principal.keyId, companyId: principal.companyId };
  return { caller: 'service' };
}
