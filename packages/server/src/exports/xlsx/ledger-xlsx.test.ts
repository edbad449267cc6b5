import type { SnapshotFinding } from "@zhenggai/core";
import { comparableLedger } from "../../test/ledger-compare.ts";
import { createSampleLedgerSnapshot, listStatusLabels } from "@zhenggai/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { detectLedgerField, ledgerRowsToSnapshotFindings, parseDueText, readLedgerWorkbook } from "./ledger-reader.ts";
import { LEDGER_SHEET_NAME, writeLedgerWorkbook } from "./ledger-writer.ts";

function comparable(findings: readonly SnapshotFinding[]) {
  return comparableLedger(findings, { withEvidenceCount: true });
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("ledger XLSX round trip", () => {
  it.each([1, 2, 3, 4, 5])("generated ledger #%i → XLSX → read gives the same findings, measures, people, dates and statuses", async (seed) => {
    const snapshot = createSampleLedgerSnapshot({ seed, findings: 6 + seed * 3, immediateFindings: seed % 3 });
    const bytes = await writeLedgerWorkbook(snapshot);
    const read = await readLedgerWorkbook(bytes);
    expect(read.warnings).toEqual([]);
    expect(read.sheetName).toBe("整改台账");
    expect(comparable(ledgerRowsToSnapshotFindings(read.rows))).toEqual(comparable(snapshot.findings));
  });
});

describe("writeLedgerWorkbook", () => {
  it("writes the usual columns, a frozen header, widths, merged finding cells, Excel dates and a status list", async () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 3, findings: 8 });
    const workbook = await loadWorkbook(await writeLedgerWorkbook(snapshot));
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getRow(2).values).toEqual([
      undefined, "序号", "问题类别", "反馈问题", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "整改进展", "整改状态", "佐证材料", "备注", "原定时限", "调整后时限",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.getColumn(3).width).toBe(36);
    const multi = snapshot.findings.findIndex((finding) => finding.measures.length > 1);
    const firstRow = 3 + snapshot.findings.slice(0, multi).reduce((sum, finding) => sum + Math.max(1, finding.measures.length), 0);
    const merged = sheet.getCell(firstRow + 1, 3);
    expect(merged.isMerged).toBe(true);
    expect(merged.master.address).toBe(`C${firstRow}`);
    const dated = snapshot.findings.flatMap((f) => f.measures).findIndex((m) => m.dueDate !== null);
    expect(sheet.getCell(3 + dated, 8).value).toBeInstanceOf(Date);
    expect(sheet.getCell(3 + dated, 8).numFmt).toBe('yyyy"年"m"月"d"日"');
    // 申请延期: the original date is always printed; the adjusted one only when an extension moved it.
    expect(sheet.getCell(3 + dated, 13).value).toEqual(sheet.getCell(3 + dated, 8).value);
    expect(sheet.getCell(3 + dated, 14).value).toBe("");
    const validation = sheet.getCell(3, 10).dataValidation;
    expect(validation.type).toBe("list");
    expect(validation.formulae).toEqual([`"${listStatusLabels().join(",")}"`]);
  });
});

describe("ledger export of extended measures", () => {
  it("carries 原定时限 and 调整后时限, and reading it back keeps the date in force", async () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 2, findings: 4 });
    const measure = snapshot.findings.flatMap((f) => f.measures).find((m) => m.dueDate !== null)!;
    measure.originalDueDate = measure.dueDate;
    measure.dueDate = "2027-03-31";
    const bytes = await writeLedgerWorkbook(snapshot);
    const sheet = (await loadWorkbook(bytes)).getWorksheet(LEDGER_SHEET_NAME)!;
    const row = sheet.getColumn(4).values.findIndex((v) => v === measure.text);
    expect((sheet.getCell(row, 13).value as Date).toISOString().slice(0, 10)).toBe(measure.originalDueDate);
    expect((sheet.getCell(row, 14).value as Date).toISOString().slice(0, 10)).toBe("2027-03-31");
    const read = await readLedgerWorkbook(bytes);
    expect(read.warnings).toEqual([]);
    expect(read.rows.find((r) => r.measure === measure.text)?.dueDate).toBe("2027-03-31");
  });
});

describe("readLedgerWorkbook on sheets made by hand", () => {
  async function buildSheet(rows: unknown[][], merges: [number, number, number, number][] = []): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    rows.forEach((row, index) => (sheet.getRow(index + 1).values = row as ExcelJS.CellValue[]));
    for (const [top, left, bottom, right] of merges) sheet.mergeCells(top, left, bottom, right);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it("maps synonym headers, resolves merges, reads text dates and status words", async () => {
    const bytes = await buildSheet(
      [
        ["桐溪县卫健局巡察整改任务清单"],
        ["编号", "问题描述", "具体措施", "牵头领导", "责任科室", "具体责任人", "整改时限", "推进情况", "完成状态", "备注（其他）"],
        [1, "药品采购台账不全。一是入库登记不及时；二是盘点流于形式", "补齐台账", "周明远", "药政股", "许丽华", "2025年3月31日", "已补齐", "已完成", ""],
        [null, null, "建立月度盘点制度", "周明远", "药政股", "许丽华", "长期坚持", "已印发", "已整改，长期坚持", ""],
        [2, "家庭医生签约服务质量不高", "开展专项督导", "林秀芳", "基层卫生股", "宋雨桐", "2025.6.30", "督导过半", "正在整改", "跨科室"],
        [null, null, "年底前完成回访", "林秀芳", "基层卫生股", "宋雨桐", "2025年12月底", "", "未启动", ""],
        [3, "公务接待审批不严", "修订接待办法", "郑国栋", "办公室", "韩晓岚", new Date(Date.UTC(2025, 4, 20)), "", "阶段性完成", ""],
      ],
      [
        [3, 1, 4, 1],
        [3, 2, 4, 2],
      ],
    );
    const read = await readLedgerWorkbook(bytes);
    expect(read.headerRow).toBe(2);
    expect(read.columns.map((column) => column.field)).toEqual([
      "number", "finding", "measure", "leader", "department", "owner", "dueDate", "progress", "status", "note",
    ]);
    expect(read.warnings).toEqual([]);
    expect(read.rows.map((row) => [row.number, row.dueDate, row.dueKind, row.status])).toEqual([
      ["1", "2025-03-31", "date", "completed"],
      ["1", null, "long_term", "completed_long_term"],
      ["2", "2025-06-30", "date", "in_progress"],
      [null, "2025-12-31", "date", "not_started"],
      ["3", "2025-05-20", "date", "phased"],
    ]);
    const findings = ledgerRowsToSnapshotFindings(read.rows);
    expect(findings.map((f) => [f.number, f.title, f.subPoints, f.measures.length, f.status])).toEqual([
      ["1", "药品采购台账不全", ["一是入库登记不及时", "二是盘点流于形式"], 2, "completed_long_term"],
      ["2", "家庭医生签约服务质量不高", [], 2, "in_progress"],
      ["3", "公务接待审批不严", [], 1, "phased"],
    ]);
    expect(findings[0].measures[1].kind).toBe("long_term");
    expect(findings[1].measures[0].note).toBe("跨科室");
  });

  it("warns about unreadable dates and statuses and refuses sheets without a ledger header", async () => {
    const bytes = await buildSheet([
      ["问题", "整改措施", "责任单位", "完成时间", "状态"],
      ["台账不全", "补齐", "办公室", "尽快", "看情况"],
    ]);
    const read = await readLedgerWorkbook(bytes);
    expect(read.warnings).toEqual(["第2行完成时限“尽快”无法识别为日期", "第2行整改状态“看情况”无法识别"]);
    const empty = await buildSheet([["姓名", "电话"], ["某某", "123"]]);
    await expect(readLedgerWorkbook(empty)).rejects.toThrow(AppError);
    await expect(readLedgerWorkbook(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });
});

describe("parseDueText", () => {
  it.each<[unknown, string | null, string]>([
    ["2024年12月31日", "2024-12-31", "date"],
    ["2024.12.31", "2024-12-31", "date"],
    ["2024-12-31", "2024-12-31", "date"],
    ["2024/1/5前", "2024-01-05", "date"],
    ["2024年2月", "2024-02-29", "date"],
    ["2024年底", "2024-12-31", "date"],
    ["长期坚持", null, "long_term"],
    ["2025年6月30日前完成并长期坚持", "2025-06-30", "long_term"],
    ["立行立改", null, "immediate"],
    ["", null, "none"],
    ["2024年2月30日", "2024-02-29", "date"],
    [45657, "2024-12-31", "date"],
    ["尽快", null, "unreadable"],
  ])("%s → %s (%s)", (input, date, kind) => {
    expect(parseDueText(input as string)).toEqual({ dueDate: date, dueKind: kind });
  });
});

describe("detectLedgerField", () => {
  it.each<[string, string | null]>([
    ["问题", "finding"],
    ["问题类别", "category"],
    ["存在问题", "finding"],
    ["整改时限", "dueDate"],
    ["完成时间", "dueDate"],
    ["分管领导", "leader"],
    ["牵头单位", "department"],
    ["责任单位（部门）", "department"],
    ["整改完成情况", "progress"],
    ["序 号", "number"],
    ["联系电话", null],
  ])("%s → %s", (header, field) => {
    expect(detectLedgerField(header)).toBe(field);
  });
});
