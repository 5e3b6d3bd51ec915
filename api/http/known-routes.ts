import type { Hono, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { METHOD_NAME_ALL } from 'hono/router';
import { badRequest, notFound, Problem } from './problem.ts';
import { textProblem } from '../storable-text.ts';

/**
 * Answers what only the router knows, before anything else runs — authentication included, so
 * the answer never depends on credentials:
 *  - a path that is not valid percent-encoded UTF-8 (`%E0%A4%A`, an encoded surrogate) is 404:
 *    nothing can be named by it;
 *  - a path that decodes to text no column can hold (NUL: PostgreSQL refuses it) is 400;
 *  - a path no route has is 404, and a path asked with a method it does not take is 405 with
 *    `Allow`.
 * The routes are the app's own, read at request time, so routes added after this middleware
 * (the demo's pages) count too.
 */
export function knownRoutes(app: Pick<Hono, 'router' | 'routes'>): MiddlewareHandler {
  return async function knownRoutes(c, next) {
    checkPath(new URL(c.req.url).pathname);
    // Middleware is registered for every method (METHOD_NAME_ALL); a route names its own.
    if (matchedRoutes(c).some((route) => route.method !== METHOD_NAME_ALL)) return next();

    const allowed = methodsAt(app, c.req.path);
    if (allowed.length === 0) {
      throw notFound(`There is no ${c.req.method} ${c.req.path}. The routes are listed at /api/v1/openapi.json.`);
    }
    throw new Problem(
      'method-not-allowed',
      `${c.req.path} does not take ${c.req.method}; it takes ${allowed.join(', ')}.`,
      { allowed },
      { Allow: allowed.join(', ') },
    );
  };
}

function checkPath(rawPath: string): void {
  if (!rawPath.includes('%')) return;
  for (const segment of rawPath.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw notFound(`The path ${rawPath} is not valid percent-encoded UTF-8, so it names nothing here. Encode each path segment with encodeURIComponent.`);
    }
    const problem = textProblem(decoded);
    if (problem) {
      throw badRequest(`Each segment of the URL path ${problem}; ids and names never do.`, { errors: [{ field: 'path', message: problem }] });
    }
  }
}

/** The methods some route takes at `path` (HEAD wherever GET is; OPTIONS everywhere, for CORS). */
function methodsAt({ router, routes }: Pick<Hono, 'router' | 'routes'>, path: string): string[] {
  const methods = new Set(routes.map((route) => route.method).filter((method) => method !== METHOD_NAME_ALL));
  const allowed = [...methods].filter((method) =>
    router.match(method, path)[0].some(([[, route]]) => route.method !== METHOD_NAME_ALL),
  );
  if (allowed.length === 0) return [];
  if (allowed.includes('GET')) allowed.splice(allowed.indexOf('GET') + 1, 0, 'HEAD');
  return [...allowed, 'OPTIONS'];
}
