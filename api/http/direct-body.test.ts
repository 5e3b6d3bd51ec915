import assert from 'node:assert/strict';
import { once } from 'node:events';
import { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { directBodies, directBody } from './direct-body.ts';

// A body written straight on Node's response (the live stream's), on a small app of its own:
// what the client receives over real HTTP, and what the writer is handed.

/** The responses handed to writers, in order. */
const handed: Writable[] = [];

const app = new Hono();
app.use(directBodies());
// As CORS and the security headers do: added to the route's answer after it was made.
app.use(async (c, next) => {
  await next();
  c.res.headers.set('X-Added-After', 'yes');
  if (c.req.query('fail') !== undefined) throw new Error('a middleware failed after the route');
});
app.get('/stream', (c) =>
  directBody(c, { 'Content-Type': 'text/event-stream' }, (out) => {
    handed.push(out);
    out.write('first\n');
  }),
);
app.onError((_error, c) => c.text('failed', 500));

let server: ReturnType<typeof serve>;
let url: string;
before(async () => {
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
});

describe('a direct body over Node', () => {
  it('goes out under the head every middleware made, and the writer holds Node’s response itself', async () => {
    const before = handed.length;
    const controller = new AbortController();
    const res = await fetch(`${url}/stream`, { signal: controller.signal });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('x-added-after'), 'yes');
    assert.equal(res.headers.get('x-hono-already-sent'), null);
    const reader = res.body!.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), 'first\n');
    const out = handed[before]!;
    assert.ok(out instanceof ServerResponse);
    assert.ok(!out.writableEnded, 'open until the writer ends it');

    const closed = once(out, 'close');
    controller.abort();
    await closed;
  });

  it('answers HEAD with the head alone, never calling the writer', async () => {
    const before = handed.length;
    const res = await fetch(`${url}/stream`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('x-added-after'), 'yes');
    assert.equal(handed.length, before);
  });

  it('keeps the error handler’s answer when a middleware fails after the route', async () => {
    const before = handed.length;
    const res = await fetch(`${url}/stream?fail`);
    assert.equal(res.status, 500);
    assert.equal(await res.text(), 'failed');
    assert.equal(handed.length, before);
  });
});

describe('a direct body without Node’s response (app.request)', () => {
  it('is a web stream with the same head, and cancelling it closes what the writer writes to', async () => {
    const before = handed.length;
    const res = await app.request('/stream');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('x-added-after'), 'yes');
    const reader = res.body!.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), 'first\n');

    const closed = new Promise((resolve) => handed[before]!.once('close', resolve));
    await reader.cancel();
    await closed;
  });
});
