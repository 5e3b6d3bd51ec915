import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { keepPreparedOnPostgres, openDatabase } from './connect.ts';
import type { Database } from './database.ts';
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
  it('keeps the queries compiled once per shape prepared, and prepares one again when a migration changes what it returns', async () => {
    const { db, close } = await openTestDatabase();
    try {
      await sql`create table kept (id integer primary key, label text not null)`.execute(db);
      await sql`insert into kept values (1, 'one')`.execute(db);
      const text = 'select * from kept where id = $1';
      keepPreparedOnPostgres(text);
      const read = async (on: Kysely<Database>) => (await on.executeQuery(CompiledQuery.raw(text, [1]))).rows;
      const preparedHere = async (on: Kysely<Database>) =>
        (await sql<{ name: string }>`select name from pg_prepared_statements where statement = ${text}`.execute(on)).rows.map((row) => row.name);
      await db.connection().execute(async (connection) => {
        assert.deepEqual(await read(connection), [{ id: 1, label: 'one' }]);
        assert.deepEqual(await read(connection), [{ id: 1, label: 'one' }]);
        assert.equal((await preparedHere(connection)).length, 1, 'parsed once on this connection, then reused');
        // Another process migrates: the prepared statement's `select *` now returns another row type.
        await sql`alter table kept add column note text`.execute(connection);
        assert.deepEqual(await read(connection), [{ id: 1, label: 'one', note: null }]);
        assert.deepEqual(await read(connection), [{ id: 1, label: 'one', note: null }]);
        assert.equal((await preparedHere(connection)).length, 2, 'prepared once more, under a new name');
      });
    } finally {
      await close();
    }
  });
  it('keeps at most DATABASE_POOL_SIZE connections, however many queries wait', async () => {
    const { url, close } = await openTestDatabase();
    const db = openDatabase(url, { poolSize: 2 });
    try {
      const pids = await Promise.all(
        Array.from({ length: 6 }, async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db)).rows[0]!.pid),
      );
      assert.equal(new Set(pids).size, 2, 'six queries at once shared two connections');
    } finally {
      await db.destroy();
      await close();
    }
  });
});
