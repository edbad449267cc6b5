import type { Queryable } from "../db/database.ts";

/** One column of a bulk insert: its name and the PostgreSQL type its values are sent as. */
export interface BulkColumn {
  name: string;
  /** Element type of the parameter array (`bigint`, `text`, `date`, `timestamptz`, `integer`, `boolean`, `jsonb` …). */
  type: string;
}

/** Rows sent per statement: large enough to amortise the round trip, small enough for PGlite's memory. */
const BATCH_ROWS = 4000;

/** `insert … select … from unnest(arrays)`: each column travels as one array parameter (jsonb as JSON text). */
function unnestInsert(table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], explicitIds: boolean, returning: boolean): { sql: string; params: unknown[] } {
  const params = columns.map((column, index) =>
    rows.map((row) => {
      const value = row[index];
      return column.type === "jsonb" && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
    }),
  );
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type === "jsonb" ? "text" : column.type}[]`);
  const values = columns.map((column, index) => (column.type === "jsonb" ? `c${index}::jsonb` : `c${index}`));
  const sql = `insert into ${table} (${columns.map((column) => column.name).join(", ")}) ${explicitIds ? "overriding system value " : ""}
     select ${values.join(", ")} from unnest(${arrays.join(", ")}) as u(${columns.map((_, index) => `c${index}`).join(", ")})${returning ? " returning *" : ""}`;
  return { sql, params };
}

/**
 * Inserts many rows with one statement per batch: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows (set-based, on PGlite and PostgreSQL alike). jsonb values
 * travel as JSON text. With `explicitIds` the rows carry their own `id` (identity columns are then
 * overridden; call `resetIdentity` afterwards).
 */
export async function insertRows(
  q: Queryable,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  explicitIds = false,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const { sql, params } = unnestInsert(table, columns, rows.slice(start, start + BATCH_ROWS), explicitIds, false);
    await q.query(sql, params);
  }
}

/** Inserts rows like insertRows, in one statement, and returns them as stored (snake_case keys). */
export async function insertRowsReturning(q: Queryable, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const { sql, params } = unnestInsert(table, columns, rows, false, true);
  return q.query(sql, params);
}

/** The largest id in a table (0 when empty): explicit ids of a bulk load start after it. */
export async function maxId(q: Queryable, table: string): Promise<number> {
  const rows = await q.query<{ n: number | null }>(`select max(id) as n from ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/** Moves a table's identity sequence past its largest id after rows were inserted with explicit ids. */
export async function resetIdentity(q: Queryable, table: string): Promise<void> {
  await q.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
}
