import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, openRuntime, type Runtime } from "@zhenggai/server";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createScratchDatabaseUrl } from "../../../server/src/test/test-database.ts";
import { runExport } from "./export.ts";
import { runImport } from "./import.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, "../../bin/zhenggai.js");
const notice = path.resolve(here, "../../../core/src/parser/fixtures/qinghe-culture-pdf.txt");
let dataDir: string;
let scratch: { url: string | null; drop(): Promise<void> };
let unitId: number;

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZG_DATA_DIR: dataDir, ZG_LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  delete env.ZG_TEST_DB;
  if (scratch.url) env.DATABASE_URL = scratch.url;
  return env;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { env: environment(), cwd: dataDir, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the same database the CLI uses, in this process (closed before the next spawn). */
async function withDatabase<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(environment(), dataDir));
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

async function count(runtime: Runtime, table: string): Promise<number> {
  return Number((await runtime.db.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "zg-cli-import-"));
  scratch = await createScratchDatabaseUrl(inject("testDbKind"));
  unitId = await withDatabase(async ({ db }) => {
    const office = (await db.query<{ id: number }>("insert into orgs (kind, name) values ('office', '县委巡察办') returning id"))[0].id;
    return (await db.query<{ id: number }>("insert into orgs (parent_id, kind, name, party_org_name) values ($1, 'unit', '青禾县文化旅游局', '中共青禾县文化旅游局党组') returning id", [office]))[0].id;
  });
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

describe("zhenggai import / import-ledger / export", () => {
  it("previews a notice without writing, imports it, and changes nothing the second time", async () => {
    const preview = run(["import", notice, "--org", String(unitId), "--preview"]);
    expect(preview.status, preview.stderr).toBe(0);
    expect(preview.stdout).toContain("问题：6个");
    expect(preview.stdout).toContain("[阶段性完成] 非遗保护经费使用效益不高");
    expect(preview.stdout).toContain("未写入任何数据");
    expect(await withDatabase((runtime) => count(runtime, "findings"))).toBe(0);

    const imported = run(["import", notice, "--org", String(unitId), "--json"]);
    expect(imported.status, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(result).toMatchObject({ isChanged: true });
    const again = run(["import", notice, "--org", String(unitId)]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("内容未变化");
    expect(await withDatabase((runtime) => count(runtime, "findings"))).toBe(6);

    const output = path.join(dataDir, "台账.xlsx");
    const exported = run(["export", "--inspection", String(result.inspectionId), "--kind", "ledger", "-o", output]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("已生成");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
    expect(String(workbook.getWorksheet("整改台账")!.getCell(3, 3).value)).toContain("景区门票收入管理不规范");

    // An empty round to import the exported ledger into (set-up, not behaviour under test).
    const roundId = await withDatabase(async ({ db }) => (await db.query<{ id: number }>("insert into inspections (org_id, name) values ($1, '台账导入') returning id", [unitId]))[0].id);
    const ledger = run(["import-ledger", output, "--inspection", String(roundId)]);
    expect(ledger.status, ledger.stderr).toBe(0);
    expect(ledger.stdout).toContain("问题 6 个");
  });

  it("refuses bad ids and unknown kinds in Chinese before opening the database", async () => {
    await expect(runImport([notice], { org: "abc" })).rejects.toThrow(/单位编号（--org）应为正整数/);
    await expect(runExport({ inspection: "1", kind: "poster" })).rejects.toThrow(/不支持的导出内容“poster”/);
    await expect(runExport({ inspection: "1", kind: "notice", format: "rtf" })).rejects.toThrow(/不支持的输出格式“rtf”/);
  });
});
