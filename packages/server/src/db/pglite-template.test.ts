import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "./database.ts";
import { listMigrations, migrate } from "./migrate.ts";
import { copyPgliteTemplateTo, isPgliteTemplateStale, pgliteTemplatePath } from "./pglite-template.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "zg-template-"));
const hasTemplate = existsSync(pgliteTemplatePath());

if (!hasTemplate) console.warn("[pglite template] SKIPPED: no template under node_modules/.cache/zhenggai (npm run build makes it)");

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTemplate)("the embedded database template made at install", () => {
  it("is current, and a new data directory copied from it opens with every migration applied", async () => {
    expect(await isPgliteTemplateStale()).toBe(false);
    const dataDir = path.join(dir, "data");
    expect(copyPgliteTemplateTo(path.join(dataDir, "pglite"))).toBe(true);
    const db = await openPglite(dataDir);
    try {
      const applied = await db.query<{ version: string }>("select version from schema_migrations order by version");
      expect(applied.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      expect(await db.query("select count(*)::int as n from users")).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
    // A directory that already holds a database is never overwritten.
    expect(copyPgliteTemplateTo(path.join(dataDir, "pglite"))).toBe(false);
  });

  it("counts as stale when the migrations or the PGlite version differ from what it was made with", async () => {
    const copy = path.join(dir, "copy");
    cpSync(pgliteTemplatePath(), copy, { recursive: true });
    const stamp = JSON.parse(readFileSync(`${pgliteTemplatePath()}.json`, "utf8")) as { pglite: string; migrations: string[] };
    writeFileSync(`${copy}.json`, JSON.stringify(stamp));
    expect(await isPgliteTemplateStale(copy)).toBe(false);
    writeFileSync(`${copy}.json`, JSON.stringify({ ...stamp, migrations: stamp.migrations.slice(0, -1) }));
    expect(await isPgliteTemplateStale(copy)).toBe(true);
    writeFileSync(`${copy}.json`, JSON.stringify({ ...stamp, pglite: "0.0.1" }));
    expect(await isPgliteTemplateStale(copy)).toBe(true);
    rmSync(`${copy}.json`);
    expect(await isPgliteTemplateStale(copy)).toBe(true);
  });
});
