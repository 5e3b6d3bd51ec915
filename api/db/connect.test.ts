import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, testEngine } from '../testing/database.ts';

describe('the PostgreSQL pool', { skip: testEngine !== 'postgres' && 'PostgreSQL only (TEST_DATABASE_URL)' }, () => {
  it('survives PostgreSQL closing an idle pooled connection, and queries on', async () => {
    const { db, close } = await openTestDatabase();
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const idlePid = rows[0]!.pid;
      // As a restart or an idle timeout would: the server ends the connection the pool keeps idle.
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query('select pg_terminate_backend($1)', [idlePid]);
      } finally {
        await admin.end();
      }
      // The pool hears of it on its idle client; unheard, that error ended the process.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      assert.notEqual(after.rows[0]!.pid, idlePid, 'a new connection answers');
    } finally {
      await close();
    }
  });
});
