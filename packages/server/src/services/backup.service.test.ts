import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_TABLES, dumpTable } from "../repositories/backup.repository.ts";
import { createTestContext, type TestContext } from "../test/test-app.ts";

let source: TestContext;
let target: TestContext;
let archive: Uint8Array;

async function dumpAll(context: TestContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of BACKUP_TABLES) out[table] = await dumpTable(context.db, table);
  return out;
}

beforeAll(async () => {
  source = await createTestContext();
  target = await createTestContext();
  await source.services.demo.loadDemo(null);
  archive = (await source.services.backup.createBackup()).bytes;
});

afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe("backup and restore", () => {
  it("refuses a corrupted archive without writing anything", async () => {
    const zip = await JSZip.loadAsync(archive);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    zip.file(`files/${manifest.files[0].sha256}`, "tampered");
    const bad = await zip.generateAsync({ type: "uint8array" });
    await expect(target.services.backup.restoreBackup(bad)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await target.db.query("select count(*) as n from orgs"))[0].n).toBe(0);
    await expect(target.services.backup.restoreBackup(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });

  it("restores the same database and the same evidence files", async () => {
    const manifest = await target.services.backup.restoreBackup(archive);
    expect(manifest.counts.measures).toBeGreaterThan(10);
    const before = await dumpAll(source);
    const after = await dumpAll(target);
    for (const table of BACKUP_TABLES) {
      if (table === "audit_log") continue;
      expect(after[table], table).toEqual(before[table]);
    }
    // The audit trail is kept whole and gains one entry for the restore itself.
    const auditBefore = before.audit_log as unknown[];
    const auditAfter = after.audit_log as { action: string }[];
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.at(-1)?.action).toBe("restore");
    for (const { sha256 } of manifest.files) {
      expect((await target.services.files.read(sha256)).byteLength).toBeGreaterThan(0);
    }
    // Identity sequences continue after the restored ids.
    const org = await target.db.query<{ id: number }>("insert into orgs (kind, name) values ('office', '恢复后新建') returning id");
    const maxBefore = Math.max(...(before.orgs as { id: number }[]).map((o) => o.id));
    expect(org[0].id).toBeGreaterThan(maxBefore);
  });

  it("refuses to restore over existing data", async () => {
    await expect(target.services.backup.restoreBackup(archive)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
