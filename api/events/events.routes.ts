import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import { describeRoute, problem } from '../http/describe.ts';
import { badRequest } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { viewerOf } from './audience.ts';
import { StreamQuerySchema } from './events.schema.ts';
import type { LiveFeed } from './feed.ts';
import { SseConnection } from './sse-connection.ts';

/**
 * Where a stream resumes: the `Last-Event-ID` header, else the `lastEventId` query parameter
 * (for clients that cannot set headers). Empty or absent: from now. Anything but a safe
 * non-negative integer is refused, so a client never stores an id the server cannot take back.
 */
export function parseLastEventId(raw: string | undefined): number | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const id = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw badRequest(
      `Last-Event-ID must be the integer id of the last event you received (0 to ${Number.MAX_SAFE_INTEGER}); leave it empty to start from now.`,
      { errors: [{ field: 'Last-Event-ID', message: 'must be a non-negative integer' }] },
    );
  }
  return id;
}

const DESCRIPTION = `Server-sent events. Each message has the event-log id as \`id\`, the type as \`event\` and the event as JSON \`data\`:
a ClaimEvent (\`claim.created\`, \`claim.accepted\`, \`claim.declined\`, \`claim.transitioned\`) for the claim's company and staff,
a UserEvent (\`user.updated\`: settings, and a role, name, email or language the host changed) for that user and the company's admins, and \`reset\` (\`{ lastEventId }\`) when Last-Event-ID is ahead of the log.
The first block is \`retry: 3000\` and the current \`id\`; a \`: heartbeat\` comment follows every 15 s.
Send Last-Event-ID (or the lastEventId query parameter) to replay what you missed, each event once and in order.
The stream ends at the token's exp, when the user loses claims access or their role changes (after the user.updated that says so; reconnect with a token of the new role), when the user opens more than MAX_STREAMS_PER_USER streams (the oldest ends), and at shutdown.`;

export function eventsRoutes(feed: LiveFeed) {
  return new Hono().get(
    '/',
    describeRoute({
      operationId: 'streamEvents',
      tags: ['Live stream'],
      summary: 'Live stream of claim and user events (server-sent events)',
      description: DESCRIPTION,
      parameters: [
        {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description: 'The id of the last event received; empty or absent starts from now. Takes precedence over lastEventId.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: {
          description: 'An event stream, open until one of the ends above.',
          headers: {
            'Cache-Control': { description: '`no-cache`.', schema: { type: 'string' } },
            'X-Accel-Buffering': { description: '`no`: proxies must not buffer the stream.', schema: { type: 'string' } },
          },
          content: { 'text/event-stream': { schema: { type: 'string', description: 'A text/event-stream (WHATWG HTML, server-sent events).' } } },
        },
        400: problem(`Last-Event-ID is not a non-negative integer up to ${Number.MAX_SAFE_INTEGER}, or the query string is invalid.`),
      },
    }),
    allow(CALLERS.claimsReader),
    validate('query', StreamQuerySchema),
    async (c) => {
      const caller = c.var.caller;
      const resumeFrom = parseLastEventId(c.req.header('last-event-id') ?? c.req.valid('query').lastEventId);
      const expiresAt = caller.kind === 'user' ? caller.tokenExpiresAt * 1000 : null;
      const stream = new SseConnection(viewerOf(caller), expiresAt);
      feed.attach(stream, resumeFrom).catch((error: unknown) => {
        // The client reconnects with its last id and misses nothing.
        console.error('live stream: could not attach', error);
        stream.end('shutdown');
      });
      return c.body(stream.body, 200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
    },
  );
}
