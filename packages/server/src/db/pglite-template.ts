import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A new embedded database would run initdb inside WebAssembly (5–15 s, most of a first start).
// `npm install` (scripts/build.mjs) instead saves one freshly initialised, empty cluster as a
// tarball, and a new data directory is unpacked from it (about a second). It holds no schema:
// migrations run at start as for any new database. The tarball depends only on the installed PGlite
// and lives under node_modules/.cache, so a reinstall (which may bring another PGlite) makes a new one.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Where the template tarball is kept. */
export function pgliteTemplatePath(): string {
  return path.join(REPO_ROOT, "node_modules/.cache/zhenggai/pglite-template.tar.gz");
}

/** True when the template is missing. */
export function isPgliteTemplateStale(file: string = pgliteTemplatePath()): boolean {
  return !existsSync(file);
}

/** Builds the template: a fresh in-memory cluster dumped as a gzipped tarball. */
export async function writePgliteTemplate(file: string = pgliteTemplatePath()): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pgliteOptions } = await import("./database.ts");
  const raw = await PGlite.create(pgliteOptions());
  try {
    const dump = await raw.dumpDataDir("gzip");
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    renameSync(temp, file);
  } finally {
    await raw.close();
  }
}

/** The template's bytes when one exists and the data directory is new (absent or empty); null otherwise. */
export function readPgliteTemplateFor(dataDir: string, file: string = pgliteTemplatePath()): Blob | null {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return null;
  if (!existsSync(file)) return null;
  return new Blob([readFileSync(file)]);
}
