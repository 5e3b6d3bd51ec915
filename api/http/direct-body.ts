import { PassThrough, Readable, type Writable } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';

/** Writes a response's body on `out`, from the moment its head is out until it ends it. */
export type BodyWriter = (out: Writable) => void;

declare module 'hono' {
  interface ContextVariableMap {
    directBody?: BodyWriter;
  }
}

/**
 * A 200 whose body `write` writes straight on Node's response, for an answer that stays open for
 * hours (the live stream). Its body as a web stream would keep, per open response, a
 * ReadableStream, its reader, @hono/node-server's pump between the two and the suspended calls
 * awaiting it: about half of the heap an idle stream holds. The head goes out once every
 * middleware has added to it (CORS, the security headers, the request id): see `directBodies`.
 */
export function directBody(c: Context, headers: Record<string, string>, write: BodyWriter): Response {
  c.set('directBody', write);
  return c.body(null, 200, headers);
}

/**
 * Sends the head of an answer made with `directBody` and hands Node's response to its writer.
 * Mounted outermost, so the head is the one the client would have had otherwise. Served without
 * Node's response (`app.request()`, another runtime), the body goes out as a web stream instead.
 */
export function directBodies(): MiddlewareHandler {
  return async function directBodies(c, next) {
    await next();
    const write = c.get('directBody');
    // An error after the route replaced its answer; a HEAD asks for the head alone.
    if (write === undefined || c.error !== undefined || c.req.method === 'HEAD') return;
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (outgoing === undefined) {
      const body = new PassThrough();
      // Cancelling the web stream destroys this one with an AbortError: the client left, nothing failed.
      body.on('error', () => {});
      write(body);
      c.res = new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, c.res);
      return;
    }
    outgoing.writeHead(c.res.status, [...c.res.headers].flat());
    // The client knows the answer from now, not from the body's first bytes.
    outgoing.flushHeaders();
    write(outgoing);
    c.res = RESPONSE_ALREADY_SENT;
  };
}
