import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Arbitrary constant: serialises concurrent app processes migrating one PostgreSQL server.
const MIGRATION_LOCK = 7_270_620;

/** One migration file. */
export interface Migration {
  version: string;
  sql: string;
}

/** Lists the SQL migrations in order (0001_name.sql …). */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ""), sql: readFileSync(path.join(dir, f), "utf8") }));
}

/** Applies pending migrations, each in its own transaction; returns the versions applied. */
export async function migrate(db: Database, migrations: Migration[] = listMigrations()): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version text primary key,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      if (db.kind === "postgres") {
        await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      }
      const done = await tx.query("select 1 from schema_migrations where version = $1", [migration.version]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) {
        await tx.query(statement);
      }
      await tx.query("insert into schema_migrations (version) values ($1)", [migration.version]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/**
 * Splits a migration into statements on semicolons at line ends, keeping $$-quoted bodies whole.
 * Migrations are our own files, so this small grammar is enough.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let isInDollarQuote = false;
  for (const line of sql.split("\n")) {
    if (/^\s*--/.test(line) && !isInDollarQuote) continue;
    const dollarCount = (line.match(/\$\$/g) ?? []).length;
    if (dollarCount % 2 === 1) isInDollarQuote = !isInDollarQuote;
    current += `${line}\n`;
    if (!isInDollarQuote && /;\s*$/.test(line)) {
      if (current.trim() !== ";") statements.push(current.trim().replace(/;$/, ""));
      current = "";
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
