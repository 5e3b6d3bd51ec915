import type { MiddlewareHandler } from 'hono';
import { describeRoute as describe, resolver, uniqueSymbol, type DescribeRouteOptions } from 'hono-openapi';
import type { ZodType } from 'zod';
import { ProblemSchema } from './problem.schema.ts';

// What a route answers, written where the route is defined; api/openapi.ts gathers it into the
// OpenAPI document (with hono-openapi's generateSpecs, which walks the app's routes).

export const PROBLEM_JSON = 'application/problem+json';

/** The tags operations are grouped by; api/openapi.ts describes each. */
export type Tag = 'Claims' | 'Documents' | 'Chat' | 'Notifications' | 'Live stream' | 'Users' | 'Meta';

/** What every operation says of itself: generated clients name their methods after `operationId`. */
export interface RouteDescription extends DescribeRouteOptions {
  operationId: string;
  tags: [Tag];
  summary: string;
  description: string;
}

/**
 * The route's own part of its operation, as the route's first middleware: its name, tag, words,
 * and the answers only it knows (its success, its 404 and 409). The rest comes from the
 * middleware in front of it and from its validators.
 */
export function describeRoute(description: RouteDescription): MiddlewareHandler {
  return describe(description);
}

/**
 * The responses declared once, in `components.responses` (api/openapi.ts), and referenced by
 * every operation that can answer them: api/openapi.ts adds those that follow from an
 * operation's shape, the middleware in front of a route those it answers (`documented`).
 */
export type SharedResponse =
  | 'InvalidRequest'
  | 'Unauthorized'
  | 'NotFound'
  | 'ContentTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalServerError'
  | 'ServiceUnavailable';

export const shared = (name: SharedResponse) => ({ $ref: `#/components/responses/${name}` });

/** A response body as the server sends it: zod's output form (defaults applied, closed objects). */
export function outputSchema(schema: ZodType) {
  return resolver(schema, { options: { io: 'output' } });
}

/**
 * A request body or query as a client sends it: zod's input form, where a field with a default
 * is optional. Its named components get an `Input` suffix (`CreateClaimInput`, `MoneyInput`), so
 * they never collide with the output form of the same schema (`Money` in a claim).
 */
export function inputSchema(schema: ZodType) {
  const input = resolver(schema, { options: { io: 'input' } });
  return {
    ...input,
    toOpenAPISchema: async (options?: Record<string, unknown>) => suffixComponents(await input.toOpenAPISchema(options), 'Input'),
  };
}

type Converted = Awaited<ReturnType<ReturnType<typeof resolver>['toOpenAPISchema']>>;

function suffixComponents({ schema, components }: Converted, suffix: string): Converted {
  const names = Object.keys(components?.schemas ?? {});
  if (names.length === 0) return { schema, components };
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => {
        const target = key === '$ref' && typeof child === 'string' ? child.match(/^#\/components\/schemas\/(.+)$/)?.[1] : undefined;
        return [key, target && names.includes(target) ? `#/components/schemas/${target}${suffix}` : rename(child)];
      }),
    );
  };
  const schemas = Object.fromEntries(names.map((name) => [`${name}${suffix}`, rename(components!.schemas![name])]));
  return { schema: rename(schema) as Converted['schema'], components: { ...components, schemas: schemas as NonNullable<Converted['components']>['schemas'] } };
}

/** A JSON response. */
export function json(description: string, schema: ZodType) {
  return { description, content: { 'application/json': { schema: outputSchema(schema) } } };
}

/** A problem+json response (RFC 9457); `schema` for the problems that carry extension members. */
export function problem(description: string, schema: ZodType = ProblemSchema) {
  return { description, content: { [PROBLEM_JSON]: { schema: outputSchema(schema) } } };
}

/**
 * Marks a middleware with what it adds to every operation behind it: the statuses it can answer
 * and the security it needs. A route-level middleware adds them to its route; one mounted with
 * `.use()` to the operations registered after it (hono-openapi merges the specs of a route's
 * handlers and of the `.use()` middleware in front of it).
 */
export function documented<M extends MiddlewareHandler>(middleware: M, spec: DescribeRouteOptions): M {
  return Object.assign(middleware, { [uniqueSymbol]: { spec } });
}
