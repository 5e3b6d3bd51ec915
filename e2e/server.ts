import type { Hono } from 'hono';
import { startServer, type RunningServer } from '../api/server.ts';

// The API and the built bundle as the e2e tests run them: one process, SQLite in memory, the
// test's own host pages (`pages`), and a client for what a test does through the API.

export const E2E_JWT_SECRET = 'e2e-secret-0123456789abcdef0123456789abcdef';
export const E2E_API_KEY = 'e2e-api-key-0123456789abcdef';

export interface E2eServer {
  server: RunningServer;
  /** One API call: its status and its JSON body. */
  api(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function startE2eServer(pages: (app: Hono) => void): Promise<E2eServer> {
  const server = await startServer({
    port: 0,
    databaseUrl: 'sqlite::memory:',
    jwtSecret: E2E_JWT_SECRET,
    apiKey: E2E_API_KEY,
    corsOrigins: [],
    heartbeatMs: 2000,
    extraRoutes: pages,
  });
  return {
    server,
    async api(method, path, headers, body) {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
  };
}
