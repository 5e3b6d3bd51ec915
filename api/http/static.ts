import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { Problem } from './problem.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/**
 * Serves the files of a built folder under a URL prefix ("/" serves index.html). Paths that
 * escape the folder, unknown types and missing files are 404 problems that say how to build it.
 */
export function serveDirectory(prefix: string, directory: string, buildHint: string) {
  const root = path.resolve(directory);
  return async function serveDirectory(c: Context) {
    let relative = decodeURIComponent(c.req.path.slice(prefix.length));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(root, relative);
    const type = TYPES[path.extname(file)];
    const isFile = file.startsWith(root + path.sep) && type !== undefined && (await stat(file).catch(() => null))?.isFile();
    if (!isFile || !type) {
      const hint = existsSync(root) ? '' : ` Nothing is built yet: ${buildHint}.`;
      throw new Problem(404, 'Not found', `There is no file ${c.req.path}.${hint}`);
    }
    return c.body(await readFile(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  };
}
