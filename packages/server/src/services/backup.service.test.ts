import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpTable, listBackupTables, TABLES_NOT_BACKED_UP } from "../repositories/backup.repository.ts";
import { createTestContext, createTestUser, type TestContext } from "../test/test-app.ts";

let source: TestContext;
let target: TestContext;
let archive: Uint8Array;
let deletedIds: { measure: number; finding: number; rule: number };

async function dumpAll(context: TestContext): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of await listBackupTables(context.db)) out[table.name] = await dumpTable(context.db, table);
  return out;
}

beforeAll(async () => {
  source = await createTestContext();
  target = await createTestContext();
  await source.services.demo.loadDemo(null);
  // Records created and deleted before the backup: their ids must never be handed out again.
  const admin = await createTestUser(source, "admin", (await source.db.query<{ id: number }>("select id from orgs where parent_id is null"))[0].id);
  const inspection = (await source.db.query<{ id: number }>("select id from inspections order by id limit 1"))[0].id;
  const post = async (url: string, payload: Record<string, unknown>) => (await source.app.inject({ method: "POST", url, headers: admin.headers, payload })).json() as { id: number; version: number };
  const finding = await post(`/api/inspections/${inspection}/findings`, { title: "备份前删除的问题" });
  const measure = await post(`/api/findings/${finding.id}/measures`, { text: "备份前删除的措施" });
  const rule = await post(`/api/inspections/${inspection}/rules`, { title: "备份前删除的制度" });
  await source.app.inject({ method: "DELETE", url: `/api/measures/${measure.id}?version=${measure.version}`, headers: admin.headers });
  await source.app.inject({ method: "DELETE", url: `/api/findings/${finding.id}?version=${finding.version}`, headers: admin.headers });
  await source.app.inject({ method: "DELETE", url: `/api/rules/${rule.id}?version=${rule.version}`, headers: admin.headers });
  deletedIds = { measure: measure.id, finding: finding.id, rule: rule.id };
  archive = (await source.services.backup.createBackup()).bytes;
});

afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe("backup and restore", () => {
  it("backs up every table of the schema but sign-in state and the migration log", async () => {
    const tables = (await listBackupTables(source.db)).map((t) => t.name);
    const all = (await source.db.query<{ relname: string }>("select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'")).map((r) => r.relname);
    expect(new Set([...tables, ...TABLES_NOT_BACKED_UP])).toEqual(new Set(all));
    // Referenced tables come first.
    expect(tables.indexOf("orgs")).toBeLessThan(tables.indexOf("measures"));
    expect(tables.indexOf("users")).toBeLessThan(tables.indexOf("audit_log"));
  });

  it("refuses a corrupted archive without writing anything", async () => {
    const zip = await JSZip.loadAsync(archive);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    zip.file(`files/${manifest.files[0].sha256}`, "tampered");
    const bad = await zip.generateAsync({ type: "uint8array" });
    await expect(target.services.backup.restoreBackup(bad)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await target.db.query("select count(*) as n from orgs"))[0].n).toBe(0);
    await expect(target.services.backup.restoreBackup(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });

  it("restores the same database table by table and the same evidence files byte for byte", async () => {
    const restored = await target.services.backup.restoreBackup(archive);
    expect(restored.counts.measures).toBeGreaterThan(10);
    expect(restored.auditChain).toEqual({ isIntact: true, sealed: 0, firstBrokenId: null });
    const before = await dumpAll(source);
    const after = await dumpAll(target);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) {
      if (table === "audit_log") continue;
      expect(after[table], table).toEqual(before[table]);
    }
    // The audit trail is kept whole (the backup itself was recorded after the snapshot) and gains
    // one entry for the restore, chained onto the restored head.
    const auditBefore = before.audit_log.filter((row) => row.action !== "backup");
    expect(after.audit_log.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(after.audit_log.at(-1)?.action).toBe("restore");
    expect((await target.services.audit.verifyChain(null)).isIntact).toBe(true);
    expect(restored.files.length).toBeGreaterThan(0);
    for (const { sha256 } of restored.files) {
      expect(Buffer.compare(target.services.files.read(sha256), source.services.files.read(sha256))).toBe(0);
    }
  });

  it("never hands out again an id used before the backup, even of a deleted record", async () => {
    const admin = await createTestUser(target, "admin", (await target.db.query<{ id: number }>("select id from orgs where parent_id is null"))[0].id);
    const inspection = (await target.db.query<{ id: number }>("select id from inspections order by id limit 1"))[0].id;
    const post = async (url: string, payload: Record<string, unknown>) => (await target.app.inject({ method: "POST", url, headers: admin.headers, payload })).json() as { id: number };
    const finding = await post(`/api/inspections/${inspection}/findings`, { title: "恢复后新建的问题" });
    const measure = await post(`/api/findings/${finding.id}/measures`, { text: "恢复后新建的措施" });
    const rule = await post(`/api/inspections/${inspection}/rules`, { title: "恢复后新建的制度" });
    expect(finding.id).toBeGreaterThan(deletedIds.finding);
    expect(measure.id).toBeGreaterThan(deletedIds.measure);
    expect(rule.id).toBeGreaterThan(deletedIds.rule);
    // The new measure's history is its own: nothing of the deleted one shows.
    const history = await target.db.query<{ action: string }>("select action from audit_log where entity = 'measure' and entity_id = $1 order by id", [String(measure.id)]);
    expect(history.map((h) => h.action)).toEqual(["create"]);
  });

  it("refuses to restore over existing data", async () => {
    await expect(target.services.backup.restoreBackup(archive)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
