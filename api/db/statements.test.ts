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

  it('gives the rows better-sqlite3 would: the same properties in the same order, of every type, streamed or not', () => {
    const sqlite = new SQLite(':memory:');
    const database = cachingStatements(sqlite);
    sqlite.exec("create table t (id integer primary key, name text, size real, data blob, note text); insert into t (name, size, data, note) values ('a', 1.5, x'00ff', null), ('b', -2, null, 'x')");
    const queries = [
      'select * from t order by id',
      'select name, id as name, note as "a""b", 1 as "" from t order by id',
      'select * from t where id < 0',
    ];
    for (const query of queries) {
      const expected = sqlite.prepare(query).all();
      const rows = database.prepare(query).all([]) as Record<string, unknown>[];
      assert.deepEqual(rows, expected, query);
      assert.deepEqual(rows.map((row) => Object.keys(row)), expected.map((row) => Object.keys(row as object)), `${query}: keys in order`);
      for (const row of rows) assert.equal(Object.getPrototypeOf(row), Object.prototype, `${query}: plain objects`);
      assert.deepEqual([...database.prepare(query).iterate([])], expected, `${query}, streamed`);
    }
    const [odd] = database.prepare('select 1 as "__proto__"').all([]) as Record<string, unknown>[];
    assert.ok(Object.hasOwn(odd!, '__proto__') && Object.getPrototypeOf(odd) === Object.prototype, 'a column named __proto__ is a property, not the prototype');
    const written = database.prepare("insert into t (name) values (?) returning id, name");
    assert.equal(written.reader, true);
    assert.deepEqual(written.all(['c']), [{ id: 3, name: 'c' }], 'a write that returns rows');
    assert.deepEqual(database.prepare('delete from t where id = ?').run([3]), { changes: 1, lastInsertRowid: 3 });
    database.close();
  });
});
