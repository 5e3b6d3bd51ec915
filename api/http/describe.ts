import type { MiddlewareHandler } from 'hono';
import { describeRoute as describe, resolver, uniqueSymbol, type DescribeRouteOptions } from 'hono-openapi';
import type { ZodType } from 'zod';
import { ProblemSchema } from './problem.schema.ts';
import { markOperation } from './query-parameters.ts';

// What a route answers, written where the route is defined; api/openapi.ts gathers it into the
// OpenAPI document (with hono-openapi's generateSpecs, which walks the app's routes).

export const PROBLEM_JSON = 'application/problem+json';

/** The tags operations are grouped by; api/openapi.ts describes each. */
export type Tag = 'Claims' | 'Documents' | 'Chat' | 'Notifications' | 'Live stream' | 'Users' | 'Integration' | 'Analytics' | 'Meta';

/** What every operation says of itself: generated clients name their methods after `operationId`. */
export interface RouteDescription extends DescribeRouteOptions {
  operationId: string;
  tags: [Tag];
  summary: string;
  description: string;
  /**
   * A GET's HEAD, when clients use it on its own (a download's size and type before its bytes):
   * documented as an operation of its own (api/openapi.ts derives it from the GET). Every GET
   * answers HEAD; the others' are not worth a page.
   */
  head?: HeadDescription;
}

export interface HeadDescription {
  operationId: string;
  summary: string;
  description: string;
}

/** Where a GET's `head` waits in the generated document, for api/openapi.ts to make it an operation. */
export const HEAD_EXTENSION = 'x-head' as const;

/**
 * The route's own part of its operation, as the route's first middleware: its name, tag, words,
 * and the answers only it knows (its success, its 404 and 409). The rest comes from the
 * middleware in front of it and from its validators.
 */
export function describeRoute({ head, ...description }: RouteDescription): MiddlewareHandler {
  // An `x-` member is an OpenAPI extension, which hono-openapi's options type does not list.
  return markOperation(describe(head ? ({ ...description, [HEAD_EXTENSION]: head } as DescribeRouteOptions) : description));
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

/** The Retry-After header of a 429 or 503, declared once in `components.headers` (api/openapi.ts). */
export const RETRY_AFTER_HEADER = { $ref: '#/components/headers/RetryAfter' };

/** A response body as the server sends it: zod's output form (defaults applied, closed objects). */
export function outputSchema(schema: ZodType) {
  return resolver(schema, { options: { io: 'output' } });
}

/**
 * A request body or query as a client sends it: zod's input form, where a field with a default
 * is optional. Its named components get an `Input` suffix (`CreateClaimInput`, `MoneyInput`), so
 * they never collide with the output form of the same schema (`Money` in a claim).
 *
 * Each default is said in the field's description rather than as `default`: generators such as
 * openapi-typescript read a `default` in a component as "always present", which is true of an
 * answer and not of a request, and would make clients send `packages` and `required` themselves.
 */
export function inputSchema(schema: ZodType) {
  const input = resolver(schema, { options: { io: 'input' } });
  return {
    ...input,
    toOpenAPISchema: async (options?: Record<string, unknown>) => {
      const { schema: converted, components } = suffixComponents(await input.toOpenAPISchema(options), 'Input');
      return { schema: defaultsDescribed(converted), components: components && defaultsDescribed(components) };
    },
  };
}

/** A converted schema (or components) with each `default` moved into its schema's description. */
function defaultsDescribed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(defaultsDescribed) as T;
  if (!value || typeof value !== 'object') return value;
  const { default: fallback, ...rest } = value as Record<string, unknown>;
  // Under `properties` (or `schemas`), keys are names, and a field may be named "default".
  const names = new Set(['properties', 'schemas', 'patternProperties', '$defs']);
  const walked = Object.fromEntries(
    Object.entries(rest).map(([key, child]) => [
      key,
      names.has(key) && child && typeof child === 'object'
        ? Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, defaultsDescribed(schema)]))
        : defaultsDescribed(child),
    ]),
  );
  if (!('default' in (value as object))) return walked as T;
  const said = `Default: \`${JSON.stringify(fallback)}\`.`;
  return { ...walked, description: typeof walked.description === 'string' ? `${walked.description} ${said}` : said } as T;
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

/** Where app.ts mounts the API: the prefix of every URL it hands out. */
export const API_PREFIX = '/api/v1';

/** The URL of a resource of the API, from its path under API_PREFIX (`/claims/clm_…`). */
export const apiUrl = (path: string) => `${API_PREFIX}${path}`;

/**
 * A 201 (RFC 9110 §15.3.2): the JSON body, and the Location header naming the resource created;
 * `where` says which URL that is.
 */
export function jsonCreated(description: string, schema: ZodType, where: string) {
  return {
    ...json(description, schema),
    headers: { Location: { description: where, required: true, schema: { type: 'string' as const, format: 'uri-reference' } } },
  };
}
