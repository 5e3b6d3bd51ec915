import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DB } from '../db/connect.ts';

/**
 * A database of its own for one test file: in-memory SQLite, or — when TEST_DATABASE_URL
 * names a PostgreSQL server — a fresh schema there, so the same suite runs on both engines.
 */
export async function createTestDatabaseUrl(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return 'sqlite::memory:';
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get('options')?.match(/search_path=(\w+)/)?.[1];
  if (schema && process.env.TEST_DATABASE_URL) await adminQuery(process.env.TEST_DATABASE_URL, `drop schema ${schema} cascade`);
}

/** A test database of its own, opened and migrated; `close()` destroys it (and its schema on PostgreSQL). */
export async function openTestDatabase(): Promise<{ url: string; db: DB; close(): Promise<void> }> {
  const url = await createTestDatabaseUrl();
  const db = openDatabase(url);
  await migrateToLatest(db);
  return {
    url,
    db,
    async close() {
      await db.destroy();
      await dropTestDatabase(url);
    },
  };
}

export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

async function adminQuery(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
