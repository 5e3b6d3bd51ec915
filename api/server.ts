import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { engineOf, migrateToLatest, openDatabase, type DB } from './db/connect.ts';
import { parseSettings, SettingsError } from './env.ts';
import { createEventBus, createPostgresEventBus, createSqliteEventBus, type EventBus } from './events/bus.ts';
import { LiveFeed } from './events/feed.ts';

export interface StartOptions {
  port: number;
  /** Defaults to 127.0.0.1 for tests; the CLI listens on every interface. */
  hostname?: string;
  databaseUrl: string;
  jwtSecret: string;
  apiKey: string;
  corsOrigins: string[];
  heartbeatMs?: number;
  /** Open live streams per user (default 10); one more ends that user's oldest. */
  maxStreamsPerUser?: number;
  /** Events the live feed keeps in memory for quick resumes (default 2000). */
  feedWindow?: number;
  widgetDir?: string;
  /** Mounted before the API, for the demo's pages and the tests' helpers. */
  extraRoutes?: (app: Hono, deps: ServerDeps) => void;
}

export interface ServerDeps {
  db: DB;
  bus: EventBus;
  feed: LiveFeed;
}

export interface RunningServer {
  url: string;
  deps: ServerDeps;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and serves the API until close(). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const db = openDatabase(options.databaseUrl);
  await migrateToLatest(db);
  const bus = await busFor(options.databaseUrl, db);
  const feed = new LiveFeed({
    db,
    bus,
    heartbeatMs: options.heartbeatMs,
    maxStreamsPerUser: options.maxStreamsPerUser,
    windowSize: options.feedWindow,
  });
  const deps: ServerDeps = { db, bus, feed };
  const app = createApp({ ...deps, ...options });
  // Extra routes go on the same app so they share its error handling and CORS.
  options.extraRoutes?.(app, deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : '127.0.0.1';
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    deps,
    async close() {
      // Live streams never end by themselves; end them so close() can finish.
      feed.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await db.destroy();
    },
  };
}

/** How commits wake the live feed: NOTIFY on PostgreSQL; a poll when other processes may share an SQLite file. */
async function busFor(databaseUrl: string, db: DB): Promise<EventBus> {
  if (engineOf(databaseUrl) === 'postgres') return createPostgresEventBus(databaseUrl);
  return databaseUrl === 'sqlite::memory:' ? createEventBus() : createSqliteEventBus(db);
}

async function main() {
  let settings;
  try {
    settings = parseSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`${error.message}\nSee README.md, "Settings".`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer({ ...settings, hostname: '0.0.0.0' });
  console.log(`Claimdesk API on ${server.url}/api/v1 (reference: ${server.url}/api/v1/reference/)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
