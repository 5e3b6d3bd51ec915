import { Hono } from 'hono';
import { requireClaimsAccess } from '../auth/principal.ts';
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

export function eventsRoutes(feed: LiveFeed) {
  return new Hono().get('/', validate('query', StreamQuerySchema), async (c) => {
    const principal = c.get('principal');
    requireClaimsAccess(principal);
    const resumeFrom = parseLastEventId(c.req.header('last-event-id') ?? c.req.valid('query').lastEventId);
    const expiresAt = principal.kind === 'user' ? principal.tokenExpiresAt * 1000 : null;
    const stream = new SseConnection(viewerOf(principal), expiresAt);
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
  });
}
