// Widget tests in real Chromium against the real API, started in-process.
// Run through tsx so this file can import the API's TypeScript:
//   node --import tsx ./node_modules/@web/test-runner/dist/bin.js
import { readdirSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { startServer } from './api/server.ts';
import { signUserToken } from './api/auth/tokens.ts';

const JWT_SECRET = 'widget-tests-secret-0123456789abcdef0123';
const API_KEY = 'widget-tests-api-key-0123456789abcdef';

const ROLES = {
  admin: { role: 'admin', name: 'Ana Martínez' },
  member: { role: 'member', name: 'Jordi Puig' },
  handler: { role: 'handler', name: 'Carmen Ruiz' },
};

/** Test-only routes on the API server, which the browser tests call. Never mounted outside tests. */
function testRoutes(app, deps) {
  const json = (body, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const api = (path, init, headers) =>
    app.request(`/api/v1${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...headers } });
  const bearer = async (claims) => ({ Authorization: `Bearer ${await signUserToken(JWT_SECRET, claims, 600)}` });
  const handler = { sub: 'carmen', company: 'operator', companyName: 'Claimdesk Logística', role: 'handler', name: 'Carmen Ruiz', email: 'carmen@operator.test' };

  // { company, role: admin|member|handler, sub?, lang?, ttl?, invalid? } → { token }
  app.post('/test/token', async (c) => {
    const body = await c.req.json();
    const who = ROLES[body.role ?? 'admin'];
    const claims = {
      sub: body.sub ?? `${body.role ?? 'admin'}-${body.company}`,
      company: body.role === 'handler' ? 'operator' : body.company,
      companyName: body.companyName ?? 'Ferretería Martínez S.L.',
      role: who.role,
      name: body.name ?? who.name,
      email: `${body.sub ?? who.role}@${body.company}.test`,
      ...(body.lang ? { lang: body.lang } : {}),
    };
    const secret = body.invalid ? 'not-the-secret-0123456789abcdef0123456789' : JWT_SECRET;
    return c.json({ token: await signUserToken(secret, claims, body.ttl ?? 600) });
  });

  // { company, ...claim fields } → 201 Claim (created as the host backend would, with the API key)
  app.post('/test/claims', async (c) => {
    const { company, ...overrides } = await c.req.json();
    const res = await api('/claims', {
      method: 'POST',
      body: JSON.stringify({
        company: { id: company, name: 'Ferretería Martínez S.L.' },
        externalRef: `INC-${Math.random().toString(36).slice(2, 10)}`,
        type: 'breakage',
        goods: 'pallet',
        scope: 'international',
        carrier: 'Transportes Azkar',
        trackingNumber: `AZK-${Math.floor(Math.random() * 1e6)}`,
        description: 'Palé con 12 cajas de azulejos; 4 llegaron rotas.',
        incidentAt: new Date(Date.now() - 86_400_000).toISOString(),
        declaredValue: { amountCents: 184_000, currency: 'EUR' },
        packages: 12,
        ...overrides,
      }),
    }, { 'X-Api-Key': API_KEY });
    return json(await res.json(), res.status);
  });

  // { to, note?, outcome?, amount? } → Claim, moved by the handler
  app.post('/test/claims/:id/transition', async (c) => {
    const res = await api(`/claims/${c.req.param('id')}/transitions`, { method: 'POST', body: JSON.stringify(await c.req.json()) }, await bearer(handler));
    return json(await res.json(), res.status);
  });

  // { body?, attachments?, sender? } → Message, posted with the operator's key (the operator's
  // systems: Host system, or the sender named), which the browser never holds.
  app.post('/test/claims/:id/operator-message', async (c) => {
    const message = { clientId: crypto.randomUUID(), ...(await c.req.json()) };
    const res = await api(`/claims/${c.req.param('id')}/messages`, { method: 'POST', body: JSON.stringify(message) }, { 'X-Api-Key': API_KEY });
    return json(await res.json(), res.status);
  });

  // A small PDF uploaded to a requirement with the operator's key, as the host backend would.
  app.post('/test/claims/:id/documents/:requirementId/operator-file', async (c) => {
    const form = new FormData();
    form.append('file', new File(['%PDF-1.4\n%%EOF\n'], 'albaran-operador.pdf', { type: 'application/pdf' }));
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    const res = await app.request(`/api/v1/claims/${c.req.param('id')}/documents/${c.req.param('requirementId')}/files`, {
      method: 'POST',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': encoded.headers.get('content-type'), 'Content-Length': String(body.byteLength) },
      body,
    });
    return json(await res.json(), res.status);
  });

  // { company } → Claim, accepted by the company's admin
  app.post('/test/claims/:id/accept', async (c) => {
    const { company } = await c.req.json();
    const admin = { sub: `admin-${company}`, company, role: 'admin', name: 'Ana Martínez', email: `admin@${company}.test` };
    const res = await api(`/claims/${c.req.param('id')}/accept`, { method: 'POST' }, await bearer(admin));
    return json(await res.json(), res.status);
  });

  // ?status=NNN → that status, with a short JSON body naming the delivery: a company's webhook
  // receiver, whose answers the widget's delivery log shows (410 Gone makes Claimdesk disable it).
  app.post('/test/webhook-receiver', (c) => json({ received: c.req.header('webhook-id') ?? null }, Number(c.req.query('status') ?? 200)));

  // { company } → ends that company's users' live streams, as a proxy or network failure would
  // (only theirs: test files run side by side against this one server).
  app.post('/test/drop-streams', async (c) => {
    const { company } = await c.req.json();
    return c.json({ dropped: deps.feed.disconnectAll(company) });
  });
}

function claimsApi() {
  let server;
  /** Each page's DevTools session for its network conditions, kept so that the next call changes what the last set. */
  const cdpSessions = new Map();

  /**
   * `executeServerCommand('api-offline', true | false)`: the page loses its network as a phone
   * does in a dead spot — every request to the API fails, those on their way cut off mid-transfer,
   * `navigator.onLine` turns false and `offline` fires — or gets it back (`online`). Only the API's
   * requests are cut: the test runner's own connection to the page must stay up.
   */
  async function apiOffline(session, offline) {
    const page = session.browser.getPage(session.id);
    let cdp = cdpSessions.get(session.id);
    if (!cdp) cdpSessions.set(session.id, (cdp = await page.createCDPSession()));
    const unthrottled = { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
    await cdp.send('Network.emulateNetworkConditionsByRule', {
      offline,
      matchedNetworkConditions: offline ? [{ urlPattern: `${server.url}/*`, ...unthrottled }] : [],
    });
    await cdp.send('Network.overrideNetworkState', { offline, ...unthrottled });
    return true;
  }

  return {
    name: 'claimdesk-api',
    async serverStart() {
      server = await startServer({
        port: 0,
        databaseUrl: 'sqlite::memory:',
        jwtSecret: JWT_SECRET,
        apiKey: API_KEY,
        corsOrigins: ['*'],
        extraRoutes: testRoutes,
        help: { email: 'siniestros@claimdesk.test', phone: '+34 910 000 000', hours: 'L–V 9:00–18:00' },
        // Every browser test and test route comes from one address and a few users, in parallel
        // files: the limits are tested in api/http, not here, where they would only make runs flaky.
        authFailuresPerMinute: 100_000,
        writesPerMinutePerUser: 100_000,
        writesPerMinutePerAddress: 100_000,
        // Webhooks go to /test/webhook-receiver on this same server: http, on the loopback.
        webhookAllowHttp: true,
        webhookAllowPrivate: true,
      });
    },
    async serverStop() {
      await server?.close();
    },
    serve(context) {
      if (context.path === '/__claimdesk/env.json') return { body: JSON.stringify({ apiUrl: server.url }), type: 'json' };
    },
    /**
     * `executeServerCommand('upload-leftovers', { claimId, since })`: what a claim's resumable
     * uploads left — each upload's row with its parts' keys; the bytes stored under ledger keys
     * entered since `since`, which no row owns yet (a chunk being written, or one cut off and not
     * yet cleared; a ledger entry whose bytes are gone waits for the sweep and holds nothing); and
     * stored objects, finished or half-written, that no row and no ledger entry owns. Read on the
     * server, not over HTTP, so that it answers while the page is offline.
     */
    async executeCommand({ command, payload, session }) {
      if (command === 'api-offline') return apiOffline(session, payload === true);
      if (command !== 'upload-leftovers') return undefined;
      const { db, storage } = server.deps;
      const uploads = await db
        .selectFrom('upload_sessions')
        .select(['id', 'status', 'received', 'length', 'file_id as fileId'])
        .where('claim_id', '=', payload.claimId)
        .orderBy('created_at')
        .execute();
      // The disk first: a key has its ledger entry before its first byte, and leaves it only for a
      // row (a file's or a part's) in the same transaction, so rows read after see every key listed.
      const onDisk = readdirSync(storage.root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name.replace(/\.part$/, ''));
      const stored = new Set(onDisk);
      const ledger = await db.selectFrom('storage_pending').select(['key', 'created_at']).execute();
      const parts = await db.selectFrom('upload_parts').select(['session_id', 'storage_key']).execute();
      const files = await db.selectFrom('files').select(['storage_key', 'thumbnail_key']).execute();
      const owned = new Set([...ledger.map((row) => row.key), ...parts.map((part) => part.storage_key), ...files.flatMap((row) => [row.storage_key, row.thumbnail_key])]);
      return {
        uploads: uploads.map((upload) => ({ ...upload, parts: parts.filter((part) => part.session_id === upload.id).map((part) => part.storage_key) })),
        pending: ledger.filter((row) => row.created_at >= payload.since && stored.has(row.key)).map((row) => row.key),
        strays: onDisk.filter((key) => !owned.has(key)),
      };
    },
  };
}

/**
 * `executeServerCommand('throttle-upload', bytesPerSecond | null)`: slows this page's uploads (as
 * DevTools' throttling does), so a test can cancel one while it is on its way; null lifts it.
 */
function networkThrottle() {
  return {
    name: 'claimdesk-network-throttle',
    async executeCommand({ command, payload, session }) {
      if (command !== 'throttle-upload') return undefined;
      const page = session.browser.getPage(session.id);
      await page.emulateNetworkConditions(payload ? { download: -1, upload: payload, latency: 0 } : null);
      return true;
    },
  };
}

/**
 * tus-js-client's browser build, which the widget imports (widget/uploads/tus-js-client.d.ts says
 * which), bundled once by esbuild the first time a test file loads it, with url-parse (CommonJS,
 * which the dev server would serve as it is) replaced as Vite's build replaces it.
 */
function tusClient() {
  const entry = 'tus-js-client/lib/browser/index.js';
  const path = '/__claimdesk/tus-js-client.js';
  let bundled;
  return {
    name: 'claimdesk-tus-js-client',
    resolveImport({ source }) {
      if (source === entry) return path;
    },
    async serve(context) {
      if (context.path !== path) return undefined;
      bundled ??= build({
        entryPoints: [`node_modules/${entry}`],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        alias: { 'url-parse': './widget/uploads/url-parse.ts' },
        write: false,
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundled, type: 'js' };
    },
  };
}

/**
 * `executeServerCommand('watch-answers', true)` starts noting the status of each answer the page's
 * requests get from the network — a revalidation by the browser's cache is a 304 there, where the
 * page's fetch (and CDP's responseReceived) sees the stored 200 —; `executeServerCommand(
 * 'watch-answers', false)` stops and returns them, `{ url, status }` in the order they came, CORS
 * preflights left out.
 */
function answersWatched() {
  const watching = new Map();
  return {
    name: 'claimdesk-answers-watched',
    async executeCommand({ command, payload, session }) {
      if (command !== 'watch-answers') return undefined;
      if (payload) {
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        const urls = new Map();
        const statuses = new Map();
        cdp.on('Network.requestWillBeSent', ({ requestId, request, type }) => type !== 'Preflight' && request.method !== 'OPTIONS' && urls.set(requestId, request.url));
        cdp.on('Network.responseReceivedExtraInfo', ({ requestId, statusCode }) => statuses.set(requestId, statusCode));
        await cdp.send('Network.enable');
        watching.set(session.id, { cdp, urls, statuses });
        return true;
      }
      const { cdp, urls, statuses } = watching.get(session.id);
      watching.delete(session.id);
      await cdp.detach();
      return [...statuses].filter(([id]) => urls.has(id)).map(([id, status]) => ({ url: urls.get(id), status }));
    },
  };
}

/**
 * `executeServerCommand('lose-next-answer', urlPattern)`: the next POST matching the pattern
 * (CDP's wildcards) reaches the server, which answers it, but the answer is lost on the way back,
 * the connection reset, as when a phone's link drops after the last byte went out. (CORS
 * preflights to the same URL pass.)
 */
function lostAnswers() {
  return {
    name: 'claimdesk-lost-answers',
    async executeCommand({ command, payload, session }) {
      if (command !== 'lose-next-answer') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.createCDPSession();
      const paused = async ({ requestId, request }) => {
        if (request.method !== 'POST') return cdp.send('Fetch.continueResponse', { requestId });
        cdp.off('Fetch.requestPaused', paused);
        await cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionReset' });
        await cdp.detach();
      };
      cdp.on('Fetch.requestPaused', paused);
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: payload, requestStage: 'Response' }] });
      return true;
    },
  };
}

export default {
  files: ['widget/**/*.test.ts'],
  // Lit's production build (its exports' default, not "development"): no dev-mode banner in every
  // test file's browser logs, and the code the widget ships with. Other browser logs still show.
  nodeResolve: { exportConditions: ['production'] },
  // Two cores here and in CI: more files at once only make each wait on the others.
  concurrency: 2,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 20000 } },
  // esbuild reads the file as it is, without following "extends": the base holds every compiler option.
  plugins: [claimsApi(), tusClient(), networkThrottle(), lostAnswers(), answersWatched(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [
    chromeLauncher({
      // A test file that ends while an upload is on its way leaves the page asking before it is
      // left (beforeunload): the runner's navigation to the next file answers yes, as a person would.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        page.on('dialog', (dialog) => void dialog.accept());
        return page;
      },
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
          // Test files run in several tabs at once: the tabs behind keep their timers at full speed.
          // (They still get no animation frames: wait on updateComplete, not on a frame.)
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
          '--disable-renderer-backgrounding',
        ],
      },
    }),
  ],
};
