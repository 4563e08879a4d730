// Inserts on the write path, compiled once per shape. Kysely builds, transforms and compiles a query tree on every
// call, a measurable share of a writer that stores thousands of declarations a second (each with 16 assessment
// rows). A kept insert lets Kysely compile the statement for the first rows of a given column list and row count,
// keeps that SQL (per dialect), and from then on binds only the new values, column by column and row by row, the
// order Kysely binds them in (checked on the first call; test/store/kept-insert.test.ts compares the two).
import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './executor.js';

/** Compiled SQL by dialect adapter (SQLite and PostgreSQL spell placeholders differently), then by shape. */
const kept = new WeakMap<object, Map<string, string>>();

/** Rows above this count are compiled by Kysely each time: shapes stay few. */
const MOST_ROWS = 64;

export interface KeptInsert<R> {
  (db: Executor, rows: readonly R[]): Promise<void>;
}

/**
 * `build(db, rows)` is the Kysely insert for `rows` (objects with exactly the columns of `every`, in its order).
 * `every` names each column of the row type (the compiler refuses one missing), so a column added to a table is
 * never silently left out. Rows with an undefined value, and more than MOST_ROWS rows, go through `build` as
 * they are.
 */
export function keptInsert<R extends object>(
  name: string,
  every: Record<keyof R & string, true>,
  build: (db: Executor, rows: R[]) => Compilable,
): KeptInsert<R> {
  const columns = Object.keys(every) as (keyof R & string)[];
  const shaped = (row: R): R => {
    const out: Record<string, unknown> = {};
    for (const column of columns) out[column] = (row as Record<string, unknown>)[column];
    return out as R;
  };
  return async (db, rows) => {
    if (rows.length === 0) return;
    const parameters: unknown[] = [];
    for (const row of rows) for (const column of columns) parameters.push((row as Record<string, unknown>)[column]);
    if (rows.length > MOST_ROWS || parameters.includes(undefined)) {
      await db.executeQuery(build(db, rows.map(shaped)));
      return;
    }
    const adapter = db.getExecutor().adapter;
    let shapes = kept.get(adapter);
    if (shapes === undefined) kept.set(adapter, (shapes = new Map()));
    const key = `${name}/${rows.length}`;
    const text = shapes.get(key);
    if (text !== undefined) {
      await db.executeQuery(CompiledQuery.raw(text, parameters));
      return;
    }
    const query = build(db, rows.map(shaped)).compile();
    // Kept only when Kysely bound exactly these values in this order; otherwise every call compiles.
    if (query.parameters.length === parameters.length && query.parameters.every((p, i) => p === parameters[i]))
      shapes.set(key, query.sql);
    await db.executeQuery(query);
  };
}
