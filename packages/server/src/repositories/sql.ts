import type { Queryable, Row } from "../db/database.ts";

/** Converts snake_case keys of a row to camelCase. */
export function camelizeRow<T>(row: Row): T {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out as T;
}

/** Converts a camelCase name to snake_case. */
export function snakeName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Column values keyed by camelCase field name; json columns are listed so they are cast explicitly. */
export interface WriteValues {
  values: Record<string, unknown>;
  jsonFields?: readonly string[];
}

function encode(field: string, value: unknown, jsonFields: readonly string[]): { param: unknown; cast: string } {
  // WARNING: node-postgres turns JS arrays into PostgreSQL array literals, so jsonb values are
  // always sent as JSON text with an explicit cast; PGlite and pg then agree.
  if (jsonFields.includes(field)) return { param: JSON.stringify(value ?? null), cast: "::jsonb" };
  return { param: value, cast: "" };
}

/** Inserts one row and returns it camelized. */
export async function insertRow<T>(q: Queryable, table: string, write: WriteValues): Promise<T> {
  const fields = Object.keys(write.values).filter((f) => write.values[f] !== undefined);
  const params: unknown[] = [];
  const placeholders = fields.map((field) => {
    const { param, cast } = encode(field, write.values[field], write.jsonFields ?? []);
    params.push(param);
    return `$${params.length}${cast}`;
  });
  const sql = fields.length
    ? `insert into ${table} (${fields.map(snakeName).join(", ")}) values (${placeholders.join(", ")}) returning *`
    : `insert into ${table} default values returning *`;
  const rows = await q.query(sql, params);
  return camelizeRow<T>(rows[0]);
}

/**
 * Updates one row if its version matches (optimistic concurrency) and bumps the version.
 * Returns null when no row has that id and version.
 */
export async function updateRowVersioned<T>(
  q: Queryable,
  table: string,
  id: number,
  version: number,
  write: WriteValues,
): Promise<T | null> {
  const fields = Object.keys(write.values).filter((f) => write.values[f] !== undefined);
  const params: unknown[] = [id, version];
  const sets = fields.map((field) => {
    const { param, cast } = encode(field, write.values[field], write.jsonFields ?? []);
    params.push(param);
    return `${snakeName(field)} = $${params.length}${cast}`;
  });
  sets.push("version = version + 1", "updated_at = now()");
  const rows = await q.query(`update ${table} set ${sets.join(", ")} where id = $1 and version = $2 returning *`, params);
  return rows.length ? camelizeRow<T>(rows[0]) : null;
}

/** Updates one row regardless of version (internal bookkeeping such as status roll-ups). */
export async function updateRow<T>(q: Queryable, table: string, id: number, write: WriteValues): Promise<T> {
  const fields = Object.keys(write.values).filter((f) => write.values[f] !== undefined);
  const params: unknown[] = [id];
  const sets = fields.map((field) => {
    const { param, cast } = encode(field, write.values[field], write.jsonFields ?? []);
    params.push(param);
    return `${snakeName(field)} = $${params.length}${cast}`;
  });
  sets.push("version = version + 1", "updated_at = now()");
  const rows = await q.query(`update ${table} set ${sets.join(", ")} where id = $1 returning *`, params);
  return camelizeRow<T>(rows[0]);
}

/** Finds one row by id (optionally locking it for update). */
export async function findRowById<T>(q: Queryable, table: string, id: number, forUpdate = false): Promise<T | null> {
  const rows = await q.query(`select * from ${table} where id = $1${forUpdate ? " for update" : ""}`, [id]);
  return rows.length ? camelizeRow<T>(rows[0]) : null;
}

/** Deletes one row by id and returns what was deleted. */
export async function deleteRowById<T>(q: Queryable, table: string, id: number): Promise<T | null> {
  const rows = await q.query(`delete from ${table} where id = $1 returning *`, [id]);
  return rows.length ? camelizeRow<T>(rows[0]) : null;
}

/** Accumulates a parameterised WHERE clause. */
export class WhereBuilder {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a clause built from placeholders. */
  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** Renders `where …` or an empty string. */
  toSql(): string {
    return this.clauses.length ? `where ${this.clauses.map((c) => `(${c})`).join(" and ")}` : "";
  }
}

/** A page of results. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Runs a paged select: `select <columns> from <from> <where> order by … limit/offset` plus a count. */
export async function selectPage<T>(
  q: Queryable,
  options: { columns: string; from: string; where: WhereBuilder; orderBy: string; page: number; pageSize: number },
): Promise<Page<T>> {
  const { columns, from, where, orderBy, page, pageSize } = options;
  const countRows = await q.query<{ n: number }>(`select count(*) as n from ${from} ${where.toSql()}`, where.params);
  const limit = where.param(pageSize);
  const offset = where.param((page - 1) * pageSize);
  const rows = await q.query(
    `select ${columns} from ${from} ${where.toSql()} order by ${orderBy} limit ${limit} offset ${offset}`,
    where.params,
  );
  return { items: rows.map((r) => camelizeRow<T>(r)), total: Number(countRows[0]?.n ?? 0), page, pageSize };
}

/** An ILIKE pattern matching text that contains `text` literally (%, _ and \\ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
