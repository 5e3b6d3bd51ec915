import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import { pendingMigrations, type DB } from '../db/connect.ts';
import { DEFAULTS } from '../defaults.ts';
import { describeRoute, json, problem, RETRY_AFTER_HEADER } from '../http/describe.ts';
import { ProblemSchema } from '../http/problem.schema.ts';
import { Problem, problemJson } from '../http/problem.ts';
import type { KeyedStorage } from '../storage/storage.ts';
import { silentLogger, type Logger } from './logger.ts';

// What a load balancer and an orchestrator ask a process: is it alive (restart it if not), and
// should it get traffic (take it out of rotation if not). While the server drains, every route
// here answers 503 like every other (api/server.ts), so a balancer stops sending before it stops.

export interface HealthDeps {
  db: DB;
  /** Where uploads are written: its check() says whether it answers and can be written. */
  storage: Pick<KeyedStorage, 'check'>;
  /** How long each readiness check may take before it counts as failing (default 2 s). */
  readinessTimeoutMs?: number | undefined;
  logger?: Logger | undefined;
}

const CHECK_NAMES = ['database', 'storage', 'migrations'] as const;
type CheckName = (typeof CHECK_NAMES)[number];

/** Seconds a balancer is told to wait before asking a process that is not ready again. */
const NOT_READY_RETRY_S = 5;

const HealthSchema = z.object({ status: z.literal('ok') });

const CheckSchema = z.object({
  status: z.enum(['ok', 'failing']),
  detail: z.string().optional().describe('When failing: what is wrong, in words an operator can act on. The cause is in the server’s log.'),
});

const ChecksSchema = z
  .object({
    database: CheckSchema.describe('The database answers a query.'),
    storage: CheckSchema.describe('The file storage answers and can be written.'),
    migrations: CheckSchema.describe('Every migration this version brings is applied.'),
  })
  .meta({ id: 'ReadinessChecks', description: 'What readiness checked, each bounded by a timeout.' });

const ReadySchema = z.object({ status: z.literal('ready'), checks: ChecksSchema });

const NotReadySchema = ProblemSchema.extend({
  checks: ChecksSchema.optional().describe('Absent while the process drains: then nothing was checked.'),
}).meta({
  id: 'NotReady',
  description: 'A 503 from GET /health/ready: `checks` says which check failed and `detail` names them; or the process drains.',
});

type Checks = z.output<typeof ChecksSchema>;

class CheckTimeout extends Error {}

/** `work`, or a CheckTimeout once `ms` pass: a check that hangs must not hang the answer. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes({ db, storage, readinessTimeoutMs = DEFAULTS.readinessTimeoutMs, logger = silentLogger }: HealthDeps) {
  const log = logger.child({ component: 'health' });
  /** Each check's failure as last seen, so a balancer asking every few seconds logs a change once, not every answer. */
  const failing = new Map<CheckName, string>();

  /**
   * Runs one check against `subject`: ok, or why not in fixed words — the answer is public, and a
   * cause can name internal hosts; the cause goes to the log.
   */
  async function check(name: CheckName, subject: string, run: () => Promise<string | null>, refused: string): Promise<z.output<typeof CheckSchema>> {
    let detail: string | null;
    let cause: unknown;
    try {
      detail = await within(readinessTimeoutMs, run());
    } catch (error) {
      cause = error;
      detail = error instanceof CheckTimeout ? `${subject} did not answer within ${readinessTimeoutMs} ms` : `${subject} ${refused}`;
    }
    if (detail === null) {
      if (failing.delete(name)) log.info({ check: name }, `readiness: ${name} is ok again`);
      return { status: 'ok' };
    }
    if (failing.get(name) !== detail) log.warn({ check: name, err: cause }, `readiness: ${name} is failing: ${detail}`);
    failing.set(name, detail);
    return { status: 'failing', detail };
  }

  async function readiness(): Promise<Checks> {
    const [database, files, migrations] = await Promise.all([
      check('database', 'the database', async () => (await sql`select 1`.execute(db), null), 'refused a query'),
      check('storage', 'the file storage', async () => (await storage.check(), null), 'cannot be written'),
      check(
        'migrations',
        'the database',
        async () => {
          const pending = await pendingMigrations(db);
          return pending.length === 0 ? null : `${pending.length} migration${pending.length === 1 ? ' is' : 's are'} not applied (${pending.join(', ')}): run \`npm run migrate\``;
        },
        'did not say which migrations are applied',
      ),
    ]);
    return { database, storage: files, migrations };
  }

  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'getHealth',
        tags: ['Meta'],
        summary: 'Liveness check',
        description: 'Answers without credentials while the process serves requests; 503 once it drains. The same as GET /health/live.',
        responses: { 200: json('The API is up.', HealthSchema) },
      }),
      (c) => c.json({ status: 'ok' as const }),
    )
    .get(
      '/live',
      describeRoute({
        operationId: 'getLiveness',
        tags: ['Meta'],
        summary: 'Liveness: the process answers',
        description:
          'Answers 200 without credentials while the process serves requests, whatever the state of the database: for an orchestrator’s liveness probe, which restarts a process that stops answering. 503 once the process drains on SIGTERM. Never queries anything.',
        responses: { 200: json('The process answers.', HealthSchema) },
      }),
      (c) => c.json({ status: 'ok' as const }),
    )
    .get(
      '/ready',
      describeRoute({
        operationId: 'getReadiness',
        tags: ['Meta'],
        summary: 'Readiness: the process can serve',
        description: `Answers 200 without credentials when the database answers a query, the file storage answers and can be written, and every migration is applied; 503 naming what is not, otherwise, and while the process drains. For a load balancer’s health check: send traffic only to processes that answer 200. Each check gives up after ${DEFAULTS.readinessTimeoutMs} ms, so the answer never hangs; none reads a table whole.`,
        responses: {
          200: json('Ready: every check passed.', ReadySchema),
          503: { ...problem('Not ready (`checks` says what failed), or draining.', NotReadySchema), headers: { 'Retry-After': RETRY_AFTER_HEADER } },
        },
      }),
      async (c) => {
        const checks = await readiness();
        const failed = CHECK_NAMES.filter((name) => checks[name].status === 'failing');
        if (failed.length === 0) return c.json({ status: 'ready' as const, checks });
        const detail = `Not ready: ${failed.map((name) => checks[name].detail).join('; ')}.`;
        return problemJson(c, new Problem('unavailable', detail, { checks }, { 'Retry-After': String(NOT_READY_RETRY_S) }));
      },
    );
}
