import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { generateNotice, layoutOf } from "../../../core/src/parser/fixtures/notice-factory.ts";
import { registerCheckCommand } from "./check.ts";
import { runCommand } from "../test/run-command.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "zg-check-"));
const run = (args: string[]) => runCommand([registerCheckCommand], args);

afterEach(() => {
  process.exitCode = 0;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? "" : String(value)))));
  return rows;
}

describe("zhenggai check over a folder", () => {
  const folder = path.join(dir, "notices");
  mkdirSync(path.join(folder, "乡镇"), { recursive: true });
  for (let index = 0; index < 100; index++) {
    // Half of them one level down: a folder is searched recursively.
    const name = `通报${String(index).padStart(3, "0")}.txt`;
    writeFileSync(path.join(folder, index % 2 === 0 ? name : path.join("乡镇", name)), generateNotice(index));
  }
  const unreadable = Array.from({ length: 100 }, (_, index) => index).filter((index) => layoutOf(index) === "news");

  it("writes the xlsx summary: a row per notice and a sheet of every finding", async () => {
    const output = path.join(dir, "检查汇总.xlsx");
    const { exitCode, stderr } = await run(["check", folder, "--format", "xlsx", "-o", output]);
    // Feedback news in the folder has no problem list: the run is not a pass.
    expect(exitCode).toBe(1);
    expect(stderr).toContain("STRUCTURE_NOT_FOUND");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const notices = sheetRows(workbook.getWorksheet("通报汇总") as ExcelJS.Worksheet);
    expect(notices[0].slice(0, 5)).toEqual(["文件", "发文单位", "标题", "发布日期", "列出问题数"]);
    expect(notices).toHaveLength(101);
    const byFile = new Map(notices.slice(1).map((cells) => [path.basename(cells[0]), cells]));
    const first = byFile.get("通报000.txt") as string[];
    expect(first[1]).toBe("中共县农业农村局党组");
    expect(first[4]).toBe("6");
    expect(first[5]).toBe("6");
    const findings = sheetRows(workbook.getWorksheet("检查发现") as ExcelJS.Worksheet);
    expect(findings[0]).toEqual(["文件", "级别", "代码", "名称", "说明", "涉及问题序号", "原文"]);
    const structureRows = findings.filter((cells) => cells[2] === "STRUCTURE_NOT_FOUND");
    expect(structureRows.map((cells) => path.basename(cells[0])).sort()).toEqual(unreadable.map((index) => `通报${String(index).padStart(3, "0")}.txt`).sort());
    expect(structureRows.every((cells) => cells[1] === "错误")).toBe(true);
    for (const index of unreadable) expect(byFile.get(`通报${String(index).padStart(3, "0")}.txt`)?.[4]).toBe("0");
  });

  it("prints the summary table with one line per notice, and JSON with the same rows", async () => {
    const table = await run(["check", folder]);
    expect(table.stdout).toContain("共检查100份通报");
    expect(table.stdout).toContain(`未识别出问题清单的${unreadable.length}份`);
    const json = await run(["check", folder, "--format", "json"]);
    const rows = JSON.parse(json.stdout) as { file: string; hasStructure: boolean; findings: { code: string }[] }[];
    expect(rows).toHaveLength(100);
    expect(rows.filter((row) => !row.hasStructure)).toHaveLength(unreadable.length);
  });
});

describe("zhenggai check on a text with no readable problem list", () => {
  it("exits non-zero with STRUCTURE_NOT_FOUND instead of reporting nothing found", async () => {
    const file = path.join(dir, "反馈会.txt");
    writeFileSync(file, generateNotice(9));
    const { stdout, exitCode } = await run(["check", file]);
    expect(exitCode).not.toBe(0);
    expect(stdout).toContain("未识别出问题清单（STRUCTURE_NOT_FOUND）");
    expect(stdout).not.toMatch(/^未发现问题。$/m);
  });

  it("refuses xlsx output without -o", async () => {
    await expect(run(["check", dir, "--format", "xlsx"])).rejects.toThrow(/-o/);
  });
});
