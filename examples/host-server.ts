import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { signUserToken, type TokenClaims } from '../api/auth/tokens.ts';

/**
 * The host application's side of an example: it serves the example's `vite build` output and,
 * as the host's backend would, signs a short-lived JWT for its signed-in user at `GET /token`.
 * The API runs on another origin; the page reaches it with CORS.
 *
 * By hand, against `npm start`'s demo API (see examples/react/README.md):
 *   npx tsx examples/host-server.ts examples/react/dist 5173
 */

export type HostUser = Omit<TokenClaims, 'exp'>;

/** Short-lived, as DESIGN.md asks of host tokens: the widget asks its tokenProvider for the next one. */
const TOKEN_TTL_SECONDS = 600;

export interface HostServerOptions {
  /** The example's build output (its `dist`). */
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** The secret the API verifies tokens with (CLAIMS_JWT_SECRET). */
  jwtSecret: string;
  /** The signed-in user of the host's own session. */
  user: HostUser;
  /**
   * The first token handed out is already expired, as a host's cached, stale token is: the
   * widget must ask its tokenProvider again and carry on without showing an error.
   */
  expiredFirstToken?: boolean;
}

export interface RunningHost {
  origin: string;
  /** How many tokens `/token` handed out. */
  tokensIssued(): number;
  close(): Promise<void>;
}

export async function startHostServer(options: HostServerOptions): Promise<RunningHost> {
  const { root, jwtSecret, user, expiredFirstToken = false } = options;
  let issued = 0;
  const app = new Hono();
  app.get('/token', async (c) => {
    issued += 1;
    const ttl = expiredFirstToken && issued === 1 ? -60 : TOKEN_TTL_SECONDS;
    c.header('Cache-Control', 'no-store');
    return c.json({ token: await signUserToken(jwtSecret, user, ttl) });
  });
  // Made at the first request, since the server may start before the build has written `root`
  // (serveStatic takes its root relative to the working directory, and complains about one missing).
  let files: { assets: MiddlewareHandler; page: MiddlewareHandler } | undefined;
  const builtFiles = () => {
    const staticRoot = path.relative(process.cwd(), path.resolve(root)) || '.';
    // A single-page app: a path that is no file is the app's page.
    return (files ??= { assets: serveStatic({ root: staticRoot }), page: serveStatic({ root: staticRoot, path: 'index.html' }) });
  };
  app.use('/*', (c, next) => builtFiles().assets(c, next));
  app.get('/*', (c, next) => builtFiles().page(c, next));

  const server = await new Promise<ServerType>((resolve) => {
    const running = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(running));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    tokensIssued: () => issued,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The demo's admin (demo/seed.ts), so a by-hand run sees `npm start`'s demo claims. */
const DEMO_ADMIN: HostUser = {
  sub: 'ana.martinez',
  company: 'ferreteria-martinez',
  companyName: 'Ferretería Martínez S.L.',
  role: 'admin',
  name: 'Ana Martínez',
  email: 'ana.martinez@ferreteriamartinez.es',
  lang: 'es',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root, port = '5173'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: npx tsx examples/host-server.ts <example>/dist [port]');
    process.exit(1);
  }
  // `npm start` signs with this secret unless CLAIMS_JWT_SECRET says otherwise.
  const jwtSecret = process.env.CLAIMS_JWT_SECRET ?? 'demo-only-secret-change-me-0123456789abcdef';
  const host = await startHostServer({ root, port: Number(port), jwtSecret, user: DEMO_ADMIN });
  console.log(`${root} at ${host.origin} (tokens for ${DEMO_ADMIN.name} at ${host.origin}/token)`);
}
