import { mkdirSync } from 'node:fs';
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
  sql,
  type SqliteDialectConfig,
  type DatabaseConnection,
  type Driver,
  type MigrationResultSet,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export type DB = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

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

export function openDatabase(databaseUrl: string): DB {
  const dialect =
    engineOf(databaseUrl) === 'sqlite'
      ? new ImmediateSqliteDialect({ database: openSqlite(databaseUrl.slice('sqlite:'.length)) })
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 10 }) });
  return new Kysely<Database>({ dialect });
}

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:' && file !== '') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file === '' ? ':memory:' : file);
  sqlite.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at synchronous=NORMAL, which can lose committed transactions on
  // power loss; claims and their events must survive once we said they were stored.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
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

function isPostgres(db: Kysely<Database> | Transaction<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Any constant shared by every Claimdesk process; it names the event log's append lock.
const EVENT_LOG_LOCK = 7_215_301;

/**
 * Makes event ids commit in the order they were handed out, so a reader that has seen id N
 * can never later find a smaller id committing behind it. SQLite already has one writer at a
 * time; PostgreSQL sequences do not wait for commit order, so appends take a transaction lock.
 */
export async function serializeEventAppends(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
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

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const result = await (await createMigrator(db)).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
