import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { signUserToken } from '../api/auth/tokens.ts';
import { LANGUAGES } from '../domain/constants.ts';
import { createClaim } from '../api/claims/claims.commands.ts';
import { listChecklists } from '../api/claims/claims.repository.ts';
import { toClaim } from '../api/claims/claims.resource.ts';
import { parseSettings, SettingsError } from '../api/env.ts';
import { badRequest, notFound } from '../api/http/problem.ts';
import { getMailboxEntry, listMailbox } from '../api/email/mailbox.ts';
import { serveBuilt } from '../api/http/static.ts';
import { startServer } from '../api/server.ts';
import { createLogger } from '../api/observability/logger.ts';
import { DEMO_USERS, randomIncident, seedDemo, seedThroughApi, settleSeedNotifications, type DemoUserKey } from './seed.ts';
import { connectInbox, inboxRoutes, INBOX_PATH, WebhookInbox } from './webhook-inbox.ts';
import { seedAnalyticsHistory } from './analytics-history.ts';

/**
 * `npm start`: the API, the demo page and demo data on an embedded SQLite file. It mints
 * tokens for the demo's people, which a real deployment leaves to the host backend:
 * `npm run api` never does.
 */
const DEMO_DEFAULTS = {
  CLAIMS_JWT_SECRET: 'demo-only-secret-change-me-0123456789abcdef',
  CLAIMS_API_KEY: 'demo-only-api-key-change-me-0123456789',
  CORS_ORIGINS: '*',
  // The fictional operator's customer-experience team, for the help panel.
  HELP_EMAIL: 'experiencia.cliente@claimdesk.es',
  HELP_PHONE: '+34 910 555 014',
  HELP_HOURS: 'Lunes a viernes, 8:00–19:00 (hora peninsular)',
  // Emails link back to the claim in this demo's customer area.
  PUBLIC_CLAIM_URL: `http://localhost:${process.env.PORT ?? 8787}/?claim={id}`,
  // A chat burst's email, and a burst of status changes', go out after 30 s here, so the demo
  // mailbox shows them soon.
  MESSAGE_EMAIL_DELAY_MS: '30000',
  STATUS_EMAIL_DELAY_MS: '30000',
  // Webhooks may go to a receiver on this machine over plain http (the demo's own inbox, or one
  // you run beside it): the demo runs on localhost, where nothing else is reachable anyway.
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  // Warnings and errors only: a line per request would bury the demo's own. LOG_LEVEL=info shows them.
  LOG_LEVEL: 'warn',
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
const inbox = new WebhookInbox();
const jwtSecret = settings.jwtSecret;

const logger = await createLogger({ logLevel: settings.logLevel, logFormat: settings.logFormat });
const server = await startServer({
  ...settings,
  logger,
  hostname: '0.0.0.0',
  // The seeded history is settled (not news) before any email goes out.
  holdMail: true,
  extraRoutes(app, deps) {
    const demo = new Hono()
      .get('/token', async (c) => {
        const key = c.req.query('user') ?? 'ana';
        if (!(key in DEMO_USERS)) {
          throw badRequest(`Unknown demo user "${key}"; use one of ${Object.keys(DEMO_USERS).join(', ')}.`);
        }
        const user = DEMO_USERS[key as DemoUserKey];
        const lang = LANGUAGES.find((language) => language === c.req.query('lang')) ?? 'es';
        return c.json({ token: await signUserToken(jwtSecret, { ...user, lang }, 3600), user: { key, name: user.name, role: user.role } });
      })
      .post('/incidents', async (c) => {
        const { claim } = await createClaim(deps, randomIncident(), { kind: 'service', id: null, name: 'ERP Ferretería Martínez' });
        const checklist = (await listChecklists(deps.db, [claim.id])).get(claim.id) ?? [];
        return c.json({ claim: toClaim(claim, { kind: 'service' }, { unreadMessages: 0, checklist }) }, 201);
      });
    // The emails Claimdesk would have sent (no SMTP_URL): the list, and each one's HTML in a
    // sandboxed frame with a policy of its own — styles inline, no script, links open outside.
    demo
      .get('/mailbox', async (c) => {
        const entries = await listMailbox(deps.db, { limit: 30 });
        return c.json({ items: entries.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })) });
      })
      .get('/mailbox/:id', async (c) => {
        const entry = await getMailboxEntry(deps.db, c.req.param('id'));
        if (!entry) throw notFound(`No email ${c.req.param('id')} in the demo mailbox.`);
        return c.html(entry.html, 200, {
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation",
          'Cache-Control': 'no-store',
        });
      });
    // The webhook receiver an ERP would run, and what it received (demo/webhook-inbox.ts).
    demo.route('/webhook-inbox', inboxRoutes(inbox));
    app.route('/demo', demo);
    app.get('/*', serveBuilt({ prefix: '/', directory: demoDir, hashedDir: 'assets', buildHint: 'run `npm run build`' }));
  },
});

if (await seedDemo(server.deps)) {
  // Documents and messages go in through the API, as the widget sends them (uploads sniffed, stored, thumbnailed).
  const token = (key: 'ana' | 'carmen') => signUserToken(jwtSecret, DEMO_USERS[key], 600);
  await seedThroughApi(server.url, { ana: await token('ana'), carmen: await token('carmen') });
  // Half a year behind it, for the console's analytics.
  await seedAnalyticsHistory(server.deps, server.url, token);
  await settleSeedNotifications(server.deps.db);
}
server.startMail();
// After the seed, so its history (not news) is not delivered: what happens from now on is.
inbox.useSecret(await connectInbox(`${server.url}/api/v1`, await signUserToken(jwtSecret, DEMO_USERS.ana, 600), `${server.url}${INBOX_PATH}`));
console.log(`Claimdesk demo on ${server.url.replace('127.0.0.1', 'localhost')}  (API reference: ${server.url}/api/v1/reference/)`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
