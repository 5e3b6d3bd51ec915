import { mkdirSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { FileMigrationProvider, Kysely, Migrator, SqliteDialect, type MigrationResultSet } from 'kysely';
import type { Database } from './database.ts';

export type DB = Kysely<Database>;

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The one place that turns DATABASE_URL into a Kysely instance. Queries elsewhere never
 * know which engine they run on.
 */
export function openDatabase(databaseUrl: string): DB {
  if (databaseUrl.startsWith('sqlite:')) {
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(databaseUrl.slice('sqlite:'.length)) }) });
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL points at PostgreSQL, which this build does not support yet; use sqlite:PATH (see README, "Scaling out").',
    );
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
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

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
