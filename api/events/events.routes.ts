import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { companyScope, requireClaimsAccess } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { badRequest } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { EventBus } from './bus.ts';
import { lastEventId, listEventsAfter } from './events.repository.ts';
import { StreamQuerySchema } from './events.schema.ts';
import type { LiveStreams } from './live.ts';

export interface StreamDeps {
  db: DB;
  bus: EventBus;
  live: LiveStreams;
  /** Comment heartbeats keep proxies from closing an idle stream. */
  heartbeatMs?: number;
}

const BATCH = 500;
const RECONNECT_HINT_MS = 3000;

export function eventsRoutes({ db, bus, live, heartbeatMs = 15_000 }: StreamDeps) {
  return new Hono().get('/', validate('query', StreamQuerySchema), async (c) => {
    const principal = c.get('principal');
    requireClaimsAccess(principal);
    const scope = companyScope(principal);
    const header = c.req.header('last-event-id');
    if (header !== undefined && !/^\d+$/.test(header.trim())) {
      throw badRequest('Last-Event-ID must be the integer id of the last event you received.');
    }
    const resumeFrom = header !== undefined ? Number(header) : c.req.valid('query').lastEventId;
    // Without a resume point the stream starts now; replaying all history is what the timeline is for.
    let cursor = resumeFrom ?? (await lastEventId(db));

    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let committedSinceRead = false;
      let wake: (() => void) | undefined;
      const unsubscribe = bus.onCommitted(() => {
        committedSinceRead = true;
        wake?.();
      });
      const forget = live.open(() => stream.abort());
      stream.onAbort(() => wake?.());
      try {
        // The opening block names the position the stream starts from: a client that drops
        // before any event arrives still reconnects with a Last-Event-ID and misses nothing.
        await stream.write(`retry: ${RECONNECT_HINT_MS}\nid: ${cursor}\n\n`);
        while (!stream.aborted) {
          // Read first, then wait: a commit landing during the read sets the flag, and the
          // loop reads again instead of sleeping past it.
          committedSinceRead = false;
          const events = await listEventsAfter(db, scope, cursor, BATCH);
          for (const event of events) {
            if (stream.aborted) break;
            await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) });
            cursor = event.id;
          }
          if (events.length === BATCH || committedSinceRead || stream.aborted) continue;
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = undefined;
          if (!woken && !stream.aborted) await stream.write(': heartbeat\n\n');
        }
      } finally {
        unsubscribe();
        forget();
      }
    });
  });
}
