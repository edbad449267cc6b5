import { constants, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A new embedded database would run initdb inside WebAssembly (5–15 s) and then every migration
// (about 2 s more), most of a first start. `npm install` (scripts/build.mjs) instead keeps one
// initialised and migrated cluster as a plain directory, and a new data directory starts as a copy
// of it (a file copy, well under a second). Migrations still run at start as for any database, so
// one added since the template was made is applied then. The template holds the schema only: no
// rows, no secrets. It depends on the installed PGlite and the migrations, and lives under
// node_modules/.cache, so a reinstall (which may bring another PGlite) makes a new one.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Where the template directory is kept. */
export function pgliteTemplatePath(): string {
  return path.join(REPO_ROOT, "node_modules/.cache/zhenggai/pglite-template");
}

/** What a template was made from: the PGlite version and the migrations applied. */
interface TemplateStamp {
  pglite: string;
  migrations: string[];
}

function stampPath(dir: string): string {
  return `${dir}.json`;
}

/** The version of the installed PGlite (its package.json is not exported: found from its entry point). */
async function installedPgliteVersion(): Promise<string> {
  const { createRequire } = await import("node:module");
  let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

async function currentStamp(): Promise<TemplateStamp> {
  const { listMigrations } = await import("./migrate.ts");
  return {
    pglite: await installedPgliteVersion(),
    migrations: listMigrations().map((m) => m.version),
  };
}

/** True when the template is missing or was made from another PGlite or other migrations. */
export async function isPgliteTemplateStale(dir: string = pgliteTemplatePath()): Promise<boolean> {
  try {
    const stamp = JSON.parse(readFileSync(stampPath(dir), "utf8")) as TemplateStamp;
    return !existsSync(path.join(dir, "PG_VERSION")) || JSON.stringify(stamp) !== JSON.stringify(await currentStamp());
  } catch {
    return true;
  }
}

/** Builds the template: a fresh cluster on disk, migrated, closed cleanly, then moved into place. */
export async function writePgliteTemplate(dir: string = pgliteTemplatePath()): Promise<void> {
  const { openPglite } = await import("./database.ts");
  const { migrate } = await import("./migrate.ts");
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const db = await openPglite(work, { sync: "off", fromTemplate: false });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(stampPath(dir), { force: true });
    renameSync(path.join(work, "pglite"), dir);
    writeFileSync(stampPath(dir), JSON.stringify(await currentStamp()));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Starts a new data directory (absent or empty) as a copy of the template; false when there is no
 * template or the directory already holds a database.
 */
export function copyPgliteTemplateTo(dataDir: string, template: string = pgliteTemplatePath()): boolean {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false;
  if (!existsSync(path.join(template, "PG_VERSION")) || !existsSync(stampPath(template))) return false;
  // A copy-on-write clone where the file system offers one (btrfs, XFS), a plain copy elsewhere.
  cpSync(template, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE });
  return true;
}
