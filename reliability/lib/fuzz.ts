import http from 'node:http';
import fc from 'fast-check';
import { IdPool, requestArbitrary, routesOf, type FuzzCase, type OpenApiDocument, type RequestContext, type Route } from './openapi-arbitraries.ts';
import { NoAnswer, sendRaw, toCurl, type RawRequest, type RawResponse, type Sent } from './raw-http.ts';

export { routesOf };

/**
 * What every answer must be, whatever was sent: never a 5xx, and every error an RFC 9457
 * problem (`application/problem+json`) with a `detail` a person can act on; a 2xx that says it
 * is JSON parses. Returns what is wrong, or null.
 */
export function judge(response: RawResponse): string | null {
  const { status } = response;
  const type = String(response.headers['content-type'] ?? '');
  const excerpt = response.body.length > 600 ? `${response.body.slice(0, 600)}…` : response.body;
  if (status >= 500) return `answered ${status}: ${excerpt || '(empty body)'}`;
  if (status < 400) {
    if (type.includes('json') && !response.streamed) {
      try {
        JSON.parse(response.body);
      } catch {
        return `answered ${status} with Content-Type ${type} but a body that is not JSON: ${excerpt}`;
      }
    }
    return null;
  }
  if (!type.toLowerCase().startsWith('application/problem+json')) return `answered ${status} with Content-Type ${JSON.stringify(type)} instead of application/problem+json: ${excerpt}`;
  let problem: { detail?: unknown };
  try {
    problem = JSON.parse(response.body) as { detail?: unknown };
  } catch {
    return `answered ${status} with a problem+json body that is not JSON: ${excerpt}`;
  }
  if (typeof problem?.detail !== 'string' || problem.detail.trim() === '') return `answered ${status} with a problem that has no detail: ${excerpt}`;
  return null;
}

/** Node's HTTP server takes a request line and headers of at most 16 KiB (--max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
/** Bodies at least this large were seen to get their keep-alive connection reset when the API answered without reading them. */
const UNREAD_BODY_BYTES = 16 * 1024;
/** A body this large is answered early (401, 413, 415…) while the client is still sending it. */
export const LARGE_BODY_BYTES = 256 * 1024;

export const headBytes = (r: RawRequest) => r.path.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

/**
 * Answers the property does not fail on unless FUZZ_STRICT=1, because the app never saw the
 * request or the transport lost its answer; each is counted and reported with an example:
 *  - `below-app <status> <type>`: answered before the app without a problem+json body (a
 *    backslash in the path, refused by @hono/node-server with an empty text/plain 400);
 *  - `reset-large-head`: no answer at all to a head over 16 KiB (the 431 was lost in a reset);
 *  - `reset-large-body`: no answer to a request with a body of 16 KiB or more: the server closed
 *    the connection (unread data and all, so with a TCP reset) while the body was being sent.
 */
export function tolerated(request: RawRequest, outcome: RawResponse | NoAnswer): string | null {
  if (outcome instanceof NoAnswer) {
    if (headBytes(request) > MAX_HEAD_BYTES) return 'reset-large-head';
    if ((request.body?.byteLength ?? 0) >= UNREAD_BODY_BYTES) return 'reset-large-body';
    return null;
  }
  // The server answers what Node's parser refuses as problem+json too: those pass the property.
  const problemJson = String(outcome.headers['content-type'] ?? '').startsWith('application/problem+json');
  if (outcome.status >= 400 && outcome.status < 500 && outcome.headers['x-request-id'] === undefined && !problemJson) {
    return `below-app ${outcome.status} ${String(outcome.headers['content-type'] ?? 'without Content-Type').split(';')[0]}`;
  }
  return null;
}

export function meaningOf(kind: string): string {
  if (kind === 'reset-large-head') return 'got no answer to a request line and headers over 16 KiB (the connection was reset before the 431 could be read)';
  if (kind === 'reset-large-body') return 'got no answer to a request with a body of 16 KiB or more (the connection was closed, unread data and all, while the body was still being sent)';
  const [, status, type] = /^below-app (\d+) (.*)$/.exec(kind) ?? [];
  return `answered ${status} (${type}) before the Hono app saw the request (by Node's HTTP parser or @hono/node-server: no X-Request-Id), not problem+json`;
}

export interface Tolerated {
  count: number;
  /** The smallest request that got it. */
  example: FuzzCase;
  outcome: string;
}

export interface RouteReport {
  route: string;
  /** Requests sent for this route, shrinking included. */
  requests: number;
  /** Answers by status code. */
  statuses: Map<number, number>;
  fiveXx: number;
  tolerated: Map<string, Tolerated>;
  /** Keep-alive connections reset after a request with an unread body (see ConnectionReset). */
  resets?: ConnectionReset;
  failure?: {
    message: string;
    /** The shrunk counterexample. */
    request: RawRequest;
    note: string;
    runs: number;
    shrinks: number;
    seed: number;
    path: string | undefined;
    /** For a lost connection: the request sent before it on the same connection. */
    previous?: RawRequest;
  };
}

export interface FuzzTarget {
  baseUrl: string;
  doc: OpenApiDocument;
  pool: IdPool;
  /** The server's log so far (stdout, a JSON line each): a 5xx's error and stack are found there by its request id. */
  serverLog: () => string;
  /** JSON bodies the API accepted while seeding, by `METHOD /template`. */
  examples?: Map<string, unknown[]>;
  /** The request sent before the current one (on the same keep-alive connection, unless it was large). */
  previous?: RawRequest;
}

/** No answer: the connection was reset or refused. The request before it went on the same keep-alive connection. */
export class ConnectionLost extends Error {
  constructor(
    message: string,
    readonly previous: RawRequest | undefined,
  ) {
    super(message);
  }
}

/** The base URL a failing case is printed against: what `npm run api` listens on by default. */
export const REPLAY_BASE = 'http://127.0.0.1:8787';

export function contextOf(target: FuzzTarget): RequestContext {
  const prefix = (target.doc.servers?.[0]?.url ?? '').replace(/\/$/, '');
  return { doc: target.doc, pool: target.pool, prefix, ...(target.examples ? { examples: target.examples } : {}), describe: (c) => `${toCurl(REPLAY_BASE, c.request)}    # ${c.note}` };
}

const size = (r: RawRequest) => headBytes(r) + (r.body?.byteLength ?? 0);


/**
 * The request that got a keep-alive connection reset: among those on it in the 1.5 s before with
 * a sizeable body answered with an error (so likely never read), the one sent closest to 500 ms
 * before — @hono/node-server gives up draining an unread body after 500 ms (its
 * DRAIN_TIMEOUT_MS) and destroys the socket; failing that, the latest with a sizeable body.
 */
function culpritOf(error: NoAnswer): (Sent & { afterMs: number }) | undefined {
  const now = Date.now();
  const sizeable = error.earlier.filter((e) => (e.request.body?.byteLength ?? 0) >= UNREAD_BODY_BYTES && now - e.at <= 1500);
  const unread = sizeable.filter((e) => e.status >= 400).sort((a, b) => Math.abs(now - a.at - 500) - Math.abs(now - b.at - 500));
  const suspect = unread[0] ?? sizeable.at(-1);
  return suspect && { ...suspect, afterMs: now - suspect.at };
}

/**
 * A keep-alive connection reset some time after a request with a body the API answered without
 * reading (the next requests on it, innocent ones, get ECONNRESET). Always a failure.
 */
export interface ConnectionReset {
  count: number;
  culprit: Sent & { afterMs: number };
  victim: FuzzCase;
  message: string;
}

function recordReset(report: RouteReport, culprit: Sent & { afterMs: number }, victim: FuzzCase, message: string): void {
  if (report.resets) report.resets.count++;
  else report.resets = { count: 1, culprit, victim, message };
}

/**
 * Fuzzes one route with fast-check: `runs` generated requests, and on a failure fast-check's
 * shrinking toward the smallest request that still fails. Bounded by `timeLimitMs`.
 */
export async function fuzzRoute(
  target: FuzzTarget,
  route: Route,
  { runs, seed, timeLimitMs, agent, strict }: { runs: number; seed: number; timeLimitMs: number; agent: http.Agent; strict: boolean },
): Promise<RouteReport> {
  const ctx = contextOf(target);
  const report: RouteReport = { route: `${route.method} ${route.path}`, requests: 0, statuses: new Map(), fiveXx: 0, tolerated: new Map() };
  const note = (kind: string, fuzzCase: FuzzCase, outcome: string) => {
    const seen = report.tolerated.get(kind);
    if (!seen) report.tolerated.set(kind, { count: 1, example: fuzzCase, outcome });
    else {
      seen.count++;
      if (size(fuzzCase.request) < size(seen.example.request)) Object.assign(seen, { example: fuzzCase, outcome });
    }
  };

  const property = fc.asyncProperty(requestArbitrary(route, ctx), async (fuzzCase: FuzzCase) => {
    report.requests++;
    const large = (fuzzCase.request.body?.byteLength ?? 0) >= LARGE_BODY_BYTES || headBytes(fuzzCase.request) > MAX_HEAD_BYTES;
    const previous = target.previous;
    target.previous = fuzzCase.request;
    let response: RawResponse;
    try {
      // A connection of its own for what may be reset, so no later request inherits the reset.
      response = await sendRaw(target.baseUrl, fuzzCase.request, { agent: large ? undefined : agent, fresh: large });
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      const culprit = culpritOf(error);
      if (culprit) {
        // Not this request's doing: an earlier one on the connection got it reset. Record that
        // one (a bug of its own, reported once per route) and ask this one again on a fresh connection.
        recordReset(report, culprit, fuzzCase, error.message);
        let again: RawResponse;
        try {
          again = await sendRaw(target.baseUrl, fuzzCase.request, { fresh: true });
        } catch (e) {
          if (!(e instanceof NoAnswer)) throw e;
          const kind = tolerated(fuzzCase.request, e);
          if (kind && !strict) return note(kind, fuzzCase, e.message);
          throw new ConnectionLost(`got no answer (${e.message}), even on a fresh connection`, undefined);
        }
        return check(fuzzCase, again);
      }
      const kind = tolerated(fuzzCase.request, error);
      if (kind && !strict) return note(kind, fuzzCase, error.message);
      throw new ConnectionLost(`got no answer (${error.message}): the server crashed, hung or cut the connection`, previous);
    }
    return check(fuzzCase, response);
  });

  async function check(fuzzCase: FuzzCase, response: RawResponse): Promise<void> {
    report.statuses.set(response.status, (report.statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) report.fiveXx++;
    const kind = tolerated(fuzzCase.request, response);
    if (kind && !strict) return note(kind, fuzzCase, `${response.status}`);
    if (response.status >= 200 && response.status < 300 && !response.streamed) {
      try {
        target.pool.harvest(route.path, JSON.parse(response.body));
      } catch {
        // judge() says what is wrong with it.
      }
    }
    const wrong = judge(response);
    if (wrong) {
      const requestId = String(response.headers['x-request-id'] ?? '');
      let logged = '';
      if (requestId && response.status >= 500) {
        // The server writes its lines in batches, at the latest 250 ms after the first.
        for (let waited = 0; waited < 1000 && !target.serverLog().includes(`[${requestId}]`); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        const log = target.serverLog();
        const at = log.indexOf(`[${requestId}]`);
        if (at >= 0) logged = `\n  server log: ${log.slice(at, at + 1500).split('\n').slice(0, 12).join('\n    ')}`;
      }
      throw new Error(`${wrong}${logged}`);
    }
  }

  const details = await fc.check(property, { seed, numRuns: runs, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false });
  if (details.failed && details.counterexample) {
    const [fuzzCase] = details.counterexample;
    report.failure = {
      message: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
      request: fuzzCase.request,
      note: fuzzCase.note,
      runs: details.numRuns,
      shrinks: details.numShrinks,
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      ...(details.errorInstance instanceof ConnectionLost && details.errorInstance.previous ? { previous: details.errorInstance.previous } : {}),
    };
  }
  return report;
}
