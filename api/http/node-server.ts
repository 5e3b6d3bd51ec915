import http from 'node:http';
import type { Duplex } from 'node:stream';
import { malformed, Problem, problemBody } from './problem.ts';

// What Node's HTTP server does before and after the app: how long a request may take to arrive,
// what a connection says after an answer given before the request finished arriving, and how
// the requests its parser refuses are answered. api/server.ts hands these to @hono/node-server.

/**
 * REQUEST_TIMEOUT_MS by default: a whole request, body included, arrives within 15 min — a
 * 20 MiB upload (MAX_UPLOAD_BYTES) over a poor mobile link of ~200 kbit/s takes about 14.
 */

/** The request line and headers arrive within this (Node's own default), or the request timeout if shorter. */
const HEADERS_TIMEOUT_MS = 60_000;

/** Node looks for requests past their time this often by default; a shorter timeout is looked for more often. */
const DEFAULT_CHECK_INTERVAL_MS = 30_000;

/** The last answer whose headers went out on each connection. */
const answered = new WeakMap<Duplex, http.ServerResponse>();

/**
 * An answer given before a chunked request finished arriving (a 401 or a 413 while the body
 * still streams in) says `Connection: close` and closes the connection once sent. Kept alive, the
 * connection would carry the rest of that body, which the adapter discards for at most 500 ms
 * before closing it anyway — cutting whatever request the client had sent next on a connection
 * it was told stays open. A client that reads `close` sends its next request on a new one.
 * A body of a declared length is left to that discarding, as before: its end is known, the
 * connection stays usable, and a client still sending it is not cut off before it reads the answer.
 */
class ClosingWhenUnread<Request extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Request> {
  override writeHead(...args: unknown[]): this {
    if (!this.req.complete && this.req.headers['transfer-encoding'] !== undefined) this.shouldKeepAlive = false;
    if (this.socket) answered.set(this.socket, this);
    return super.writeHead(...(args as Parameters<http.ServerResponse['writeHead']>));
  }
}

/** The options of Node's HTTP server: the timeouts, and answers that close connections they cannot reuse. */
export function httpServerOptions(requestTimeoutMs: number): http.ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(DEFAULT_CHECK_INTERVAL_MS, Math.ceil(requestTimeoutMs / 4)),
    ServerResponse: ClosingWhenUnread,
  };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Answers, in the API's one error shape, what never reaches the app: requests Node's parser
 * refuses (headers over 16 KiB, bytes that are not HTTP) and requests that did not arrive in
 * time; then closes the connection. An answer already under way on the connection is not
 * interrupted by a second one: the connection is cut.
 */
export function clientErrorHandler(requestTimeoutMs: number) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const answer = answered.get(socket);
    if (!socket.writable || (answer && !answer.writableFinished)) {
      socket.destroy();
      return;
    }
    const problem = problemFor(error, requestTimeoutMs);
    const body = problemBody(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${REASONS[problem.status]}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}

function problemFor(error: NodeJS.ErrnoException, requestTimeoutMs: number): Problem {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new Problem('header-too-large', 'The request line and headers are larger than 16 KiB; send shorter headers (a token, not a cookie jar).');
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new Problem(
      'request-timeout',
      `The request did not arrive in time: its headers must arrive within ${seconds(Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs))}, ` +
        `and the whole request, body included, within ${seconds(requestTimeoutMs)} (REQUEST_TIMEOUT_MS). ` +
        'Send it again over a faster connection, or send a smaller file.',
    );
  }
  return malformed('The request is not valid HTTP/1.1; check the request line and headers.');
}

const seconds = (ms: number) => (ms >= 120_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`);
