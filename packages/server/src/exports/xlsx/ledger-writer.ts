import type { LedgerSnapshot, SnapshotFinding, SnapshotMeasure } from "@zhenggai/core";
import { formatChineseDate, labelStatus, listStatusLabels } from "@zhenggai/core";
import { loadExcelJS } from "./load-exceljs.ts";

/** Name of the ledger sheet. */
export const LEDGER_SHEET_NAME = "整改台账";

/** The ledger's columns in the usual layout, with widths in characters. */
export const LEDGER_COLUMNS = [
  { header: "序号", width: 6 },
  { header: "问题类别", width: 16 },
  { header: "反馈问题", width: 36 },
  { header: "整改措施", width: 40 },
  { header: "责任领导", width: 10 },
  { header: "责任部门", width: 14 },
  { header: "责任人", width: 10 },
  { header: "完成时限", width: 16 },
  { header: "整改进展", width: 36 },
  { header: "整改状态", width: 16 },
  { header: "佐证材料", width: 10 },
  { header: "备注", width: 16 },
  // 申请延期: the date first set, and the date after approved extensions (empty when never extended).
  { header: "原定时限", width: 16 },
  { header: "调整后时限", width: 16 },
] as const;

// Rows below the data that still get the status drop-down, so clerks can add measures by hand.
const SPARE_VALIDATED_ROWS = 200;
const TITLE_ROW = 1;
const HEADER_ROW = 2;
const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function toExcelDate(date: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function formatFindingCell(finding: SnapshotFinding): string {
  return [finding.title, ...finding.subPoints].join("\n");
}

function dueCellOf(measure: SnapshotMeasure): Date | string {
  if (measure.dueDate) return toExcelDate(measure.dueDate);
  switch (measure.kind) {
    case "long_term":
      return "长期坚持";
    case "immediate":
      return "立行立改";
    case "deadline":
      return "";
  }
}

function extensionCells(measure: SnapshotMeasure): (string | Date)[] {
  const original = measure.originalDueDate ?? measure.dueDate;
  const isExtended = !!measure.dueDate && !!original && original !== measure.dueDate;
  return [original ? toExcelDate(original) : "", isExtended ? toExcelDate(measure.dueDate as string) : ""];
}

function measureCells(measure: SnapshotMeasure | null): (string | Date)[] {
  if (!measure) return ["", "", "", "", "", "", "", "", "", "", ""];
  return [
    measure.text,
    measure.leader ?? "",
    measure.department ?? "",
    measure.owner ?? "",
    dueCellOf(measure),
    measure.progress ?? "",
    labelStatus(measure.status),
    measure.evidenceCount > 0 ? `${measure.evidenceCount}份` : "",
    measure.note ?? "",
    ...extensionCells(measure),
  ];
}

/** Writes a ledger snapshot as the Excel ledger (整改台账): one row per measure, finding cells merged across its measures. */
export async function writeLedgerWorkbook(snapshot: LedgerSnapshot): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "zhenggai";
  workbook.created = new Date(`${snapshot.asOf}T00:00:00Z`);
  const sheet = workbook.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = LEDGER_COLUMNS.map((column) => ({ width: column.width }));

  const issuer = snapshot.org.partyOrgName ?? snapshot.org.name;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, LEDGER_COLUMNS.length);
  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = `${issuer}${snapshot.inspection.groupName ?? ""}巡察反馈问题整改台账（截至${formatChineseDate(snapshot.asOf)}）`;
  title.font = { name: "黑体", size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(TITLE_ROW).height = 32;

  const header = sheet.getRow(HEADER_ROW);
  header.values = LEDGER_COLUMNS.map((column) => column.header);
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = BORDER;
  });

  let rowNumber = HEADER_ROW + 1;
  for (const finding of snapshot.findings) {
    const measures: (SnapshotMeasure | null)[] = finding.measures.length > 0 ? finding.measures : [null];
    const first = rowNumber;
    for (const measure of measures) {
      const row = sheet.getRow(rowNumber);
      row.values = [finding.number, finding.category ?? "", formatFindingCell(finding), ...measureCells(measure)];
      rowNumber += 1;
    }
    if (measures.length > 1) {
      // 序号, 问题类别 and 反馈问题 belong to the finding: one merged cell spanning its measures.
      for (let column = 1; column <= 3; column += 1) sheet.mergeCells(first, column, rowNumber - 1, column);
    }
  }
  const lastRow = rowNumber - 1;
  for (let row = HEADER_ROW + 1; row <= lastRow; row += 1) {
    sheet.getRow(row).eachCell({ includeEmpty: true }, (cell, column) => {
      cell.font = { name: "仿宋_GB2312", size: 11 };
      cell.alignment = { vertical: "middle", horizontal: column === 1 ? "center" : "left", wrapText: true };
      cell.border = BORDER;
      if (column === 8 || column === 13 || column === 14) cell.numFmt = DATE_FORMAT;
    });
  }
  const statusList = `"${listStatusLabels().join(",")}"`;
  for (let row = HEADER_ROW + 1; row <= lastRow + SPARE_VALIDATED_ROWS; row += 1) {
    sheet.getCell(row, 10).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [statusList],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: "整改状态",
      error: `请从列表中选择：${listStatusLabels().join("、")}`,
    };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
