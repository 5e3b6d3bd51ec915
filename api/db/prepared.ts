import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import { isPostgres, keepPreparedOnPostgres } from './connect.ts';

type Reader = Kysely<Database> | Transaction<Database>;

/** What stands for a named value while a prepared query is compiled: the parameter it becomes. */
class Slot {
  constructor(readonly name: string) {}
}

/** Every property a stand-in for the value of that name. */
const slots = new Proxy({}, { get: (_, name) => new Slot(String(name)) });

export interface Prepared<Shape, Values, Row> {
  /** Runs the query of `shape` with `values`: those its SQL places. */
  execute(db: Reader, shape: Shape, values: Partial<Values>): Promise<Row[]>;
  /** The query of `shape` with `values` in place, as `execute` runs it (to EXPLAIN it). */
  compile(db: Reader, shape: Shape, values: Partial<Values>): CompiledQuery<Row>;
}

export interface PreparedOptions<Shape> {
  /** What tells two shapes apart (default: the shape as JSON). */
  shapeKey?: (shape: Shape) => string;
  /**
   * Shapes whose best plan depends on their values, which PostgreSQL plans anew each call. A
   * statement it keeps prepared is planned for any value after its fifth run: a search's pattern
   * planned so walked the list's index instead of the trigram index, 3× the CPU.
   */
  plannedWithValues?: (shape: Shape) => boolean;
}

/**
 * A read that Kysely builds and compiles once per shape (and engine), then runs with each call's
 * values. Building and compiling a query costs more than SQLite takes to run a short one — a list
 * page's query ~150 µs, reading its rows ~100 µs on the bench's machine — and the reads behind
 * every request (the caller, a claim, a page) would pay it each time.
 *
 * `build` is given the shape, which decides the SQL (which filters, which sort, which columns), and
 * `param`, whose every property stands in for the value of that name: the SQL places them, and
 * nothing is decided by them (a stand-in is always there and truthy). Each connection keeps the
 * statement prepared, on either engine (connect.ts).
 */
export function prepared<Shape, Values extends object, Row>(
  build: (db: Reader, shape: Shape, param: Values) => Compilable<Row>,
  { shapeKey = (shape) => JSON.stringify(shape), plannedWithValues = () => false }: PreparedOptions<Shape> = {},
): Prepared<Shape, Values, Row> {
  const queries = new Map<string, CompiledQuery<Row>>();
  function compile(db: Reader, shape: Shape, values: Partial<Values>): CompiledQuery<Row> {
    const key = `${isPostgres(db) ? 'postgres' : 'sqlite'}:${shapeKey(shape)}`;
    let query = queries.get(key);
    if (!query) {
      queries.set(key, (query = build(db, shape, slots as Values).compile()));
      if (isPostgres(db) && !plannedWithValues(shape)) keepPreparedOnPostgres(query.sql);
    }
    const parameters = query.parameters.map((parameter) => {
      if (!(parameter instanceof Slot)) return parameter;
      const given = (values as Record<string, unknown>)[parameter.name];
      if (given === undefined) throw new TypeError(`The prepared query of shape ${key} needs a value for ${parameter.name}.`);
      return given;
    });
    return CompiledQuery.raw(query.sql, parameters) as CompiledQuery<Row>;
  }
  return {
    compile,
    execute: async (db, shape, values) => (await db.executeQuery(compile(db, shape, values))).rows,
  };
}
