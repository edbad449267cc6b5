// The xlsx summary of `zhenggai check` over many notices: a sheet with a row per notice and a sheet of all findings.
import { CHECK_FINDING_HEADERS, CHECK_SUMMARY_HEADERS, checkRowCells, findingCells, type FileFinding, type NoticeCheckRow } from "@zhenggai/core";
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./load-exceljs.ts";

/** Sheet names of the check summary workbook. */
export const CHECK_SUMMARY_SHEETS = { notices: "通报汇总", findings: "检查发现" } as const;

const SUMMARY_WIDTHS = [28, 28, 40, 12, 10, 12, 10, 10, 8, 8, 8];
const FINDING_WIDTHS = [28, 8, 24, 18, 80, 14, 60];

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], widths: number[], rows: (string | number | null)[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = headers.map((header, index) => ({ header, width: widths[index] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? ""));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  for (let index = 2; index <= sheet.rowCount; index++) sheet.getRow(index).alignment = { vertical: "top", wrapText: true };
}

/** Writes the check summary: 通报汇总 (one row per notice) and 检查发现 (every finding with its file). */
export async function writeCheckSummaryWorkbook(rows: NoticeCheckRow[], findings: FileFinding[]): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "zhenggai";
  addSheet(workbook, CHECK_SUMMARY_SHEETS.notices, CHECK_SUMMARY_HEADERS, SUMMARY_WIDTHS, rows.map(checkRowCells));
  addSheet(workbook, CHECK_SUMMARY_SHEETS.findings, CHECK_FINDING_HEADERS, FINDING_WIDTHS, findings.map(findingCells));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
