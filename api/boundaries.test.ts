import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Which side may import which, read from the sources themselves: the API never reaches into the
// widget (what both need lives in domain/), domain/ depends on neither side, and the database
// layer (api/db/) does not reach up into the HTTP layer (api/http/).

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders of api/ beneath the features; every other folder (claims, chat, a new one…) is a feature. */
const INFRASTRUCTURE: ReadonlySet<string> = new Set(['auth', 'db', 'events', 'http', 'observability', 'storage', 'testing']);

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports or re-exports, resolved to a path from the repository's root. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? match[2] ?? match[3]!);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => path.relative(ROOT, path.resolve(path.dirname(file), specifier)));
}

function crossings(from: string, forbidden: string[]): string[] {
  return sourcesUnder(from).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((folder) => target === folder || target.startsWith(`${folder}${path.sep}`)))
      .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
  );
}

describe('module boundaries', () => {
  it('reads the imports it judges', () => {
    assert.ok(importsOf(path.join(ROOT, 'api/testing/sse.ts')).includes(path.join('domain', 'sse-parser.ts')));
  });

  it('nothing under api/ imports widget/', () => {
    assert.deepEqual(crossings('api', ['widget']), []);
  });

  it('nothing under domain/ imports api/ or widget/', () => {
    assert.deepEqual(crossings('domain', ['api', 'widget']), []);
  });

  it('nothing under api/events/ imports a feature: the features register their reactions in app.ts', () => {
    const features = readdirSync(path.join(ROOT, 'api'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !INFRASTRUCTURE.has(entry.name))
      .map((entry) => path.join('api', entry.name));
    assert.ok(features.includes(path.join('api', 'notifications')), features.join());
    assert.deepEqual(crossings(path.join('api', 'events'), features), []);
  });

  it('nothing under api/db/ imports api/http/', () => {
    assert.deepEqual(crossings(path.join('api', 'db'), [path.join('api', 'http')]), []);
  });
});
