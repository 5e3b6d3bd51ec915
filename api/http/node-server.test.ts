import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../server.ts';
import { captureLog, expectErrorsLogged } from '../testing/log.ts';
import { API_KEY, JWT_SECRET } from '../testing/harness.ts';
import { testEngine } from '../testing/database.ts';

// What Node's HTTP server does around the app, seen on the wire: raw sockets, so that what a
// connection announces and what then happens to it are both visible.

const REQUEST_TIMEOUT_MS = 400;

let server: RunningServer;
let port: number;
const log = captureLog();

before(async () => {
  server = await startServer({
    logger: log.logger,
    port: 0,
    databaseUrl: 'sqlite::memory:',
    jwtSecret: JWT_SECRET,
    apiKey: API_KEY,
    corsOrigins: [],
    maxJsonBytes: 1024,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  port = Number(new URL(server.url).port);
});
after(() => server.close());

/** One HTTP/1.1 answer as read off a socket. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw connection: write bytes, read answers one at a time, learn whether the server closed it. */
class Connection {
  readonly #socket: net.Socket;
  #received = Buffer.alloc(0);
  #closed = false;
  #waiting: (() => void) | null = null;

  constructor() {
    this.#socket = net.connect(port, '127.0.0.1');
    this.#socket.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#waiting?.();
    });
    // A reset after the server closed is one more way of being closed.
    this.#socket.on('error', () => {});
    this.#socket.on('close', () => {
      this.#closed = true;
      this.#waiting?.();
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(text: string): void {
    if (!this.#closed) this.#socket.write(text);
  }

  /** The next whole answer (headers and a Content-Length body), or null if the connection closes first. */
  async answer(): Promise<Answer | null> {
    for (;;) {
      const parsed = this.#take();
      if (parsed) return parsed;
      if (this.#closed) return null;
      await new Promise<void>((resolve) => (this.#waiting = resolve));
    }
  }

  /** Resolves once the server has closed the connection. */
  async untilClosed(): Promise<void> {
    while (!this.#closed) await new Promise<void>((resolve) => (this.#waiting = resolve));
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #take(): Answer | null {
    const end = this.#received.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const [statusLine = '', ...lines] = this.#received.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (this.#received.length < end + 4 + length) return null;
    const body = this.#received.subarray(end + 4, end + 4 + length).toString('utf8');
    this.#received = this.#received.subarray(end + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;

describe('an answer given while the request body still arrives (chunked)', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  const CASES: Array<[what: string, headers: string, status: number]> = [
    ['401: no credentials, answered before the body is read', '', 401],
    ['413: over MAX_JSON_BYTES, found while the body is read', `X-Api-Key: ${API_KEY}\r\n`, 413],
  ];
  for (const [what, headers, status] of CASES) {
    it(`says Connection: close and closes it, or serves the next request on it (${what})`, async () => {
      const connection = new Connection();
      try {
        connection.write(`POST /api/v1/claims HTTP/1.1\r\nHost: api\r\n${headers}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        // A slow client: the body keeps coming, 200 bytes every 50 ms, well after the answer.
        let sent = 0;
        const sending = (async () => {
          for (; sent < 30 && !connection.closed; sent++) {
            connection.write(chunk('x'.repeat(200)));
            await pause(50);
          }
          connection.write('0\r\n\r\n');
        })();
        const first = await connection.answer();
        assert.equal(first?.status, status, JSON.stringify(first));
        assert.match(first.headers['content-type'] ?? '', /problem\+json/);
        await sending;
        if (first.headers.connection?.toLowerCase() === 'close') {
          // The client was told: it sends its next request on a new connection.
          await connection.untilClosed();
          return;
        }
        connection.write('GET /api/v1/health HTTP/1.1\r\nHost: api\r\n\r\n');
        const next = await connection.answer();
        assert.equal(
          next?.status,
          200,
          `The API answered ${status} with Connection: ${first.headers.connection ?? '(none)'} while the chunked body was still arriving, ` +
            `then closed it after ${sent} of the body's 30 chunks had been sent: the request sent next on it got no answer.`,
        );
      } finally {
        connection.destroy();
      }
    });
  }

  it('keeps the connection of a request whose body the API read', async () => {
    const connection = new Connection();
    try {
      const body = JSON.stringify({ not: 'a claim' });
      connection.write(
        `POST /api/v1/claims HTTP/1.1\r\nHost: api\r\nX-Api-Key: ${API_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(body)}0\r\n\r\n`,
      );
      const first = await connection.answer();
      assert.equal(first?.status, 400, 'read, then refused');
      assert.equal(first.headers.connection, 'keep-alive');
      connection.write('GET /api/v1/health HTTP/1.1\r\nHost: api\r\n\r\n');
      assert.equal((await connection.answer())?.status, 200, 'the next request on the same connection is served');
    } finally {
      connection.destroy();
    }
  });
});

describe('a revalidation answered 304', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  it('carries its ETag and neither a body nor a Content-Length, and the connection serves the next request', async () => {
    const headers = { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' };
    const opened = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        company: { id: 'wire', name: 'Wire S.L.' },
        externalRef: 'WIRE-1',
        type: 'loss',
        goods: 'parcel',
        scope: 'national',
        carrier: 'SEUR',
        trackingNumber: 'W-1',
        description: 'Paquete perdido.',
        incidentAt: '2026-11-20T09:30:00Z',
        declaredValue: { amountCents: 10_000, currency: 'EUR' },
      }),
    });
    assert.equal(opened.status, 201, await opened.clone().text());
    const { id } = (await opened.json()) as { id: string };
    const first = await fetch(`${server.url}/api/v1/claims/${id}`, { headers });
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    const connection = new Connection();
    try {
      connection.write(`GET /api/v1/claims/${id} HTTP/1.1\r\nHost: api\r\nX-Api-Key: ${API_KEY}\r\nIf-None-Match: ${etag}\r\n\r\n`);
      const unchanged = await connection.answer();
      assert.equal(unchanged?.status, 304);
      assert.equal(unchanged.headers.etag, etag);
      // RFC 9110 §8.6: a 304 may only state the length of the 200 it stands for, which 0 is not.
      assert.equal(unchanged.headers['content-length'], undefined, JSON.stringify(unchanged.headers));
      assert.equal(unchanged.headers['transfer-encoding'], undefined);
      connection.write('GET /api/v1/health HTTP/1.1\r\nHost: api\r\n\r\n');
      const next = await connection.answer();
      assert.equal(next?.status, 200, 'no stray bytes after the 304: the next answer on the connection is whole');
      assert.match(next.body, /ok|status/);
    } finally {
      connection.destroy();
    }
  });
});

describe('a request that does not arrive within REQUEST_TIMEOUT_MS', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  it('is answered 408 as problem+json, naming the setting, and its connection closed', { timeout: 30_000 }, async () => {
    const connection = new Connection();
    try {
      // An upload that stalls a tenth of the way through its body.
      connection.write(`POST /api/v1/claims HTTP/1.1\r\nHost: api\r\nX-Api-Key: ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
      connection.write('{"description":"');
      // The handler still reading the body learns, once the connection closed, that it was
      // aborted: app.ts logs that, as it logs every request that ends in an error.
      await expectErrorsLogged(log, [/POST \/api\/v1\/claims Error: aborted/], async () => {
        const answer = await connection.answer();
        assert.equal(answer?.status, 408, JSON.stringify(answer));
        assert.equal(answer.headers['content-type'], 'application/problem+json');
        assert.equal(answer.headers.connection, 'close');
        const problem = JSON.parse(answer.body) as { status: number; title: string; detail: string };
        assert.equal(problem.status, 408);
        assert.equal(problem.title, 'Request timeout');
        assert.match(problem.detail, /within 0\.4 s \(REQUEST_TIMEOUT_MS\)/);
        await connection.untilClosed();
      });
    } finally {
      connection.destroy();
    }
  });

  it('is 408 too when its headers never end', { timeout: 30_000 }, async () => {
    const connection = new Connection();
    try {
      connection.write('GET /api/v1/health HTTP/1.1\r\nHost: api\r\n');
      const answer = await connection.answer();
      assert.equal(answer?.status, 408, JSON.stringify(answer));
      await connection.untilClosed();
    } finally {
      connection.destroy();
    }
  });

  it('leaves the server serving', async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    assert.equal(res.status, 200);
  });
});
