import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import {
  FileMigrationProvider,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  CompiledQuery,
  DEFAULT_MIGRATION_TABLE,
  sql,
  type SqliteDialectConfig,
  type SqliteDatabase,
  type SqliteStatement,
  type DatabaseConnection,
  type Driver,
  type MigrationResultSet,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import type { Logger } from '../observability/logger.ts';
import { DEFAULTS } from '../defaults.ts';

export type DB = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

// migrations/*.ts from source; compiled, dist/migrations/*.js beside dist/api/. Kysely names a
// migration by its file name without the extension, so a database migrated by either is the same.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The one place that knows which database engine is in use. Queries elsewhere never do; what
 * differs between engines (opening, event-log ordering, wake-ups) is decided here.
 */
export function engineOf(databaseUrl: string): Engine {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
}

/** A configuration the server cannot start with, said in one line a person can act on. */
export class StartupError extends Error {}

/** How long start-up waits for PostgreSQL before saying it cannot be reached. */
const STARTUP_CONNECT_TIMEOUT_MS = 3000;
/** A request waits this long for a pooled connection, under load, before failing rather than hanging. */
const POOL_CONNECT_TIMEOUT_MS = 15_000;

export interface OpenOptions {
  /** Hears of pooled PostgreSQL connections that fail while idle. */
  logger?: Logger | undefined;
  /** PostgreSQL connections kept at most (DATABASE_POOL_SIZE). */
  poolSize?: number | undefined;
}

/** Opens the database. */
export function openDatabase(databaseUrl: string, { logger, poolSize = DEFAULTS.databasePoolSize }: OpenOptions = {}): DB {
  const dialect =
    engineOf(databaseUrl) === 'sqlite'
      ? new ImmediateSqliteDialect({ database: cachingStatements(openSqlite(databaseUrl.slice('sqlite:'.length))) })
      : new PostgresDialect({ pool: postgresPool(databaseUrl, logger, poolSize) });
  return new Kysely<Database>({ dialect });
}

function postgresPool(databaseUrl: string, logger: Logger | undefined, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS });
  pool.on('connect', namingStatements);
  // An idle pooled connection that PostgreSQL closes (a restart, an idle timeout) is reported
  // here; unheard, the error would end the process. The pool drops that connection and opens
  // another when a query needs one.
  pool.on('error', (error) => logger?.error({ component: 'database', err: error }, `PostgreSQL: an idle pooled connection failed and was dropped (${error.message})`));
  return pool;
}

/**
 * Statements each connection keeps at most, whatever shapes the clients' filters combine into:
 * each holds a little of PostgreSQL's memory per connection. The API's common shapes are a few
 * dozen; those past the cap run unnamed, as every query did before.
 */
const MAX_KEPT_STATEMENTS = 300;

/** The SQL of the queries compiled once per shape (prepared.ts, insert-rows.ts), and the name each is prepared under on PostgreSQL. */
const statementNames = new Map<string, string>();

/**
 * Keeps `sqlText` prepared on each PostgreSQL connection that runs it. Kysely's driver sends every
 * query unnamed, which PostgreSQL parses and plans anew each time: planning a claim's read took as
 * long as running it. Only the texts compiled once per shape are named, so the statements each
 * connection keeps stay as few as those shapes.
 */
export function keepPreparedOnPostgres(sqlText: string): void {
  if (statementNames.has(sqlText) || statementNames.size >= MAX_KEPT_STATEMENTS) return;
  statementNames.set(sqlText, `claimdesk_${statementNames.size + 1}`);
}

type QueryArguments = Parameters<pg.PoolClient['query']>;

/**
 * Sends the kept texts as named statements: parsed once per connection, then only bound and run.
 * A migration that changes what a statement's `select *` returns makes PostgreSQL refuse the
 * prepared statement for good on that connection ("cached plan must not change result type"): it
 * is prepared again under a new name, and the query that met the refusal is run once more (inside
 * a transaction that cannot be, and the transaction fails as any other would).
 */
function namingStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const preparedAgain = new Map<string, number>();
  const run = (name: string, text: string, values: unknown[]) => {
    const times = preparedAgain.get(name);
    return query({ name: times ? `${name}_${times}` : name, text, values });
  };
  client.query = ((...args: QueryArguments) => {
    const [text, values, callback] = args as unknown[];
    const name = typeof text === 'string' ? statementNames.get(text) : undefined;
    if (!name || callback !== undefined || !Array.isArray(values)) return (query as (...a: unknown[]) => unknown)(...args);
    return run(name, text as string, values).catch((error: unknown) => {
      if (!/cached plan must not change result type/.test(String((error as Error)?.message))) throw error;
      preparedAgain.set(name, (preparedAgain.get(name) ?? 0) + 1);
      return run(name, text as string, values).catch(() => Promise.reject(error));
    });
  }) as pg.PoolClient['query'];
}

/** Fails fast, at start-up, when the database cannot be reached: one connection, a short timeout. */
export async function checkReachable(databaseUrl: string): Promise<void> {
  if (engineOf(databaseUrl) !== 'postgres') return;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: STARTUP_CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a directory and its parents, and checks that this process may write there. Walks
 * the path itself: Node's recursive mkdir never returns on some paths (under /proc).
 */
export function ensureWritableDirectory(directory: string, setting: string): void {
  const absolute = path.resolve(directory);
  const parts = absolute.split(path.sep).filter(Boolean);
  let current = path.parse(absolute).root;
  try {
    for (const part of parts) {
      current = path.join(current, part);
      try {
        mkdirSync(current);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!statSync(current).isDirectory()) throw new Error(`${current} exists and is not a directory`);
      }
    }
    accessSync(absolute, fsConstants.W_OK);
  } catch (error) {
    throw new StartupError(`${setting}=${directory} cannot be used as a directory Claimdesk writes to: ${reason(error)}.`);
  }
}

/** One line saying why start-up failed, for errors that are the configuration's, not a bug's. */
export function describeStartupFailure(error: unknown, databaseUrl: string): string {
  if (error instanceof StartupError) return error.message;
  const code = (error as { code?: string }).code;
  if (engineOf(databaseUrl) === 'postgres') {
    const url = new URL(databaseUrl);
    const where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
    if (code === '28P01' || code === '28000') return `${where} refused the credentials in DATABASE_URL (${code}).`;
    if (code === '3D000') return `${where}: the database does not exist (${code}); create it or fix DATABASE_URL.`;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error).message))) {
      return `cannot reach ${where} (${code ?? 'connection timeout'}); check DATABASE_URL and that the server is up.`;
    }
  }
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message.replace(/^\w+: /, '')})` : message;
}

function openSqlite(file: string): SQLite.Database {
  if (file === '') {
    throw new StartupError('DATABASE_URL=sqlite: names no file. Use sqlite:PATH, or sqlite::memory: for a throwaway in-memory database.');
  }
  if (file !== ':memory:') {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw new StartupError(`DATABASE_URL=sqlite:${file} is a directory; name a file in it, e.g. sqlite:${path.join(file, 'claimdesk.sqlite')}.`);
    }
    ensureWritableDirectory(path.dirname(file), 'the directory of DATABASE_URL');
  }
  try {
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 leaves WAL at synchronous=NORMAL, which can lose committed transactions on
    // power loss; claims and their events must survive once we said they were stored.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return sqlite;
  } catch (error) {
    throw new StartupError(`DATABASE_URL=sqlite:${file} cannot be opened as an SQLite database: ${reason(error)}.`);
  }
}

/** How many prepared statements an SQLite connection keeps: far more than the distinct queries the API runs. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite driver sees it, with each statement prepared once per SQL text
 * and reused: Kysely would prepare every query anew, and preparing costs as much as running a
 * short one. The least recently used statement goes when the cache is full. A statement still
 * iterating a streamed result cannot run again until it ends, so a query that finds its
 * statement busy gets a fresh one, not kept.
 */
export function cachingStatements(sqlite: SQLite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, RowBuildingStatement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) {
        if (cached.busy) return new RowBuildingStatement(sqlite.prepare(sql));
        // Map keeps insertion order: moving the statement to the end marks it most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = new RowBuildingStatement(sqlite.prepare(sql));
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * A statement whose rows leave better-sqlite3 as arrays and become objects here, by a function
 * made for the statement's columns. better-sqlite3 builds each row object one property at a time
 * in C++, which cost more than everything else of a read: a list page's 21 rows of 18 columns took
 * ~78 µs as its objects, ~51 µs as arrays made objects so, SQLite's own part ~4 µs. Same objects:
 * each column a property in order, a later column of the same name winning.
 */
class RowBuildingStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: SQLite.Statement;
  #rowOf: ((values: unknown[]) => unknown) | undefined;

  constructor(statement: SQLite.Statement) {
    this.#statement = statement;
    this.reader = statement.reader;
    if (this.reader) statement.raw(true);
  }

  get busy(): boolean {
    return this.#statement.busy;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.#statement.all(parameters) as unknown[][];
    const rowOf = this.#rowBuilder();
    for (let i = 0; i < rows.length; i++) rows[i] = rowOf(rows[i]!) as unknown[];
    return rows;
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(parameters);
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    const rowOf = this.#rowBuilder();
    for (const values of this.#statement.iterate(parameters) as IterableIterator<unknown[]>) yield rowOf(values);
  }

  #rowBuilder(): (values: unknown[]) => unknown {
    // Each name JSON-quoted into the function's source, so any name is a literal there, never code;
    // computed, as a key, so that a column named __proto__ is a property like the others.
    if (!this.#rowOf) {
      const properties = this.#statement.columns().map((column, i) => `[${JSON.stringify(column.name)}]: values[${i}]`);
      this.#rowOf = new Function('values', `return { ${properties.join(', ')} };`) as (values: unknown[]) => unknown;
    }
    return this.#rowOf;
  }
}

/**
 * Transactions begin IMMEDIATE: they take SQLite's write lock at BEGIN, where the busy timeout
 * waits for another process's writer, rather than at their first write, where a deferred
 * transaction that read first can only fail with "database is locked". Every transaction here
 * writes, so none loses anything by it.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })(this.#config);
  }
}

export function isPostgres(db: Kysely<Database> | Transaction<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Any constant shared by every Claimdesk process; it names the event log's append lock.
const EVENT_LOG_LOCK = 7_215_301;

/** PostgreSQL transactions that hold the append lock: it is held until they end. */
const holdingAppendLock = new WeakSet<Transaction<Database>>();

/**
 * Makes event ids commit in the order they were handed out, so a reader that has seen id N
 * can never later find a smaller id committing behind it. SQLite already has one writer at a
 * time; PostgreSQL sequences do not wait for commit order, so appends take a transaction lock.
 * Every transaction takes it before its first savepoint, so it holds it to the end, and asking
 * again within it costs no round trip.
 */
export async function serializeEventAppends(trx: Transaction<Database>): Promise<void> {
  if (!isPostgres(trx) || holdingAppendLock.has(trx)) return;
  await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
  holdingAppendLock.add(trx);
}

/** The Migrator over migrations/, told which schema holds its bookkeeping on PostgreSQL. */
export async function createMigrator(db: DB): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** How many times the migrator looks for its tables again when a schema vanished as it looked. */
const MIGRATOR_LOOKS = 10;

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  for (let look = 1; ; look++) {
    const result = await (await createMigrator(db)).migrateToLatest();
    if (!result.error) return result;
    if (look < MIGRATOR_LOOKS && lostSightOfASchema(result)) continue;
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
}

/**
 * Kysely's migrator looks for its bookkeeping tables among every schema's tables on PostgreSQL
 * (its introspection, before it runs any migration), and fails with invalid_schema_name when
 * another client drops some schema of the database while it looks — other services' schemas, or
 * the test suites' own, one per file. Nothing was migrated then (no results): it looks again.
 */
function lostSightOfASchema(result: MigrationResultSet): boolean {
  return result.results === undefined && (result.error as { code?: unknown } | undefined)?.code === '3F000';
}

let migrationNames: Promise<string[]> | undefined;

/**
 * The migrations this process applies at start: read from migrations/ once, since the files a
 * running process was started with are the ones its code expects.
 */
function knownMigrations(): Promise<string[]> {
  return (migrationNames ??= new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }).getMigrations().then(Object.keys));
}

/**
 * This version's migrations the database has not applied: none after migrateToLatest, unless one
 * was rolled back since or the database was swapped for an older one. One read of Kysely's small
 * bookkeeping table (in the current schema on PostgreSQL, as createMigrator names it).
 */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const applied = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const names = new Set(applied.rows.map((row) => row.name));
  return (await knownMigrations()).filter((name) => !names.has(name));
}

/** A unique constraint refused the write: SQLite says so in the message, PostgreSQL with SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: string }).code === '23505' || /UNIQUE constraint failed/.test(error.message);
}
