import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { cachingStatements } from './connect.ts';

describe('SQLite statement cache', () => {
  it('prepares each SQL text once, keeps the most recently used, and never hands out a statement that is still iterating', () => {
    const sqlite = new SQLite(':memory:');
    const database = cachingStatements(sqlite, 2);
    const one = database.prepare('select 1 as n');
    assert.equal(database.prepare('select 1 as n'), one, 'the same text reuses its statement');
    const two = database.prepare('select 2 as n');
    assert.equal(database.prepare('select 1 as n'), one, 'using it makes it the most recent');
    database.prepare('select 3 as n');
    assert.notEqual(database.prepare('select 2 as n'), two, 'the least recently used went when the cache filled');

    const rows = database.prepare('select 1 as n union all select 2').iterate([]);
    rows.next();
    const meanwhile = database.prepare('select 1 as n union all select 2');
    assert.deepEqual(meanwhile.all([]), [{ n: 1 }, { n: 2 }], 'a busy statement is not reused');
    rows.return?.();
    database.close();
    assert.equal(sqlite.open, false);
  });
});
