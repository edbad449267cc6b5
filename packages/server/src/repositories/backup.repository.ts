import type { Queryable } from "../db/database.ts";

/**
 * Tables that are not data: the migration log, and short-lived sign-in state (sessions, login
 * throttle counters) that a restored installation starts without.
 */
export const TABLES_NOT_BACKED_UP = ["schema_migrations", "sessions", "login_throttle"] as const;

/** One backed-up table: its name, the columns that order its rows, and its identity column. */
export interface BackupTableInfo {
  name: string;
  orderBy: string[];
  identityColumn: string | null;
}

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Every table of the schema except TABLES_NOT_BACKED_UP, read from the catalog, in an order where
 * every table comes after the tables it references (so tables added by later migrations are backed
 * up without a list to keep in step). Deferrable references (orgs.head_user_id → users,
 * closures.reopen_review_id → reviews) are checked at the restore's commit: they do not order
 * tables, and may close a cycle.
 */
export async function listBackupTables(q: Queryable): Promise<BackupTableInfo[]> {
  const tables = await q.query<{ name: string; order_by: string[] | null; identity_column: string | null }>(
    `select c.relname as name,
            (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
               from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = c.oid and i.indisprimary) as order_by,
            (select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attidentity <> '' and not a.attisdropped limit 1) as identity_column
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p')
      order by c.relname`,
  );
  const references = await q.query<{ child: string; parent: string }>(
    `select distinct child.relname as child, parent.relname as parent
       from pg_constraint k
       join pg_class child on child.oid = k.conrelid
       join pg_class parent on parent.oid = k.confrelid
       join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and not k.condeferrable and n.nspname = current_schema() and child.oid <> parent.oid`,
  );
  const wanted = tables.filter((t) => !(TABLES_NOT_BACKED_UP as readonly string[]).includes(t.name) && SAFE_NAME.test(t.name));
  const names = new Set(wanted.map((t) => t.name));
  const parentsOf = new Map<string, Set<string>>(wanted.map((t) => [t.name, new Set()]));
  for (const { child, parent } of references) if (names.has(child) && names.has(parent)) parentsOf.get(child)?.add(parent);
  const ordered: BackupTableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < wanted.length) {
    const ready = wanted.filter((t) => !placed.has(t.name) && [...(parentsOf.get(t.name) ?? [])].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error(`backup: circular references between tables ${wanted.filter((t) => !placed.has(t.name)).map((t) => t.name).join(", ")}`);
    for (const table of ready) {
      placed.add(table.name);
      ordered.push({ name: table.name, orderBy: table.order_by ?? [], identityColumn: table.identity_column });
    }
  }
  return ordered;
}

/** Reads every row of a table as JSON objects (the database's own JSON encoding, lossless for our types). */
export async function dumpTable(q: Queryable, table: BackupTableInfo): Promise<Record<string, unknown>[]> {
  const order = table.orderBy.length ? ` order by ${table.orderBy.map((c) => `t.${c}`).join(", ")}` : "";
  const rows = await q.query<{ rows: Record<string, unknown>[] | string }>(`select coalesce(json_agg(t${order}), '[]'::json) as rows from ${table.name} t`);
  const value = rows[0].rows;
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** Inserts rows exported by dumpTable, keeping their ids. */
export async function loadTable(q: Queryable, table: BackupTableInfo, rows: Record<string, unknown>[]): Promise<void> {
  const overriding = table.identityColumn ? "overriding system value" : "";
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await q.query(`insert into ${table.name} ${overriding} select * from json_populate_recordset(null::${table.name}, $1::json)`, [JSON.stringify(chunk)]);
  }
}

/** The last value each identity sequence handed out (0 when none yet): ids at or below it were used, even if since deleted. */
export async function readIdentitySequences(q: Queryable, tables: BackupTableInfo[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    if (!table.identityColumn) continue;
    const rows = await q.query<{ value: number | null }>(
      `select pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass) as value`,
      [table.name, table.identityColumn],
    );
    out[table.name] = Number(rows[0]?.value ?? 0);
  }
  return out;
}

/**
 * Moves a table's identity sequence past both its largest id and the last value the backed-up
 * sequence had handed out, so ids of rows deleted before the backup are never given again.
 */
export async function resetIdentity(q: Queryable, table: BackupTableInfo, lastUsed: number): Promise<void> {
  if (!table.identityColumn) return;
  const column = table.identityColumn;
  await q.query(
    `select setval(pg_get_serial_sequence($1, $2), greatest(coalesce((select max(${column}) from ${table.name}), 0), $3::bigint, 1),
                   greatest(coalesce((select max(${column}) from ${table.name}), 0), $3::bigint) > 0)`,
    [table.name, column, lastUsed],
  );
}

/** Counts rows in the tables that make a database "not empty" for a restore. */
export async function countLedgerRows(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select (select count(*) from users) + (select count(*) from orgs) as n");
  return Number(rows[0].n);
}

/** Applied migration versions. */
export async function listAppliedMigrations(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ version: string }>("select version from schema_migrations order by version");
  return rows.map((r) => r.version);
}
