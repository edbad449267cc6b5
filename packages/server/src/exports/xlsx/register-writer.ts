import type { RegisterField } from "@zhenggai/core";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./load-exceljs.ts";

/** What one register sheet holds. */
export interface RegisterSheetInput {
  /** Title row above the table, e.g. 十五届县委第三轮巡察建章立制登记表. */
  title: string;
  sheetName: string;
  fields: Readonly<Record<string, RegisterField>>;
  /** Rows keyed by field name, plus voidedAt / voidReason when voided. */
  rows: readonly object[];
  /** Findings the rows may link to, to print their numbers and titles. */
  findings: readonly { id: number; number: string; title: string }[];
}

/** Column header of the validity column: 有效 or 已作废. */
export const VALIDITY_HEADER = "状态";
/** Text of the totals row's first cell. */
export const TOTAL_LABEL = "合计（不含已作废）";

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TITLE_ROW = 1;
const HEADER_ROW = 2;

function toExcelDate(date: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function describeFinding(findings: RegisterSheetInput["findings"], id: unknown): string {
  const finding = findings.find((f) => f.id === Number(id));
  if (!finding) return id === null || id === undefined ? "" : `#${String(id)}`;
  return `问题${finding.number}：${finding.title.length > 24 ? `${finding.title.slice(0, 24)}…` : finding.title}`;
}

function cellOf(field: RegisterField, value: unknown, findings: RegisterSheetInput["findings"]): ExcelJS.CellValue {
  if (value === null || value === undefined) return "";
  switch (field.type) {
    case "text":
      return String(value);
    case "choice":
      return field.choices?.find((c) => c.value === value)?.label ?? String(value);
    case "date":
      return typeof value === "string" ? toExcelDate(value) : "";
    case "integer":
      return Number(value);
    case "money":
      // Stored in integer fen; the sheet shows 元 with two decimals.
      return Number(value) / 100;
    case "finding":
      return describeFinding(findings, value);
    case "findings":
      return (Array.isArray(value) ? value : []).map((id) => describeFinding(findings, id)).join("\n");
  }
}

function widthOf(field: RegisterField): number {
  switch (field.type) {
    case "text":
      return field.isMultiline || (field.maxLength ?? 0) > 200 ? 36 : 18;
    case "findings":
    case "finding":
      return 30;
    case "date":
      return 12;
    case "money":
      return 14;
    default:
      return 10;
  }
}

/**
 * Writes a register as an Excel sheet: a title, one row per record (voided ones kept and marked
 * with their reason), and a totals row over the records that count.
 */
export async function writeRegisterWorkbook(input: RegisterSheetInput): Promise<Uint8Array> {
  const fields = Object.entries(input.fields);
  const rows = input.rows as readonly Record<string, unknown>[];
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "zhenggai";
  const sheet = workbook.addWorksheet(input.sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = ["序号", ...fields.map(([, f]) => (f.isPrivate ? `${f.label}（不公开）` : f.label)), VALIDITY_HEADER, "作废原因"];
  sheet.columns = [{ width: 6 }, ...fields.map(([, f]) => ({ width: widthOf(f) })), { width: 8 }, { width: 24 }];

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, headers.length);
  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = input.title;
  title.font = { name: "黑体", size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(TITLE_ROW).height = 30;

  const header = sheet.getRow(HEADER_ROW);
  header.values = headers;
  header.eachCell((cell) => {
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = BORDER;
  });

  rows.forEach((row, index) => {
    const isVoided = !!row.voidedAt;
    const excelRow = sheet.getRow(HEADER_ROW + 1 + index);
    excelRow.values = [index + 1, ...fields.map(([key, field]) => cellOf(field, row[key], input.findings)), isVoided ? "已作废" : "有效", isVoided ? String(row.voidReason ?? "") : ""];
    excelRow.eachCell({ includeEmpty: true }, (cell, column) => {
      const field = fields[column - 2]?.[1];
      cell.border = BORDER;
      cell.alignment = { vertical: "middle", wrapText: true, horizontal: column === 1 ? "center" : "left" };
      cell.font = { name: "仿宋_GB2312", size: 11, strike: isVoided, color: isVoided ? { argb: "FF888888" } : undefined };
      if (field?.type === "date") cell.numFmt = "yyyy-mm-dd";
      if (field?.type === "money") cell.numFmt = "#,##0.00";
    });
  });

  // Totals count only records that are not voided, as the notice does.
  const live = rows.filter((row) => !row.voidedAt);
  const totals = sheet.getRow(HEADER_ROW + 1 + rows.length);
  totals.values = [
    TOTAL_LABEL,
    ...fields.map(([key, field], index) => {
      if (field.type === "money") return live.reduce((sum, row) => sum + Number(row[key] ?? 0), 0) / 100;
      if (field.type === "integer") return live.reduce((sum, row) => sum + Number(row[key] ?? 0), 0);
      return index === 0 ? `${live.length} 条` : "";
    }),
    "",
    "",
  ];
  totals.eachCell({ includeEmpty: true }, (cell, column) => {
    cell.border = BORDER;
    cell.font = { name: "黑体", size: 11, bold: true };
    if (fields[column - 2]?.[1].type === "money") cell.numFmt = "#,##0.00";
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
