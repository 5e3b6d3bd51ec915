import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'reference.js': 'text/javascript; charset=utf-8',
};

// An external script rather than inline, so the page works under a strict Content-Security-Policy.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#reference', deepLinking: true, persistAuthorization: true });`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Claimdesk API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="reference.js"></script>
</body>
</html>`;

/** The interactive API reference (Swagger UI, served from the installed package: no CDN). */
export function referenceRoutes() {
  return new Hono()
    .get('/reference', (c) => c.redirect(`${c.req.path}/`))
    .get('/reference/', (c) => c.html(PAGE))
    .get('/reference/:asset', async (c) => {
      const asset = c.req.param('asset');
      const type = ASSETS[asset];
      if (!type) return c.notFound();
      const body = asset === 'reference.js' ? INIT_SCRIPT : await readFile(path.join(swaggerDir, asset));
      return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
    });
}
