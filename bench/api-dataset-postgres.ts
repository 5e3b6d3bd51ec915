/**
 * The `api` and `plans` parts' data set on PostgreSQL, when BENCH_DATABASE_URL names a database:
 * the kept SQLite set (bench/api-dataset.ts) copied row for row into it, after the API's own
 * migrations made its schema, and kept there for later runs while the SQLite set it came from is
 * the same (its meta — generator version, size, migrations, read models — and its read-model
 * versions: the fingerprint). Loading takes about two minutes on the 2-core machine; a set that
 * is kept costs a check of a few seconds.
 *
 * Every table both engines have is copied whole, the read models too (claim_counts, search_text,
 * the analytics): the code that derived them in SQLite is the engine-independent code a server
 * would run, so the rows are the same as a rebuild's, without its minutes. Identity columns'
 * sequences are moved past the largest id; then VACUUM (FREEZE, ANALYZE): statistics, every page
 * all-visible for index-only scans, and frozen, so no anti-wraparound vacuum rewrites the set
 * while it is measured. Then a transaction id is taken as the set's horizon: every row it holds
 * was written before it.
 *
 * Each run measures the kept set itself and takes back what its server wrote: the bench's role
 * may not CREATE DATABASE, so the copy per run SQLite makes of its file (a template database here)
 * is not available, and copying a schema's gigabyte would cost more than the run. A row whose
 * xmin is newer than the horizon was written since: those are deleted, children first, and the
 * small tables a write updates in place (counters: claim_counts, analytics_phase_days,
 * reference_counters) are saved before the run and their missing rows put back; VACUUM, and the
 * horizon moves past the rows put back. Before each run, every table's row count is checked
 * against the load's, and for rows newer than the horizon: a set that differs (a run interrupted
 * before its tidying, a write the tidying could not undo) is loaded again.
 */
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../api/db/connect.ts';
import { progress } from './report.ts';

const BATCH = 5_000;
/** Tables of at most this many rows are saved before a run and restored after it; larger ones may only gain rows (intake's claims), which are deleted. */
const SAVED_MAX_ROWS = 100_000;
/** The migrations' bookkeeping and this file's: not the data set. */
const OWN_TABLES = ['kysely_migration', 'kysely_migration_lock', 'bench_dataset'];
/** Rows written after the horizon ($1): younger than it (age() counts back from now, across wraparound). */
const WRITTEN_SINCE = 'age(xmin) < age($1::xid)';

interface Column {
  name: string;
  /** The PostgreSQL type name an array parameter of the column is cast to (text, int8, …). */
  type: string;
  identity: boolean;
}

interface Table {
  name: string;
  columns: Column[];
}

type Rows = unknown[][];

export interface PostgresDataset {
  /** Whether this run loaded it, and how long that load took (this run's or the one that made the kept set). */
  fresh: boolean;
  loadedMs: number;
  /** After the server stopped: takes back every row written since the load. */
  tidy(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The data set's tables, parents before the tables whose foreign keys refer to them. */
async function tablesOf(client: pg.Client): Promise<Table[]> {
  const { rows: columns } = await client.query<{ table: string; name: string; type: string; identity: string }>(
    `select c.table_name as table, c.column_name as name, c.udt_name as type, c.is_identity as identity
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `select conrelid::regclass::text as child, confrelid::regclass::text as parent
       from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace`,
  );
  const byName = new Map<string, Table>();
  for (const column of columns) {
    if (OWN_TABLES.includes(column.table)) continue;
    const table = byName.get(column.table) ?? { name: column.table, columns: [] };
    table.columns.push({ name: column.name, type: column.type, identity: column.identity === 'YES' });
    byName.set(column.table, table);
  }
  const ordered: Table[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (visiting.has(name) || ordered.some((table) => table.name === name)) return;
    visiting.add(name);
    for (const { parent } of references.filter((r) => r.child === name && r.parent !== name)) visit(parent);
    ordered.push(byName.get(name)!);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

/** Rows inserted in one statement: one array parameter per column, unnested. */
async function insertRows(client: pg.Client, table: Table, columns: Column[], rows: Rows, onConflict = ''): Promise<void> {
  const arrays = columns.map((_, c) => rows.map((row) => row[c] ?? null));
  const overriding = columns.some((column) => column.identity) ? ' overriding system value' : '';
  await client.query(
    `insert into ${quote(table.name)} (${columns.map((column) => quote(column.name)).join(', ')})${overriding}
     select * from unnest(${columns.map((column, c) => `$${c + 1}::${column.type}[]`).join(', ')})${onConflict}`,
    arrays,
  );
}

/** The kept SQLite set as it stands: its meta and the versions of its read models. */
function fingerprintOf(file: string): string {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return JSON.stringify({
      meta: sqlite.prepare('select key, value from bench_dataset order by key').all(),
      readModels: sqlite.prepare('select * from read_model_versions order by 1').all(),
    });
  } finally {
    sqlite.close();
  }
}

async function readMeta(client: pg.Client): Promise<Map<string, string>> {
  const { rows: present } = await client.query<{ present: boolean }>(`select to_regclass('bench_dataset') is not null as present`);
  if (!present[0]!.present) return new Map();
  const { rows } = await client.query<{ key: string; value: string }>('select key, value from bench_dataset');
  return new Map(rows.map((row) => [row.key, row.value]));
}

async function writeMeta(client: pg.Client, entries: Record<string, string>): Promise<void> {
  await client.query('create table if not exists bench_dataset (key text primary key, value text not null)');
  for (const [key, value] of Object.entries(entries)) {
    await client.query('insert into bench_dataset (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [key, value]);
  }
}

/** A transaction id newer than every row committed so far. */
async function horizonNow(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ xid: string }>('select pg_current_xact_id()::xid::text as xid');
  return rows[0]!.xid;
}

/** Every table's rows, and how many of them were written after the horizon. */
async function census(client: pg.Client, tables: Table[], horizon: string): Promise<{ counts: Record<string, number>; written: string[] }> {
  const counts: Record<string, number> = {};
  const written: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ n: string; written: string }>(
      `select count(*) as n, count(*) filter (where ${WRITTEN_SINCE}) as written from ${quote(table.name)}`,
      [horizon],
    );
    counts[table.name] = Number(rows[0]!.n);
    if (rows[0]!.written !== '0') written.push(`${table.name} (${rows[0]!.written})`);
  }
  return { counts, written };
}

/** Why the kept set cannot be measured as it is, or null when it can. */
async function staleness(client: pg.Client, fingerprint: string): Promise<string | null> {
  const meta = await readMeta(client);
  if (meta.get('fingerprint') !== fingerprint) return meta.size === 0 ? 'none is loaded yet' : 'the SQLite set it was copied from has changed';
  const loaded = JSON.parse(meta.get('counts')!) as Record<string, number>;
  const { counts, written } = await census(client, await tablesOf(client), meta.get('horizon')!);
  const differ = Object.keys({ ...loaded, ...counts }).filter((table) => loaded[table] !== counts[table]);
  if (differ.length > 0) return `row counts differ from the load's in ${differ.join(', ')}`;
  if (written.length > 0) return `rows were written since the load in ${written.join(', ')}`;
  return null;
}

async function load(client: pg.Client, url: string, keptFile: string, fingerprint: string): Promise<void> {
  const started = performance.now();
  const { rows: existing } = await client.query<{ name: string }>('select tablename as name from pg_tables where schemaname = current_schema()');
  if (existing.length > 0) await client.query(`drop table ${existing.map((row) => quote(row.name)).join(', ')} cascade`);
  const db = openDatabase(url);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const tables = await tablesOf(client);
  const sqlite = new SQLite(keptFile, { readonly: true, fileMustExist: true });
  try {
    const sqliteColumns = (table: string) => new Set((sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]));
    await client.query('begin');
    // What the migrations seeded (document kinds and rules, …) is in the SQLite set too, as it was
    // migrated there and maybe edited since: the copy replaces it.
    for (const table of [...tables].reverse()) await client.query(`delete from ${quote(table.name)}`);
    for (const table of tables) {
      const present = sqliteColumns(table.name);
      if (present.size === 0) continue;
      const columns = table.columns.filter((column) => present.has(column.name));
      const tableStarted = performance.now();
      const select = sqlite.prepare(`select ${columns.map((column) => quote(column.name)).join(', ')} from ${quote(table.name)}`).raw();
      let batch: Rows = [];
      let copied = 0;
      for (const row of select.iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length === BATCH) {
          await insertRows(client, table, columns, batch);
          copied += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) await insertRows(client, table, columns, batch);
      copied += batch.length;
      if (copied > 0) progress(`  ${table.name}: ${copied.toLocaleString('en-US')} rows in ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`);
      for (const column of columns.filter((c) => c.identity)) {
        await client.query(`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column.name)}) from ${quote(table.name)}), 0) + 1, false)`, [table.name, column.name]);
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    sqlite.close();
  }
  const vacuumStarted = performance.now();
  await client.query(`vacuum (freeze, analyze) ${tables.map((table) => quote(table.name)).join(', ')}`);
  progress(`  VACUUM (FREEZE, ANALYZE) in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  const horizon = await horizonNow(client);
  const { counts } = await census(client, tables, horizon);
  await writeMeta(client, { fingerprint, counts: JSON.stringify(counts), loadedMs: String(Math.round(performance.now() - started)), horizon });
}

/**
 * Makes sure the database BENCH_DATABASE_URL names holds the kept set as loaded (loading it when
 * not), and saves the small tables a run may update, for `tidy` to restore.
 */
export async function preparePostgresDataset(url: string, keptFile: string): Promise<PostgresDataset> {
  const client = await connect(url);
  try {
    const fingerprint = fingerprintOf(keptFile);
    const database = new URL(url).pathname.slice(1);
    const stale = await staleness(client, fingerprint);
    if (stale) {
      progress(`loading the api data set into PostgreSQL (${database}): ${stale}; kept for later runs`);
      await load(client, url, keptFile, fingerprint);
    }
    const meta = await readMeta(client);
    const loadedMs = Number(meta.get('loadedMs'));
    progress(stale ? `PostgreSQL data set loaded in ${(loadedMs / 1000).toFixed(0)} s` : `reusing the api data set in PostgreSQL (${database}), as loaded`);
    const counts = JSON.parse(meta.get('counts')!) as Record<string, number>;
    const tables = await tablesOf(client);
    const saved = new Map<string, Rows>();
    for (const table of tables.filter((t) => counts[t.name]! > 0 && counts[t.name]! <= SAVED_MAX_ROWS)) {
      const { rows } = await client.query<unknown[]>({ text: `select ${table.columns.map((c) => quote(c.name)).join(', ')} from ${quote(table.name)}`, rowMode: 'array' });
      saved.set(table.name, rows);
    }
    return { fresh: stale !== null, loadedMs, tidy: () => tidy(url, tables, saved, counts, meta.get('horizon')!) };
  } finally {
    await client.end();
  }
}

/**
 * Deletes every row written after the horizon, puts back the saved tables' missing rows, checks
 * the row counts are the load's and moves the horizon past what it put back; if anything fails,
 * the next run loads the set again.
 */
async function tidy(url: string, tables: Table[], saved: Map<string, Rows>, loaded: Record<string, number>, horizon: string): Promise<void> {
  const started = performance.now();
  const client = await connect(url);
  try {
    const changed: string[] = [];
    try {
      await client.query('begin');
      // Deleting a row checks each foreign key to it in the referencing table; without an index
      // on the referencing column (messages.requirement_id, of intake's checklist rows) each
      // check reads that table whole: minutes for a run's thousands of rows. Large tables get such
      // an index for the tidying, dropped before it commits, so the kept schema stays the API's.
      const { rows: unindexed } = await client.query<{ parent: string; child: string; column: string }>(
        `select c.confrelid::regclass::text as parent, c.conrelid::regclass::text as child, a.attname as column
           from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and cardinality(c.conkey) = 1
            and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`,
      );
      let indexes = 0;
      for (const table of [...tables].reverse()) {
        const { rows } = await client.query<{ written: boolean }>(`select exists (select 1 from ${quote(table.name)} where ${WRITTEN_SINCE}) as written`, [horizon]);
        if (!rows[0]!.written) continue;
        for (const { child, column } of unindexed.filter((u) => u.parent === table.name && (loaded[u.child] ?? 0) > SAVED_MAX_ROWS)) {
          await client.query(`create index bench_tidy_${indexes++} on ${quote(child)} (${quote(column)})`);
        }
        await client.query(`delete from ${quote(table.name)} where ${WRITTEN_SINCE}`, [horizon]);
        changed.push(table.name);
      }
      for (const table of tables.filter((t) => changed.includes(t.name) && saved.has(t.name))) {
        const rows = saved.get(table.name)!;
        for (let at = 0; at < rows.length; at += BATCH) await insertRows(client, table, table.columns, rows.slice(at, at + BATCH), ' on conflict do nothing');
      }
      for (let i = 0; i < indexes; i++) await client.query(`drop index bench_tidy_${i}`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
    if (changed.length > 0) await client.query(`vacuum (freeze) ${changed.map(quote).join(', ')}`);
    const next = await horizonNow(client);
    const { counts } = await census(client, tables, next);
    const differ = tables.filter((table) => counts[table.name] !== loaded[table.name]).map((table) => table.name);
    if (differ.length > 0) throw new Error(`after tidying, ${differ.map((t) => `${t} has ${counts[t]} rows, not ${loaded[t]}`).join('; ')}`);
    await writeMeta(client, { horizon: next });
    progress(`PostgreSQL set as loaded again in ${((performance.now() - started) / 1000).toFixed(1)} s: ${changed.length > 0 ? `the run's rows deleted from ${changed.join(', ')}${changed.some((t) => saved.has(t)) ? ', the saved ones put back' : ''}` : 'the run wrote no row'}`);
  } catch (error) {
    progress(`PostgreSQL set could not be tidied (${error instanceof Error ? error.message : String(error)}); the next run loads it again`);
    await client.query(`delete from bench_dataset where key = 'fingerprint'`).catch(() => {});
  } finally {
    await client.end();
  }
}
