import type { Queryable, Row } from "../db/database.ts";

// Column names are few and repeat on every row of every list: each is converted once.
const camelNames = new Map<string, string>();
const CAMEL_NAMES_MAX = 5000;

function camelName(key: string): string {
  let name = camelNames.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < CAMEL_NAMES_MAX) camelNames.set(key, name);
  }
  return name;
}

/** Converts snake_case keys of a row to camelCase. */
export function camelizeRow<T>(row: Row): T {
  const out: Row = {};
  for (const key in row) out[camelName(key)] = row[key];
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
  /** True when `total` is the planner's estimate: more rows matched than are counted exactly. */
  totalIsEstimate?: boolean;
}

/** How a list restricts rows to what the actor may see (AccessScope.orgFilter builds it). */
export type OrgScopeFilter = { kind: "everything" } | { kind: "ids"; ids: number[] } | { kind: "paths"; paths: string[] };

/** Escapes LIKE wildcards so a text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The scope restriction on some org columns (a row matches when any column is in scope), with its
 * parameters registered on `where`; null for an actor who sees everything. A few orgs become
 * `= any(ids)`; more become a semi-join on orgs by materialised path prefix, which orgs_path_idx
 * (text_pattern_ops) serves, instead of thousands of ids.
 */
export function scopeCondition(where: WhereBuilder, scope: OrgScopeFilter, columns: readonly string[]): string | null {
  switch (scope.kind) {
    case "everything":
      return null;
    case "ids": {
      const ids = where.param(scope.ids);
      return columns.map((column) => `${column} = any(${ids}::bigint[])`).join(" or ");
    }
    case "paths": {
      const prefixes = scope.paths.map((p) => `so.path like ${where.param(`${escapeLike(p)}%`)}`).join(" or ");
      return columns.map((column) => `${column} in (select so.id from orgs so where ${prefixes || "false"})`).join(" or ");
    }
  }
}

/** Adds the scope restriction (see scopeCondition) as a clause. */
export function addScopeClause(where: WhereBuilder, scope: OrgScopeFilter, columns: readonly string[]): void {
  const condition = scopeCondition(where, scope, columns);
  if (condition) where.add(condition);
}

/** Lists count exactly up to this many rows; beyond it the total is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 2000;

/**
 * Counts the rows of a filtered set without scanning all of it: exactly up to EXACT_COUNT_LIMIT,
 * beyond that the planner's row estimate (never below the exact part).
 */
export async function countCapped(q: Queryable, from: string, where: WhereBuilder, limit: number = EXACT_COUNT_LIMIT): Promise<{ total: number; isEstimate: boolean }> {
  const rows = await q.query<{ n: number }>(`select count(*) as n from (select 1 from ${from} ${where.toSql()} limit ${Math.floor(limit) + 1}) c`, where.params);
  const exact = Number(rows[0]?.n ?? 0);
  if (exact <= limit) return { total: exact, isEstimate: false };
  const plan = await q.query<{ "QUERY PLAN": unknown }>(`explain (format json) select 1 from ${from} ${where.toSql()}`, where.params);
  const json = plan[0]?.["QUERY PLAN"];
  const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: { "Plan Rows": number } }[];
  return { total: Math.max(exact, Math.round(parsed[0]?.Plan["Plan Rows"] ?? exact)), isEstimate: true };
}

/**
 * Runs a paged select in two steps: the inner query picks the page's ids in order from the filtered
 * rows (an index range when the order matches an index, skipping rows without reading them), and
 * the outer one adds the page's columns and per-row figures, so those run for the page's rows only,
 * never for skipped ones. The total is counted only when the page is full (capped, see countCapped).
 */
export async function selectPageByIds<T>(
  q: Queryable,
  options: {
    /** Filtered rows: `measures m join findings f on …`. */
    from: string;
    where: WhereBuilder;
    /** Key of a row in `from`, e.g. `m.id`. */
    id: string;
    /** Order of the list, ending with a unique key, valid in both the inner and the outer query. */
    orderBy: string;
    /** Columns of the page, over the outer joins. */
    columns: string;
    /** The outer joins from the page's ids (`page.id`), e.g. `join measures m on m.id = page.id`. */
    join: string;
    page: number;
    pageSize: number;
  },
): Promise<Page<T>> {
  const { from, where, id, orderBy, columns, join, page, pageSize } = options;
  const offset = (page - 1) * pageSize;
  const params = [...where.params, pageSize, offset];
  const rows = await q.query(
    `select ${columns} from (select ${id} as id from ${from} ${where.toSql()} order by ${orderBy} limit $${params.length - 1} offset $${params.length}) page
       ${join} order by ${orderBy}`,
    params,
  );
  const items = rows.map((r) => camelizeRow<T>(r));
  if (items.length < pageSize && (items.length > 0 || page === 1)) return { items, total: offset + items.length, page, pageSize };
  const { total, isEstimate } = await countCapped(q, from, where);
  return { items, total, page, pageSize, ...(isEstimate ? { totalIsEstimate: true } : {}) };
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
