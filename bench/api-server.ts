/**
 * The API server the `api` and `plans` parts load, in a process of its own so the load generator
 * (autocannon, in the bench process) and the server do not share one event loop. Bench-only:
 * started by bench/api.ts as `node --import tsx bench/api-server.ts` with DATABASE_URL,
 * CLAIMS_JWT_SECRET, CLAIMS_API_KEY and PORT=0 in its environment. Prints `{"url": …}` on stdout
 * once listening.
 *
 * It adds GET /bench/plain: a plain Hono route served by the same process, the baseline every
 * API figure is divided by; and GET /bench/plain-sized?bytes=N, the same with a body of N
 * bytes. The outbox worker is held (emails are not what is
 * measured). It logs as a deployment does, at LOG_LEVEL as JSON, but to BENCH_LOG_FILE rather
 * than the stdout the bench reads; METRICS_TOKEN keeps and serves its metrics. The SQL the
 * server runs can be recorded: over the IPC channel, `record`
 * starts recording every statement better-sqlite3 or pg executes with its parameters, and `recorded`
 * stops and answers with them, so the bench can EXPLAIN exactly what one request ran.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { parseSettings } from '../api/env.ts';
import { createLogger, logDestination } from '../api/observability/logger.ts';
import { startServer } from '../api/server.ts';
import { exitWithBench } from './child.ts';

interface Recorded {
  sql: string;
  params: unknown[];
}

let recording: Recorded[] | null = null;

// Every statement executes through one of these, whether Kysely prepared it for this query or a
// cache kept it prepared; wrapping the prototype catches both without touching the API.
const statementPrototype = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
for (const method of ['all', 'get', 'run', 'iterate'] as const) {
  const original = statementPrototype[method]!;
  statementPrototype[method] = function (this: { source: string }, ...params: unknown[]) {
    recording?.push({ sql: this.source, params });
    return original.apply(this, params);
  };
}

// On PostgreSQL every query goes through a pooled pg.Client's query(text, values), or
// query({ text, values }) as pg's own callers pass it.
const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [first, second] = args;
  if (typeof first === 'string') recording?.push({ sql: first, params: Array.isArray(second) ? second : [] });
  else if (first && typeof (first as { text?: unknown }).text === 'string') {
    const config = first as { text: string; values?: unknown[] };
    recording?.push({ sql: config.text, params: config.values ?? [] });
  }
  return pgQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

const sizedBodies = new Map<number, unknown>();
/** A JSON value of about `bytes` bytes once serialised: rows of short strings, like a page of claims. */
function sizedBody(bytes: number): unknown {
  let body = sizedBodies.get(bytes);
  if (!body) {
    const row = { id: 'clm_0000000000', reference: 'SIN-2026-000000', text: 'x'.repeat(200) };
    body = { items: Array.from({ length: Math.max(1, Math.round(bytes / JSON.stringify(row).length)) }, () => row) };
    sizedBodies.set(bytes, body);
  }
  return body;
}

const settings = parseSettings(process.env);
const server = await startServer({
  ...settings,
  // Written as the server writes to stdout, to a file.
  logger: await createLogger(settings, logDestination(process.env.BENCH_LOG_FILE ?? '/dev/null')),
  hostname: '127.0.0.1',
  holdMail: true,
  extraRoutes(app) {
    app.get('/bench/plain', (c) => c.json({ ok: true, at: 'bench' }));
    // The same plain route answering a body as large as a list page, built once: what moving
    // that many bytes through HTTP costs alone, to tell it from what a list request does.
    app.get('/bench/plain-sized', (c) => c.json(sizedBody(Number(c.req.query('bytes') ?? 0))));
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

type Request = { id: number; type: 'record' | 'recorded' };

process.on('message', (message: Request) => {
  if (message.type === 'record') {
    recording = [];
    process.send?.({ id: message.id });
  } else {
    const statements = recording ?? [];
    recording = null;
    process.send?.({ id: message.id, statements });
  }
});

exitWithBench(server);
