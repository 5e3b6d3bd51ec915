import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { signUserToken } from '../api/auth/tokens.ts';
import { createClaim } from '../api/claims/claims.commands.ts';
import { toClaim } from '../api/claims/claims.resource.ts';
import { parseSettings, SettingsError } from '../api/env.ts';
import { badRequest } from '../api/http/problem.ts';
import { serveBuilt } from '../api/http/static.ts';
import { startServer } from '../api/server.ts';
import { DEMO_USERS, randomIncident, seedDemo, seedThroughApi, type DemoUserKey } from './seed.ts';

/**
 * `npm start`: the API, the demo page and demo data on an embedded SQLite file. It mints
 * tokens for the demo's people, which a real deployment leaves to the host backend:
 * `npm run api` never does.
 */
const DEMO_DEFAULTS = {
  CLAIMS_JWT_SECRET: 'demo-only-secret-change-me-0123456789abcdef',
  CLAIMS_API_KEY: 'demo-only-api-key-change-me-0123456789',
  CORS_ORIGINS: '*',
};

let settings;
try {
  const parsed = parseSettings({ ...DEMO_DEFAULTS, ...process.env });
  // The demo's data lives in a file of its own, in DATA_DIR like everything else.
  settings = { ...parsed, databaseUrl: process.env.DATABASE_URL ? parsed.databaseUrl : `sqlite:${parsed.dataDir}/demo.sqlite` };
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const demoDir = fileURLToPath(new URL('../dist/demo', import.meta.url));
const jwtSecret = settings.jwtSecret;

const server = await startServer({
  ...settings,
  hostname: '0.0.0.0',
  extraRoutes(app, deps) {
    const demo = new Hono()
      .get('/token', async (c) => {
        const key = c.req.query('user') ?? 'ana';
        if (!(key in DEMO_USERS)) {
          throw badRequest(`Unknown demo user "${key}"; use one of ${Object.keys(DEMO_USERS).join(', ')}.`);
        }
        const user = DEMO_USERS[key as DemoUserKey];
        const lang = c.req.query('lang') === 'en' ? 'en' : 'es';
        return c.json({ token: await signUserToken(jwtSecret, { ...user, lang }, 3600), user: { key, name: user.name, role: user.role } });
      })
      .post('/incidents', async (c) => {
        const { claim } = await createClaim(deps, randomIncident(), { kind: 'service', id: null, name: 'ERP Ferretería Martínez' });
        return c.json({ claim: toClaim(claim, { kind: 'service' }) }, 201);
      });
    app.route('/demo', demo);
    app.get('/*', serveBuilt({ prefix: '/', directory: demoDir, hashedDir: 'assets', buildHint: 'run `npm run build`' }));
  },
});

if (await seedDemo(server.deps)) {
  // Documents and messages go in through the API, as the widget sends them (uploads sniffed, stored, thumbnailed).
  const token = (key: 'ana' | 'carmen') => signUserToken(jwtSecret, DEMO_USERS[key], 600);
  await seedThroughApi(server.url, { ana: await token('ana'), carmen: await token('carmen') });
}
console.log(`Claimdesk demo on ${server.url.replace('127.0.0.1', 'localhost')}  (API reference: ${server.url}/api/v1/reference/)`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
