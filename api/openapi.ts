import { z, type ZodType } from 'zod';
import {
  ClaimPageSchema,
  ClaimSchema,
  CreateClaimSchema,
  DeclineSchema,
  ListClaimsQuerySchema,
  TransitionSchema,
} from './claims/claims.schema.ts';
import { ClaimEventListSchema, StreamQuerySchema } from './events/events.schema.ts';
import { MeSchema, SyncUserSchema, UpdateUserSchema, UserListSchema } from './users/users.schema.ts';

type Auth = 'none' | 'user' | 'apiKey' | 'userOrApiKey';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono path syntax (`:id`); converted to OpenAPI `{id}`. */
  path: string;
  summary: string;
  description?: string;
  auth: Auth;
  query?: ZodType;
  body?: ZodType;
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}

const problem = (description: string) => ({ description, contentType: 'application/problem+json' });

/** Every route of the API, described from the same zod schemas that validate it. */
export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/health', summary: 'Liveness check', auth: 'none', responses: { 200: { description: 'The API is up.' } } },
  { method: 'get', path: '/openapi.json', summary: 'This document', auth: 'none', responses: { 200: { description: 'OpenAPI 3.1 document.' } } },
  { method: 'get', path: '/me', summary: 'The user behind the token', auth: 'user', responses: { 200: { description: 'The caller.', schema: MeSchema } } },
  {
    method: 'post', path: '/claims', summary: 'Open a claim (idempotent on company.id + externalRef)', auth: 'userOrApiKey',
    description: 'For the host backend (X-Api-Key) or a handler. Repeating the same company.id and externalRef returns the claim already opened, with 200.',
    body: CreateClaimSchema,
    responses: { 201: { description: 'Opened.', schema: ClaimSchema }, 200: { description: 'Already opened for this externalRef.', schema: ClaimSchema }, 400: problem('Invalid body.'), 403: problem('Not a handler or the host backend.') },
  },
  {
    method: 'get', path: '/claims', summary: 'List claims, newest first', auth: 'userOrApiKey', query: ListClaimsQuerySchema,
    description: 'Customers see their company’s claims; handlers and the host backend see all. Pass nextCursor as cursor for the next page.',
    responses: { 200: { description: 'A page.', schema: ClaimPageSchema }, 403: problem('No claims access.') },
  },
  { method: 'get', path: '/claims/:id', summary: 'One claim', auth: 'userOrApiKey', responses: { 200: { description: 'The claim.', schema: ClaimSchema }, 404: problem('Not found or not visible.') } },
  {
    method: 'post', path: '/claims/:id/accept', summary: 'Accept handling the claim (customer)', auth: 'user',
    responses: { 200: { description: 'Moved to documentation.', schema: ClaimSchema }, 409: problem('Not in notified.') },
  },
  {
    method: 'post', path: '/claims/:id/decline', summary: 'Decline the claim with a reason (customer)', auth: 'user', body: DeclineSchema,
    responses: { 200: { description: 'Declined.', schema: ClaimSchema }, 409: problem('Not in notified.') },
  },
  {
    method: 'post', path: '/claims/:id/transitions', summary: 'Move a claim to its next phase (handler)', auth: 'user', body: TransitionSchema,
    responses: { 200: { description: 'Moved.', schema: ClaimSchema }, 409: problem('The move does not exist from the current status.') },
  },
  { method: 'get', path: '/claims/:id/events', summary: 'The claim’s timeline, oldest first', auth: 'userOrApiKey', responses: { 200: { description: 'Events.', schema: ClaimEventListSchema } } },
  {
    method: 'get', path: '/events', summary: 'Live stream of claim events (server-sent events)', auth: 'userOrApiKey', query: StreamQuerySchema,
    description: 'Each message has the event-log id as `id`, the event type as `event` and a ClaimEvent as JSON `data`. Send `Last-Event-ID` (or `lastEventId`) to replay what you missed. A `: heartbeat` comment arrives every 15 s.',
    responses: { 200: { description: 'An event stream.', contentType: 'text/event-stream' } },
  },
  { method: 'get', path: '/users', summary: 'The company’s users (admin)', auth: 'user', responses: { 200: { description: 'Users.', schema: UserListSchema } } },
  { method: 'patch', path: '/users/:id', summary: 'Grant claims access or set notifications (admin)', auth: 'user', body: UpdateUserSchema, responses: { 200: { description: 'Updated.', schema: MeSchema } } },
  {
    method: 'put', path: '/companies/:companyId/users/:userId', summary: 'Sync a user from the host (API key)', auth: 'apiKey', body: SyncUserSchema,
    responses: { 201: { description: 'Created.', schema: MeSchema }, 200: { description: 'Updated.', schema: MeSchema } },
  },
];

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  user: [{ bearer: [] }],
  apiKey: [{ apiKey: [] }],
  userOrApiKey: [{ bearer: [] }, { apiKey: [] }],
};

function schemaRef(schema: ZodType, io: 'input' | 'output') {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}${io === 'input' ? 'Input' : ''}` };
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export function buildOpenApiDocument() {
  const registry = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}${io === 'input' ? 'Input' : ''}` }).schemas;
  const schemas: Record<string, unknown> = { ...registry('output') };
  for (const [id, schema] of Object.entries(registry('input'))) schemas[`${id}Input`] = schema;
  schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details.',
    properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } },
    required: ['type', 'title', 'status', 'detail'],
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const json = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: 'query', required: json.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const contentType = response.contentType ?? 'application/json';
      const schema = response.schema ? schemaRef(response.schema, 'output') : contentType === 'application/problem+json' ? { $ref: '#/components/schemas/Problem' } : {};
      responses[status] = { description: response.description, content: { [contentType]: { schema } } };
    }
    if (route.auth !== 'none') {
      responses['401'] ??= { description: 'Missing or invalid credentials.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      security: SECURITY[route.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(route.body, 'input') } } } } : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Claimdesk API',
      version: '1',
      description: 'Claims management (gestión de siniestros) for shipping customers. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 JWT signed by the host backend with CLAIMS_JWT_SECRET.' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'CLAIMS_API_KEY, for server-to-server calls.' },
      },
      schemas,
    },
    paths,
  };
}
