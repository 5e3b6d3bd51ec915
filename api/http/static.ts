import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { notFound } from './problem.ts';

export interface BuiltFilesOptions {
  /** The URL prefix the folder answers under, ending in "/" ("/widget/", or "/" for the demo). */
  prefix: string;
  /** The built folder (dist/widget, dist/demo). */
  directory: string;
  /** The sub-folder where the build puts content-hashed file names (`chunks`, `assets`). */
  hashedDir: string;
  /** What to tell someone who asks before anything is built. */
  buildHint: string;
}

// A hashed name changes whenever its content does: keep it for a year, never ask again.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// A stable name (claimdesk.js, index.html) may change with any release: ask every time, which the
// ETag makes a bodiless 304 while it has not.
const REVALIDATE = 'no-cache';

/**
 * Serves a built folder through @hono/node-server's serveStatic: the `.br` or `.gz` that
 * vite.config.ts writes beside each file when the client accepts it (`Vary: Accept-Encoding`),
 * an ETag from the served file's size and time with 304 on `If-None-Match`, and cache headers
 * by name. The files are public and meant to be loaded by host pages on other origins. A path that
 * is missing, malformed or escapes the folder is a 404 problem.
 */
export function serveBuilt({ prefix, directory, hashedDir, buildHint }: BuiltFilesOptions): MiddlewareHandler {
  const root = path.resolve(directory);
  const servedFiles = new WeakMap<Context, string>();
  let serve: MiddlewareHandler | undefined;
  const nothingServed = async () => {};

  return async function serveBuilt(c) {
    if (!existsSync(root)) throw notFound(`There is no file ${c.req.path}: nothing is built yet; ${buildHint}.`);
    // Made once the folder exists: serveStatic takes its root relative to the working directory
    // and complains at creation about one that is missing.
    serve ??= serveStatic({
      root: path.relative(process.cwd(), root) || '.',
      rewriteRequestPath: (requested) => requested.slice(prefix.length - 1),
      precompressed: true,
      onFound: (file, found) => void servedFiles.set(found, file),
    });
    const response = (await serve(c, nothingServed)) as Response | undefined;
    const file = servedFiles.get(c);
    if (!response || !file) throw notFound(`There is no file ${c.req.path}.`);

    const { size, mtimeMs } = statSync(file);
    const etag = `W/"${size.toString(16)}-${Math.trunc(mtimeMs).toString(16)}"`;
    const hashed = c.req.path.slice(prefix.length).startsWith(`${hashedDir}/`);
    const headers = response.headers;
    headers.set('ETag', etag);
    headers.set('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
    headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    // serveStatic says Vary only when it picked a compressed file; a cache must know that the
    // plain answer depends on Accept-Encoding too.
    if (!/accept-encoding/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Accept-Encoding');

    if (!matchesEtag(c.req.header('if-none-match'), etag)) return response;
    await response.body?.cancel();
    for (const name of ['Content-Length', 'Content-Type', 'Content-Encoding']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  };
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): `W/` does not matter, `*` matches anything. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
