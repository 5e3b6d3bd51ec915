import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { badRequest } from './problem.ts';

// A query parameter an operation does not take was ignored, so `?statuz=review` (or a filter the
// server does not have yet) answered everything as if it had been obeyed. Each operation's query
// is what its validator declares — `validate('query', schema)` marks itself with the schema's
// names, `describeRoute` marks the route as an operation — and anything else is refused.

const OPERATION = Symbol('operation');
const QUERY_PARAMETERS = Symbol('query parameters');

type Marked = { [OPERATION]?: true; [QUERY_PARAMETERS]?: readonly string[] };

/** Marks the middleware that describes an operation: its query is held to what the operation declares. */
export function markOperation<M extends object>(middleware: M): M {
  return Object.assign(middleware, { [OPERATION]: true as const });
}

/** Marks a query validator with the parameters it takes. */
export function markQueryParameters<M extends object>(middleware: M, names: readonly string[]): M {
  return Object.assign(middleware, { [QUERY_PARAMETERS]: names });
}

/**
 * Answers 400, naming them and the parameters the operation takes, when a request to an
 * operation carries query parameters it does not declare (an operation without a query
 * validator takes none). Runs before authentication, like the other answers about the request's
 * shape. Paths that are not operations (the API reference's pages, the widget's files) pass.
 */
export function knownQueryParameters(): MiddlewareHandler {
  return async function knownQueryParameters(c, next) {
    const query = new URL(c.req.url).searchParams;
    if (query.size === 0) return next();
    const handlers = matchedRoutes(c).map((route) => route.handler as Marked);
    if (!handlers.some((handler) => handler[OPERATION])) return next();
    const known = handlers.flatMap((handler) => handler[QUERY_PARAMETERS] ?? []);
    const unknown = [...new Set(query.keys())].filter((name) => !known.includes(name));
    if (unknown.length === 0) return next();
    const names = unknown.map((name) => `"${name.slice(0, 100)}"`).join(', ');
    const one = unknown.length === 1;
    const takes = known.length ? `It takes ${known.join(', ')}.` : 'It takes no query parameters.';
    throw badRequest(
      `${c.req.method} ${c.req.path} does not take the query parameter${one ? '' : 's'} ${names}; rather than ignore ${one ? 'it' : 'them'}, the request is refused. ${takes}`,
      {
        errors: unknown.map((name) => ({
          field: name.slice(0, 100),
          message: known.length ? `is not a parameter of this operation; it takes ${known.join(', ')}` : 'is not a parameter: this operation takes none',
        })),
      },
    );
  };
}
