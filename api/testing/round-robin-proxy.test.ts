import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testEngine } from './database.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';

/** An upstream that answers what it received, or opens an event stream on /stream that the test writes to. */
async function startUpstream(name: string) {
  let stream: ServerResponse | undefined;
  let streamOpened!: () => void;
  const opened = new Promise<void>((resolve) => (streamOpened = resolve));
  let streamClosed!: () => void;
  const closed = new Promise<void>((resolve) => (streamClosed = resolve));
  const server = http.createServer(async (request: IncomingMessage, response) => {
    if (request.url === '/stream') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write('data: first\n\n');
      stream = response;
      response.on('close', streamClosed);
      streamOpened();
      return;
    }
    let body = '';
    for await (const chunk of request) body += chunk;
    response.writeHead(201, { 'Content-Type': 'application/json', 'X-Upstream': name, Connection: 'close' });
    response.end(JSON.stringify({ method: request.method, url: request.url, forwardedFor: request.headers['x-forwarded-for'], custom: request.headers['x-custom'], body }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves once a stream is open, with a function that writes an event to it. */
    stream: () => opened.then(() => (data: string) => stream!.write(`data: ${data}\n\n`)),
    streamClosed: closed,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('the round-robin proxy', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  let upstreams: Awaited<ReturnType<typeof startUpstream>>[];
  let proxy: RoundRobinProxy;
  before(async () => {
    upstreams = await Promise.all([startUpstream('a'), startUpstream('b')]);
    proxy = await startRoundRobinProxy(upstreams.map((u) => u.url), { clientAddress: (request) => String(request.headers['x-test-client'] ?? '192.0.2.99') });
  });
  after(async () => {
    await proxy.close();
    await Promise.all(upstreams.map((u) => u.close()));
  });

  it('sends each request to the next upstream, with its method, path, headers and body, and the client in X-Forwarded-For', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.url}/api/v1/things?page=${i}`, {
        method: 'POST',
        headers: { 'X-Custom': `value ${i}`, 'X-Test-Client': `198.51.100.${i}`, 'X-Forwarded-For': '203.0.113.5' },
        body: `body ${i}`,
      });
      assert.equal(res.status, 201);
      answers.push({ upstream: res.headers.get('x-upstream'), connection: res.headers.get('connection'), ...((await res.json()) as object) });
    }
    assert.deepEqual(answers.map((a) => a.upstream), ['a', 'b', 'a', 'b']);
    assert.deepEqual(proxy.sent, [2, 2]);
    assert.deepEqual(answers[1], {
      upstream: 'b',
      // The upstream's Connection: close is its connection's, not the client's.
      connection: 'keep-alive',
      method: 'POST',
      url: '/api/v1/things?page=1',
      forwardedFor: '203.0.113.5, 198.51.100.1',
      custom: 'value 1',
      body: 'body 1',
    });
  });

  it('keeps an event stream open, passing each event on as it comes, and ends it upstream when the client leaves', async () => {
    const upstream = upstreams[proxy.sent[0]! > proxy.sent[1]! ? 1 : 0]!;
    const res = await fetch(`${proxy.url}/stream`);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const receive = async (event: string) => {
      while (!received.includes(event)) {
        const { value, done } = await reader.read();
        if (done) assert.fail(`the stream ended before "${event.trim()}"; it carried: ${JSON.stringify(received)}`);
        received += value;
      }
    };
    await receive('data: first\n\n');
    (await upstream.stream())('second');
    // Written only after the first arrived: the stream passes events on while it stays open.
    await receive('data: second\n\n');
    await reader.cancel();
    await upstream.streamClosed;
  });

  it('leaves an upstream that refuses connections out of the turn, sending a bodiless request to the next, never a body twice', async () => {
    const live = await startUpstream('live');
    const gone = await startUpstream('gone');
    await gone.close();
    const balancer = await startRoundRobinProxy([gone.url, live.url]);
    try {
      const first = await fetch(`${balancer.url}/first`);
      assert.equal(first.status, 201, 'refused by the first, answered by the next');
      assert.equal(first.headers.get('x-upstream'), 'live');
      assert.deepEqual(balancer.sent, [1, 1]);
      for (let i = 0; i < 3; i++) assert.equal((await fetch(`${balancer.url}/again`)).headers.get('x-upstream'), 'live');
      assert.deepEqual(balancer.sent, [1, 4], 'the refusing upstream is out of the turn');
    } finally {
      await balancer.close();
      await live.close();
    }
    const untouched = await startUpstream('untouched');
    const writes = await startRoundRobinProxy([gone.url, untouched.url]);
    try {
      const res = await fetch(`${writes.url}/write`, { method: 'POST', body: 'only once' });
      assert.equal(res.status, 502, 'a request with a body is not sent to another upstream');
      assert.deepEqual(writes.sent, [1, 0]);
    } finally {
      await writes.close();
      await untouched.close();
    }
  });

  it('answers 502 in plain text when an upstream cannot be reached', async () => {
    const lonely = await startRoundRobinProxy(['http://127.0.0.1:1']);
    try {
      const res = await fetch(lonely.url);
      assert.equal(res.status, 502);
      assert.match(await res.text(), /could not reach http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    } finally {
      await lonely.close();
    }
  });
});
