import { Hono } from 'hono';
import { EVENT_TYPES, SIGNAL_TYPES, type SignalType } from '../../domain/constants.ts';
import { EVENT_FAMILIES, EVENT_MEANINGS, eventFamilyOf, SIGNAL_MEANINGS, type EventFamily } from '../../domain/events.ts';
import { allow, CALLERS, type Principal } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { describeRoute, outputSchema, problem } from '../http/describe.ts';
import { directBody } from '../http/direct-body.ts';
import { badRequest } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { viewerOf } from './audience.ts';
import { readChangeFeed } from './events.repository.ts';
import { EventPageSchema, EventsQuerySchema } from './events.schema.ts';
import type { LiveFeed } from './feed.ts';
import { SseConnection } from './sse-connection.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';

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

/** A markdown table of the vocabulary: the stream's description names every event and signal from domain/events.ts. */
function table(rows: Array<[string, string, string]>): string {
  return ['| name | shape | meaning |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const SCHEMA_OF: Record<EventFamily, string> = { claim: 'ClaimEvent', user: 'UserEvent', company: 'CompanyEvent' };

const EVENTS_TABLE = table(EVENT_TYPES.map((type) => [`\`${type}\``, SCHEMA_OF[eventFamilyOf(type)], EVENT_MEANINGS[type]]));

const AUDIENCES = Object.entries(EVENT_FAMILIES)
  .map(([family, { audience }]) => `${SCHEMA_OF[family as EventFamily]}s are shown to ${audience}.`)
  .join(' ');

const SIGNAL_SHAPES: Record<SignalType, string> = {
  typing: '`{ claimId, companyId, user: { id, name, kind }, at }`',
  notification: 'Notification',
  'notifications-read': '`{ ids, unread }`',
  reset: '`{ lastEventId }`',
};

const SIGNALS_TABLE = table(SIGNAL_TYPES.map((type) => [`\`${type}\``, SIGNAL_SHAPES[type], SIGNAL_MEANINGS[type]]));

const DESCRIPTION = `Every change the caller may see, as a live stream of server-sent events or as JSON pages of a change feed to poll. Which one answers:

- **Change feed (\`application/json\`)** when the request names \`after\`, or sends \`Accept: application/json\` without \`text/event-stream\` (then \`after\` is 0). An EventPage: the events after \`after\` that the caller may see, oldest first, at most \`limit\` (default 100, at most 500), each exactly as the stream sends it. Poll again with \`after\` = \`nextAfter\`, at once while \`hasMore\`; each event comes once and in order. An \`after\` ahead of the log answers an empty page with \`reset: true\` and the end of the log as \`nextAfter\`, as the stream answers \`reset\`. Signals are not stored, so the feed has none.
- **Live stream (\`text/event-stream\`)** otherwise: with \`Accept: text/event-stream\` (what EventSource sends), \`*/*\`, or no Accept. Each message has the event-log id as \`id\`, the type as \`event\` and the event as JSON \`data\`. The first block is \`retry: 3000\` and the current \`id\`; a \`: heartbeat\` comment follows every 15 s. Send Last-Event-ID (or the lastEventId query parameter) to replay what you missed, each event once and in order. The stream ends at the token's exp, when the user loses claims access or their role changes (after the user.updated that says so; reconnect with a token of the new role), when the user opens more than MAX_STREAMS_PER_USER streams (the oldest ends), within 15 s of the revocation of the company API key it was opened with (or that its token was exchanged for, POST /tokens), within 45 s of the removal of the trusted issuer (DELETE /token-issuers/{id}) that signed its token or of the key that signed it from its key set (once the set is fetched again), and at shutdown.

Both show the caller the same events. ${AUDIENCES}

Events (stream and feed):

${EVENTS_TABLE}

Signals (stream only; no \`id\` but \`reset\`'s, never replayed):

${SIGNALS_TABLE}

A client skips event and signal names it does not know: new ones are added without a new version.`;

/**
 * Whether a request asks for a page of the change feed rather than the stream: it names `after`,
 * or it accepts JSON and not an event stream. EventSource and the widget send `Accept:
 * text/event-stream`, and a client that sends no Accept, or accepts anything, gets the stream as before.
 */
function wantsPage(after: number | undefined, accept: string | undefined): boolean {
  if (after !== undefined) return true;
  const types = (accept ?? '').split(',').map((range) => range.split(';')[0]!.trim().toLowerCase());
  return types.includes('application/json') && !types.includes('text/event-stream');
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  Vary: 'Accept',
};

function refuse(field: string, message: string, detail: string): never {
  throw badRequest(detail, { errors: [{ field, message }] });
}

/**
 * What the events layer asks about a company key, which it does not know: whether it was revoked
 * since its stream opened (api/keys/), looked up every `recheckMs`. The same interval paces the
 * question to the issuer of a token that can lapse (a stored issuer removed, a key rotated out).
 */
export interface KeyRevocation {
  revoked(keyId: string): Promise<boolean>;
  recheckMs: number;
}

/**
 * Ends a stream once what it was opened with no longer holds — `lapsed` says so: a stream, unlike
 * a request, outlives the check at its start.
 */
function endWhenLapsed(stream: SseConnection, lapsed: () => Promise<boolean>, recheckMs: number, log: Logger): void {
  const timer = setInterval(() => {
    if (stream.ended) return clearInterval(timer);
    lapsed().then(
      (yes) => {
        if (yes) stream.end('access-revoked');
      },
      (error: unknown) => log.error({ err: error }, 'live stream: could not check whether its API key or token issuer still holds'),
    );
  }, recheckMs);
  timer.unref();
}

/**
 * What ends the stream of `caller` besides its token's expiry: the revocation of the company key it
 * is, or that its token was exchanged for (POST /tokens); the removal of the stored issuer that
 * vouched for its token, or of the key that signed it. Null when nothing can.
 */
function lapseOf(caller: Principal, { revoked }: KeyRevocation): (() => Promise<boolean>) | null {
  const keyId = caller.kind === 'companyKey' ? caller.keyId : caller.kind === 'user' ? caller.apiKeyId : undefined;
  const vouch = caller.kind === 'user' && caller.vouch?.mayLapse ? caller.vouch : undefined;
  if (keyId === undefined && vouch === undefined) return null;
  return async () => (keyId !== undefined && (await revoked(keyId))) || (vouch !== undefined && !(await vouch.stillVouches()));
}

export function eventsRoutes({ feed, db, keyRevocation, logger = silentLogger }: { feed: LiveFeed; db: DB; keyRevocation: KeyRevocation; logger?: Logger | undefined }) {
  const log = logger.child({ component: 'live-stream' });
  return new Hono().get(
    '/',
    describeRoute({
      operationId: 'streamEvents',
      tags: ['Live stream'],
      summary: 'Live stream (server-sent events) or change feed (JSON pages) of claim, user and company events',
      description: DESCRIPTION,
      parameters: [
        {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description: 'Stream only: the id of the last event received; empty or absent starts from now. Takes precedence over lastEventId.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: {
          description: 'The change feed’s page (application/json) or an event stream open until one of the ends above (text/event-stream), as the request chose.',
          headers: {
            'Cache-Control': { description: 'The stream: `no-cache`.', schema: { type: 'string' } },
            'X-Accel-Buffering': { description: 'The stream: `no`, proxies must not buffer it.', schema: { type: 'string' } },
            Vary: { description: '`Accept`: the same URL answers a page or a stream by it.', schema: { type: 'string' } },
          },
          content: {
            'text/event-stream': { schema: { type: 'string', description: 'A text/event-stream (WHATWG HTML, server-sent events).' } },
            'application/json': { schema: outputSchema(EventPageSchema) },
          },
        },
        400: problem(
          `Last-Event-ID is not a non-negative integer up to ${Number.MAX_SAFE_INTEGER}; after or limit is not a valid number; a page was asked with Last-Event-ID or lastEventId, or the stream with limit; or the query string is otherwise invalid.`,
        ),
      },
    }),
    allow(CALLERS.claimsReader),
    validate('query', EventsQuerySchema),
    async (c) => {
      const caller = c.var.caller;
      const query = c.req.valid('query');
      const lastEventIdHeader = c.req.header('last-event-id');
      if (wantsPage(query.after, c.req.header('accept'))) {
        if (lastEventIdHeader !== undefined || query.lastEventId !== undefined) {
          refuse(
            lastEventIdHeader !== undefined ? 'Last-Event-ID' : 'lastEventId',
            'resumes the stream, not a page',
            'Last-Event-ID and lastEventId resume the stream; a page of the change feed starts after `after`. Send one or the other.',
          );
        }
        const page = await readChangeFeed(db, viewerOf(caller), query.after ?? 0, query.limit);
        return c.json(page, 200, { Vary: 'Accept' });
      }
      if (c.req.query('limit') !== undefined) {
        refuse('limit', 'sizes a page of the change feed; the stream takes none', 'limit sizes a page of the change feed: add after=<the last id you hold> (0 for the start) to ask for one, or leave limit out for the stream.');
      }
      const resumeFrom = parseLastEventId(lastEventIdHeader ?? query.lastEventId);
      const viewer = viewerOf(caller);
      const expiresAt = caller.kind === 'user' ? caller.tokenExpiresAt * 1000 : null;
      const lapsed = lapseOf(caller, keyRevocation);
      // The writer outlives the request: it keeps the id, not the request's context.
      const requestId = c.get('requestId');
      return directBody(c, STREAM_HEADERS, (out) => {
        const stream = new SseConnection(viewer, expiresAt, out);
        if (lapsed) endWhenLapsed(stream, lapsed, keyRevocation.recheckMs, log);
        feed.attach(stream, resumeFrom).catch((error: unknown) => {
          // The client reconnects with its last id and misses nothing.
          log.error({ err: error, requestId }, 'live stream: could not attach');
          stream.end('shutdown');
        });
      });
    },
  );
}
