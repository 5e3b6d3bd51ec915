import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** Origins whose pages may call the API (`*`: any). */
  origins: readonly string[];
  allowHeaders: readonly string[];
  allowMethods: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/**
 * CORS for the host pages in CORS_ORIGINS. A preflight (any OPTIONS request, on any path) is
 * answered here; every other answer gets its headers once the route has made it.
 *
 * hono's own cors middleware touches `c.res` before the route runs (for Expose-Headers, even
 * when the origin is not allowed) and appends Vary with `c.header()` after: either makes hono
 * rebuild the route's finished response around a body stream, so every answer went out through
 * a web stream — 30% of a claim's detail request. This one only edits the headers of the
 * response the route made.
 */
export function cors({ origins, allowHeaders, allowMethods, exposeHeaders, maxAgeSeconds }: CorsOptions): MiddlewareHandler {
  const anyOrigin = origins.includes('*');
  const allowedOrigin = (origin: string | undefined) => (origin && (anyOrigin || origins.includes(origin)) ? origin : null);
  const preflight = {
    'Access-Control-Allow-Methods': allowMethods.join(','),
    'Access-Control-Allow-Headers': allowHeaders.join(','),
    'Access-Control-Max-Age': String(maxAgeSeconds),
  };
  return async function cors(c, next) {
    const origin = allowedOrigin(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers(preflight);
      // The answer differs by Origin and by the headers asked for: caches must keep them apart.
      headers.set('Vary', 'Origin, Access-Control-Request-Headers');
      if (origin) headers.set('Access-Control-Allow-Origin', origin);
      return new Response(null, { status: 204, headers });
    }
    await next();
    const headers = c.res.headers;
    headers.append('Vary', 'Origin');
    if (!origin) return;
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Expose-Headers', exposeHeaders.join(','));
  };
}
