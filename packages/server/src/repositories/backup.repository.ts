import type { Queryable } from "../db/database.ts";

/** Tables in an order where every row's references come earlier (sessions are not backed up). */
export const BACKUP_TABLES = [
  "app_settings",
  "orgs",
  "users",
  "user_roles",
  "delegations",
  "inspections",
  "findings",
  "measures",
  "progress_reports",
  "evidence",
  "closures",
  "closure_decisions",
  "reviews",
  "rules",
  "accountabilities",
  "recoveries",
  "petitions",
  "leads",
  "directives",
  "notices",
  "notice_acknowledgements",
  "public_comments",
  "audit_log",
  "clock_events",
  "notifications",
  "notification_settings",
  "extensions",
  "directive_files",
  "interviews",
  "weekly_reports",
] as const;

/** One backed-up table name. */
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** Reads every row of a table as JSON objects (the database's own JSON encoding, lossless for our types). */
export async function dumpTable(q: Queryable, table: BackupTable): Promise<Record<string, unknown>[]> {
  const order = table === "app_settings" ? "key" : "id";
  const rows = await q.query<{ rows: Record<string, unknown>[] | string }>(
    `select coalesce(json_agg(t order by ${order}), '[]'::json) as rows from ${table} t`,
  );
  const value = rows[0].rows;
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** Inserts rows exported by dumpTable, keeping their ids. */
export async function loadTable(q: Queryable, table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
  const overriding = table === "app_settings" ? "" : "overriding system value";
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await q.query(`insert into ${table} ${overriding} select * from json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(chunk)]);
  }
}

/** Moves a table's identity sequence past its largest id after a restore. */
export async function resetIdentity(q: Queryable, table: BackupTable): Promise<void> {
  if (table === "app_settings") return;
  await q.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`);
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
