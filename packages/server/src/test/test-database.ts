import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPostgres, pgliteOptions, wrapPglite, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";

/** Which engine the db suites run on: ZG_TEST_DB=postgres needs DATABASE_URL. */
export function testDbKind(): "pglite" | "postgres" {
  return process.env.ZG_TEST_DB === "postgres" && process.env.DATABASE_URL ? "postgres" : "pglite";
}

function adminUrl(databaseName: string): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** Runs one statement on the PostgreSQL server as the harness's (superuser) DATABASE_URL, or another URL. */
export async function runOnServer(sql: string, url: string = process.env.DATABASE_URL as string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template once per run (global setup). */
export async function prepareTestTemplate(): Promise<{
  kind: "pglite" | "postgres";
  pgliteDumpPath: string;
  postgresTemplate: string;
  cleanup: () => Promise<void>;
}> {
  const kind = testDbKind();
  if (kind === "postgres") {
    const template = `zg_template_${process.pid}`;
    await runOnServer(`drop database if exists ${template}`);
    await runOnServer(`create database ${template}`);
    const db = await openPostgres(adminUrl(template), 2);
    await migrate(db);
    await db.close();
    return {
      kind,
      pgliteDumpPath: "",
      postgresTemplate: template,
      cleanup: async () => runOnServer(`drop database if exists ${template} with (force)`),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-test-"));
  const raw = await PGlite.create(pgliteOptions());
  await migrate(wrapPglite(raw));
  const dump = await raw.dumpDataDir("none");
  await raw.close();
  const dumpPath = path.join(dir, "template.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  return {
    kind,
    pgliteDumpPath: dumpPath,
    postgresTemplate: "",
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

let counter = 0;

/** A fresh, migrated database for one test file (cloned from the template). */
export async function createTestDatabase(template: {
  kind: "pglite" | "postgres";
  pgliteDumpPath: string;
  postgresTemplate: string;
}): Promise<Database> {
  if (template.kind === "postgres") {
    counter += 1;
    const name = `zg_t_${process.pid}_${counter}_${Date.now() % 100000}`;
    await runOnServer(`create database ${name} template ${template.postgresTemplate}`);
    const db = await openPostgres(adminUrl(name), 5);
    return {
      ...db,
      async close() {
        await db.close();
        await runOnServer(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const bytes = readFileSync(template.pgliteDumpPath);
  const raw = await PGlite.create({ ...pgliteOptions(), loadDataDir: new Blob([bytes]) });
  await raw.exec("set time zone 'UTC'");
  return wrapPglite(raw);
}

/**
 * For tests that run the CLI as a child process: a fresh empty PostgreSQL database URL on the
 * postgres pass (null on the PGlite pass, where a temporary ZG_DATA_DIR is used instead).
 */
export async function createScratchDatabaseUrl(kind: "pglite" | "postgres"): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (kind !== "postgres") return { url: null, drop: async () => undefined };
  counter += 1;
  const name = `zg_cli_${process.pid}_${counter}_${Date.now() % 100000}`;
  await runOnServer(`create database ${name}`);
  return { url: adminUrl(name), drop: () => runOnServer(`drop database if exists ${name} with (force)`) };
}
