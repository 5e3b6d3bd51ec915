import type { Hono } from 'hono';
import { generateSpecs, type GenerateSpecOptions } from 'hono-openapi';
import { PROBLEM_TYPE_BASE, PROBLEMS } from '../domain/problems.ts';
import { API_PREFIX, HEAD_EXTENSION, outputSchema, problem, RETRY_AFTER_HEADER, shared, type HeadDescription, type SharedResponse, type Tag } from './http/describe.ts';
import { ContentTooLargeSchema, MethodNotAllowedSchema, RateLimitedSchema } from './http/problem.schema.ts';

// The OpenAPI document, generated from the routes. Each route declares where it is defined what
// it takes (its validators) and what it answers (`describeRoute`); the middleware in front of it
// adds what it answers (`authenticate` the 401, the limiters the 429, `allow` the 403 and the
// security). hono-openapi's generateSpecs walks the routes and merges those; this file adds the
// answers that follow from the shape of each operation, declared once in components.responses.

export type OpenApiDocument = Awaited<ReturnType<typeof generateSpecs>> & { 'x-unmatched-responses': Record<string, object> };

const TAGS: Record<Tag, string> = {
  Claims: 'Opening, listing, reading and moving claims through their lifecycle.',
  Documents: 'Each claim’s checklist of documents: uploads (streamed, typed from their bytes; resumable over a dropping connection with tus), downloads, the handler’s review, requests and waivers.',
  Chat: 'Each claim’s conversation between the company’s users and the claims handler: messages, read receipts, typing.',
  Notifications: 'What needs each user on the company’s claims, in the customer area and (by their choice) by email: listed, pushed live, marked read.',
  'Live stream': 'Server-sent events: every change, live and replayable from the last id received.',
  Users: 'The caller, the company’s users with their claims access and notification channel, the company’s default channel, and users synced by the host backend.',
  Integration: 'What an ERP or back office uses: company API keys (one company, chosen scopes), the exchange of a company key for its users’ widget tokens (POST /tokens), webhooks, and the token issuers the operator trusts (/token-issuers).',
  Analytics: 'For the claims team: volumes, times, money recovered, deadlines, carriers and handlers over a period, from read models the event log keeps.',
  Meta: 'Liveness and readiness (for load balancers), this document, and the operator’s help contact.',
};

const SHARED_RESPONSES: Record<SharedResponse, object> = {
  InvalidRequest: problem(
    'The request is not valid: the body or query string breaks its schema (each field named in `errors`), the query string names a parameter the operation does not take (each named in `errors`; `detail` lists those it takes), the body is not JSON, or a path segment contains NUL.',
  ),
  Unauthorized: {
    ...problem('Missing or invalid credentials: no token or API key, a wrong API key, or a token that is malformed, expired or badly signed.'),
    headers: {
      'WWW-Authenticate': {
        description: 'How to authenticate: `Bearer`; `Bearer error="invalid_token"` for a token that cannot be used; `ApiKey realm="claimdesk", Bearer` after a wrong X-Api-Key.',
        required: true,
        schema: { type: 'string' },
      },
    },
  },
  NotFound: problem('Nothing here: a path segment is not valid percent-encoded UTF-8, or no route has this path.'),
  ContentTooLarge: problem(
    'The request carries a body over MAX_JSON_BYTES (1 MiB by default), whatever the operation: refused as soon as that is known, before the body is read.',
    ContentTooLargeSchema,
  ),
  UnsupportedMediaType: problem('The body is not sent as JSON: send Content-Type: application/json (or any +json type).'),
  TooManyRequests: {
    ...problem(
      'Rate limited: too many failed authentications from the client’s address (then every request from it until the minute ends), or, for POST, PUT, PATCH and DELETE, too many writes from the user or the address.',
      RateLimitedSchema,
    ),
    headers: { 'Retry-After': RETRY_AFTER_HEADER },
  },
  InternalServerError: problem(
    'Something failed on the server’s side (a database that cannot be reached, say); `detail` names the request id it was logged under. Bad input is never a 5xx.',
  ),
  ServiceUnavailable: {
    ...problem('The server is shutting down: retry after Retry-After seconds (another instance, or this one restarted, will answer).'),
    headers: { 'Retry-After': RETRY_AFTER_HEADER },
  },
};

/** What a request no operation takes is answered, whatever the credentials (api/http/known-routes.ts). */
const UNMATCHED = {
  400: shared('InvalidRequest'),
  404: shared('NotFound'),
  405: {
    ...problem('The path exists but does not take this method.', MethodNotAllowedSchema),
    headers: { Allow: { description: 'The methods the path takes.', required: true, schema: { type: 'string' } } },
  },
};

const DESCRIPTION = `Claims management (gestión de siniestros) for shipping customers.

Generated from the API's routes: each operation lists every status it can answer. Errors are application/problem+json (RFC 9457) with a \`detail\` a person can act on, and \`errors: [{ field, message }]\` for invalid input.
Requests that no operation takes are answered the same whatever the credentials (see \`x-unmatched-responses\`): 404 for a path no route has, 405 with Allow for a method the path does not take, 400 for a path that contains NUL.

Each problem's \`type\` is ${PROBLEM_TYPE_BASE}<code>, one code per kind of problem, stable: tell problems apart by it (a client shows its own words for each), never by \`title\` or \`detail\`, which are English for developers.

| code | status | title |
| --- | --- | --- |
${Object.entries(PROBLEMS)
  .map(([code, { status, title }]) => `| \`${code}\` | ${status} | ${title} |`)
  .join('\n')}`;

type Operation = {
  parameters?: Array<{ in?: string; name?: string } | { $ref: string }>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
};

/** The document for `api` (the app mounted at /api/v1). */
export async function buildOpenApiDocument(api: Hono<any, any, any>): Promise<OpenApiDocument> {
  const document = await generateSpecs(api, {
    documentation: {
      info: {
        title: 'Claimdesk API',
        version: '1',
        description: DESCRIPTION,
        contact: { name: 'Claimdesk', url: 'https://claimdesk.dev' },
        // package.json names no licence (the package is private): an SPDX reference of our own.
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      servers: [{ url: API_PREFIX, description: 'This server.' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'A user JWT, signed one of three ways. By the host backend: HS256 with the shared CLAIMS_JWT_SECRET (no `iss`), or ES256, EdDSA or RS256 with a key of the configured JWKS (CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE; `iss` = CLAIMS_TOKEN_ISSUER, `kid` naming the key). By an issuer the operator trusts as data (POST /token-issuers; `iss` naming it): a company-bound issuer signs for that company’s admins and members only, never a claims handler or another company’s user. Or by Claimdesk itself, exchanged for a company API key with the tokens:issue scope (POST /tokens; `iss` claimdesk:exchange): that company’s admins and members only, refused once the key is revoked. `exp` is required and at most CLAIMS_TOKEN_MAX_LIFETIME (default 1 hour) ahead; `aud` must contain CLAIMS_TOKEN_AUDIENCE when it is set.',
          },
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Key',
            description:
              'For server-to-server calls: the operator’s CLAIMS_API_KEY (every company), or a company API key (`cdk_…`, created by the company’s administrators: that company only, within its scopes).',
          },
        },
        headers: {
          RetryAfter: { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', minimum: 0 } },
        },
        responses: SHARED_RESPONSES,
      },
    } as GenerateSpecOptions['documentation'],
    // Every /openapi.json looks like a static file to hono-openapi; there are none under /api/v1.
    excludeStaticFile: false,
    // The 400 of a validating operation is the shared InvalidRequest, added below.
    defaultValidationErrorResponse: false,
  });

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      completeOperation(`${method.toUpperCase()} ${path}`, operation);
    }
    const operations = item as Record<string, Operation & { [HEAD_EXTENSION]?: HeadDescription }>;
    const head = operations.get?.[HEAD_EXTENSION];
    if (head) {
      delete operations.get![HEAD_EXTENSION];
      operations.head = headOf(operations.get!, head, SHARED_RESPONSES);
    }
  }
  // An extension, not components: no operation answers these, and linters flag components that
  // no operation uses. The response checker of the API tests reads them from here.
  return { ...document, 'x-unmatched-responses': await resolveResponses(UNMATCHED) };
}

/** The responses with their zod schemas converted, as generateSpecs does for the operations'. */
async function resolveResponses(responses: Record<string, object>): Promise<Record<string, object>> {
  const resolved: Record<string, object> = {};
  for (const [status, response] of Object.entries(responses)) {
    if (!('content' in response)) {
      resolved[status] = response;
      continue;
    }
    const content: Record<string, object> = {};
    for (const [type, media] of Object.entries(response.content as Record<string, { schema: ReturnType<typeof outputSchema> }>)) {
      content[type] = { ...media, schema: (await media.schema.toOpenAPISchema()).schema };
    }
    resolved[status] = { ...response, content };
  }
  return resolved;
}

/** What only a GET takes and answers: HEAD describes the whole representation (RFC 9110 §14.2). */
const RANGE_PARAMETERS = new Set(['Range', 'If-Range']);
const RANGE_STATUSES = new Set(['206', '416']);

/**
 * The HEAD a GET names (RouteDescription.head): the GET's parameters, security and answers, with
 * their headers and without their bodies, less what only a Range makes.
 */
function headOf(get: Operation, head: HeadDescription, shared: Record<string, object>): Operation {
  const bodiless = (response: unknown) => {
    const name = (response as { $ref?: string }).$ref?.match(/^#\/components\/responses\/(.+)$/)?.[1];
    const { content: _body, ...rest } = (name ? shared[name] : response) as { content?: unknown };
    return rest;
  };
  return {
    ...get,
    ...head,
    parameters: get.parameters?.filter((parameter) => !('name' in parameter && RANGE_PARAMETERS.has(parameter.name ?? ''))),
    responses: Object.fromEntries(
      Object.entries(get.responses ?? {})
        .filter(([status]) => !RANGE_STATUSES.has(status))
        .map(([status, response]) => [status, bodiless(response)]),
    ),
  };
}

/** Adds the answers that follow from the operation's shape, unless the route declared its own. */
function completeOperation(name: string, operation: Operation): void {
  const responses = (operation.responses ??= {});
  const add = (status: number, response: SharedResponse) => {
    responses[status] ??= shared(response);
  };
  const takes = (where: string) => operation.parameters?.some((parameter) => 'in' in parameter && parameter.in === where) ?? false;
  const hasBody = operation.requestBody !== undefined;

  // Every operation refuses a query parameter it does not take (api/http/query-parameters.ts).
  add(400, 'InvalidRequest');
  if (takes('path')) add(404, 'NotFound');
  // The body limit (api/http/body-limit.ts) bounds every request, before routing.
  add(413, 'ContentTooLarge');
  if (hasBody) add(415, 'UnsupportedMediaType');
  // The app's error handler answers any failure it did not expect (api/app.ts), and server.ts
  // every request while it drains.
  add(500, 'InternalServerError');
  add(503, 'ServiceUnavailable');

  const authenticated = '401' in responses;
  if (authenticated && !operation.security?.length) {
    throw new Error(`${name} is behind authenticate but names no caller rule: put allow(CALLERS.…) in front of its validator.`);
  }
  if (!authenticated) operation.security = [];
  // Integer-like keys iterate in ascending order: the statuses read 200, 201, 400, 401, …
  operation.responses = Object.fromEntries(Object.entries(responses));
}
