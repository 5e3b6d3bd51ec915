import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';

/**
 * A load balancer for tests that need several API processes behind one address: a plain
 * node:http reverse proxy that sends each request to the next upstream in turn (request 1 to the
 * first, request 2 to the second, …, whatever connection it came on), so a test knows which
 * process answers which request without asking.
 *
 * It forwards the method, the path and query, the headers (Host as the client sent it; less the
 * hop-by-hop ones, which belong to each connection) and the body, streamed both ways: an upload is not held in memory,
 * and a `text/event-stream` answer stays open, each event passed on as it comes, until either
 * side ends it. Like a real balancer it appends the client's address to `X-Forwarded-For`, so
 * API processes started with `TRUST_PROXY=1` count that address; `clientAddress` lets a test
 * choose it per request.
 *
 * Like a balancer's passive health check, an upstream that refuses a connection (its process is
 * gone) is left out of the turn for `downForMs`; a request without a body that it refused is sent
 * to the next upstream instead, so a client reconnecting its event stream reaches a live process.
 * A request with a body is not sent twice: it gets a `502` in plain text, as when every upstream
 * refuses.
 */
export interface RoundRobinProxy {
  /** Where clients send their requests, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** How many requests each upstream was sent so far, in the order the upstreams were given. */
  readonly sent: readonly number[];
  /** Stops listening and cuts every connection still open, event streams included. */
  close(): Promise<void>;
}

export interface RoundRobinProxyOptions {
  /**
   * The client address appended to X-Forwarded-For; by default the socket's peer (127.0.0.1 in
   * tests). A test playing several clients can read a header of its own here, e.g.
   * `(request) => String(request.headers['x-test-client'])`.
   */
  clientAddress?: (request: IncomingMessage) => string;
  /** How long an upstream that refused a connection is left out of the turn (default 2 s). */
  downForMs?: number;
}

/** Connection errors that mean nothing reached the upstream's app: safe to try another with a bodiless request. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH']);

/** Headers that describe one connection, not the message: a proxy never passes them on (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Starts the proxy on a free port of 127.0.0.1 in front of `upstreams` (base URLs such as `http://127.0.0.1:8787`). */
export async function startRoundRobinProxy(upstreams: readonly string[], { clientAddress, downForMs = 2000 }: RoundRobinProxyOptions = {}): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('startRoundRobinProxy needs at least one upstream URL');
  const targets = upstreams.map((upstream) => new URL(upstream));
  const sent = targets.map(() => 0);
  // Kept-alive connections to the upstreams, as a balancer pools them.
  const agent = new http.Agent({ keepAlive: true });
  let turn = 0;
  const downUntil = targets.map(() => 0);
  /** The next upstream in turn that is not down, or, when all are, the next in turn. */
  const nextUpstream = () => {
    for (let tries = 0; tries < targets.length; tries++) {
      const index = turn++ % targets.length;
      if (downUntil[index]! <= Date.now()) return index;
    }
    return turn++ % targets.length;
  };

  const server = http.createServer((request, response) => {
    const client = clientAddress?.(request) ?? request.socket.remoteAddress ?? 'unknown';
    const forwardedFor = request.headers['x-forwarded-for'];
    const headers = { ...withoutHopByHop(request.headers), 'x-forwarded-for': forwardedFor ? `${String(forwardedFor)}, ${client}` : client };
    const bodiless = request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined;
    forward(nextUpstream(), 1);

    function forward(index: number, attempt: number): void {
      sent[index]! += 1;
      const target = targets[index]!;
      const upstreamRequest = http.request(
        {
          agent,
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: `${target.pathname.replace(/\/$/, '')}${request.url ?? '/'}`,
          headers,
        },
        (upstreamResponse) => {
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.statusMessage, withoutHopByHop(upstreamResponse.headers));
          // Each chunk goes out as it arrives; a client that leaves ends the upstream request too.
          response.flushHeaders();
          pipeline(upstreamResponse, response, () => {});
        },
      );
      upstreamRequest.on('error', (error: NodeJS.ErrnoException) => {
        if (!UNREACHABLE.has(error.code ?? '') || response.headersSent) return answerUnreachable(response, target, error);
        downUntil[index] = Date.now() + downForMs;
        if (bodiless && attempt < targets.length) return forward(nextUpstream(), attempt + 1);
        answerUnreachable(response, target, error);
      });
      // Not pipeline(): an upstream that fails would destroy the client's request with it, and the
      // socket the 502 goes out on.
      request.on('error', () => upstreamRequest.destroy());
      if (bodiless) upstreamRequest.end();
      else request.pipe(upstreamRequest);
      response.on('close', () => {
        if (!response.writableFinished) upstreamRequest.destroy();
      });
    }
  });
  // A client that sends what node:http cannot parse gets the connection closed, not a crash.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

/** The headers less the hop-by-hop ones, and less those the Connection header names as such. */
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.includes(name)));
}

function answerUnreachable(response: ServerResponse, target: URL, error: Error): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`The proxy could not reach ${target.origin}: ${error.message}\n`);
}
