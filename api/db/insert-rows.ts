import { CompiledQuery, type Insertable, type Kysely, type Transaction } from 'kysely';
import { isPostgres, keepPreparedOnPostgres } from './connect.ts';
import type { Database } from './database.ts';

/** What stands for one row's value of a column while an INSERT is compiled: the parameter it becomes. */
class Cell {
  constructor(
    readonly row: number,
    readonly column: string,
  ) {}
}

/** An INSERT compiled once: its SQL, and which row's column each parameter takes. */
interface CompiledInsert {
  sql: string;
  cells: readonly Cell[];
}

const compiled = new Map<string, CompiledInsert>();

/** Rows per statement: more are inserted in steps, so the statements compiled per table stay few. */
const ROWS_PER_INSERT = 16;

/**
 * Inserts rows into a table, each statement built and compiled once per engine, table, columns and
 * number of rows, as reads are (prepared.ts): each claim opened inserts a dozen rows (its own, its
 * checklist's, its analytics', its notification's and email's), and building each INSERT anew cost
 * more than SQLite takes to write the row. Every row has the columns of the first.
 */
export async function insertRows<T extends keyof Database>(db: Kysely<Database> | Transaction<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const step = rows.slice(start, start + ROWS_PER_INSERT) as readonly Record<string, unknown>[];
    const insert = compiledInsert(db, table, columns, step.length);
    await db.executeQuery(CompiledQuery.raw(insert.sql, insert.cells.map((cell) => step[cell.row]![cell.column])));
  }
}

function compiledInsert(db: Kysely<Database> | Transaction<Database>, table: keyof Database, columns: readonly string[], rows: number): CompiledInsert {
  const key = `${isPostgres(db) ? 'postgres' : 'sqlite'}:${table}:${rows}:${columns.join(',')}`;
  let insert = compiled.get(key);
  if (!insert) {
    const cells = Array.from({ length: rows }, (_, row) => Object.fromEntries(columns.map((column) => [column, new Cell(row, column)])));
    const query = db.insertInto(table).values(cells as never).compile();
    compiled.set(key, (insert = { sql: query.sql, cells: query.parameters as Cell[] }));
    if (isPostgres(db)) keepPreparedOnPostgres(query.sql);
  }
  return insert;
}
