import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestApi } from '../testing/harness.ts';
import { serveBuilt } from './static.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * A built folder in miniature, as `npm run build` lays it out (the API tests run before the
 * build, so they do not read dist/): an un-hashed entry, a content-hashed chunk, each with the
 * .gz and .br the build writes beside it, and the demo's page with a hashed asset.
 */
function writeFixture(root: string) {
  const files: Record<string, string> = {
    'widget/claimdesk.js': `export const elements = [${Array.from({ length: 400 }, (_, i) => `'claims-element-${i}'`).join(', ')}];\n`,
    'widget/chunks/shared-Dx3kQ9aZ.js': `export const shared = '${'lit '.repeat(500)}';\n`,
    'widget/themes/light.css': `:root { ${Array.from({ length: 50 }, (_, i) => `--claims-token-${i}: #fff;`).join(' ')} }\n`,
    'demo/index.html': '<!doctype html><title>demo</title><script type="module" src="/assets/index-B7f2Kx1q.js"></script>\n',
    'demo/assets/index-B7f2Kx1q.js': `console.log(${JSON.stringify('demo '.repeat(200))});\n`,
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (name.endsWith('.js') || name.endsWith('.html')) {
      writeFileSync(`${file}.gz`, gzipSync(content));
      writeFileSync(`${file}.br`, brotliCompressSync(content));
    }
  }
}

describe('static files', () => {
  let api: TestApi;
  let root: string;
  const read = (name: string) => readFileSync(path.join(root, name));

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'claimdesk-static-'));
    writeFixture(root);
    api = await createTestApi({ settings: { widgetDir: path.join(root, 'widget') } });
    // As demo/server.ts mounts the demo page.
    api.app.get('/*', serveBuilt({ prefix: '/', directory: path.join(root, 'demo'), hashedDir: 'assets', buildHint: 'run `npm run build`' }));
  });
  after(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (pathname: string, headers: Record<string, string> = {}) => api.app.request(pathname, { headers });

  it('sends the plain file to a client that accepts no encoding, saying the answer varies by it', async () => {
    const res = await get('/widget/claimdesk.js');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('content-encoding'), null);
    assert.match(res.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), read('widget/claimdesk.js'));
  });

  for (const [acceptEncoding, encoding, decode] of [
    ['gzip', 'gzip', gunzipSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
  ] as const) {
    it(`sends the build's ${encoding} file for Accept-Encoding: ${acceptEncoding}`, async () => {
      const res = await get('/widget/claimdesk.js', { 'Accept-Encoding': acceptEncoding });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-encoding'), encoding);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.match(res.headers.get('vary') ?? '', /Accept-Encoding/);
      const body = Buffer.from(await res.arrayBuffer());
      assert.ok(body.length < read('widget/claimdesk.js').length / 3, `${body.length} bytes`);
      assert.deepEqual(decode(body), read('widget/claimdesk.js'));
    });
  }

  it('revalidates claimdesk.js cheaply: no-cache, an ETag, and 304 on If-None-Match', async () => {
    const first = await get('/widget/claimdesk.js', { 'Accept-Encoding': 'br' });
    const etag = first.headers.get('etag');
    await first.body?.cancel();
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    assert.match(etag ?? '', /^W\/"[0-9a-f]+-[0-9a-f]+"$/);

    const again = await get('/widget/claimdesk.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag! });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(again.headers.get('cache-control'), 'no-cache');
    assert.equal((await again.arrayBuffer()).byteLength, 0);

    const changed = await get('/widget/claimdesk.js', { 'Accept-Encoding': 'br', 'If-None-Match': 'W/"0-0"' });
    assert.equal(changed.status, 200);
    await changed.body?.cancel();
  });

  it('gives each encoding its own ETag', async () => {
    const tags = [];
    for (const encoding of ['identity', 'gzip', 'br']) {
      const res = await get('/widget/claimdesk.js', { 'Accept-Encoding': encoding });
      tags.push(res.headers.get('etag'));
      await res.body?.cancel();
    }
    assert.equal(new Set(tags).size, 3, `${tags}`);
  });

  it('caches content-hashed chunks for a year, immutable', async () => {
    const res = await get('/widget/chunks/shared-Dx3kQ9aZ.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.ok(res.headers.get('etag'));
    await res.body?.cancel();
  });

  it('lets host pages on other origins load the widget: CORS, and no same-origin CORP', async () => {
    const res = await get('/widget/claimdesk.js', { Origin: 'https://host.test' });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://host.test');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    await res.body?.cancel();
    const theme = await get('/widget/themes/light.css');
    assert.equal(theme.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(theme.headers.get('cross-origin-resource-policy'), 'cross-origin');
    await theme.body?.cancel();
  });

  for (const pathname of ['/widget/missing.js', '/widget/..%2f..%2fpackage.json', '/widget/%2e%2e/%2e%2e/package.json', '/widget/chunks%5c..%5c..%5cpackage.json']) {
    it(`answers ${pathname} with a 404 problem`, async () => {
      const res = await get(pathname);
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    });
  }

  it('answers a wrong method on a file 405', async () => {
    const res = await api.app.request('/widget/claimdesk.js', { method: 'POST' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('serves the demo page with the strict page policy, revalidated, and its hashed assets immutable', async () => {
    const page = await get('/', { 'Accept-Encoding': 'br' });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('content-encoding'), 'br');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'; style-src 'self';.*frame-ancestors 'self'$/);
    await page.body?.cancel();
    const asset = await get('/assets/index-B7f2Kx1q.js');
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await asset.body?.cancel();
  });

  it('revalidates the demo page without a policy of its own, so the browser keeps the page’s', async () => {
    const page = await get('/', { 'Accept-Encoding': 'br' });
    const etag = page.headers.get('etag')!;
    await page.body?.cancel();
    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    assert.equal(again.status, 304);
    // A 304's headers replace the stored response's: a resource policy here (default-src 'none')
    // would block every script of the page the browser shows from its cache.
    assert.equal(again.headers.get('content-security-policy'), null);
    assert.equal(again.headers.get('x-frame-options'), null);
    assert.equal(again.headers.get('etag'), etag);
  });

  it('says how to build when nothing is built', async () => {
    const unbuilt = await createTestApi({ settings: { widgetDir: path.join(root, 'not-built') } });
    try {
      const res = await unbuilt.app.request('/widget/claimdesk.js');
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { detail: string }).detail, /npm run build/);
    } finally {
      await unbuilt.close();
    }
  });
});
