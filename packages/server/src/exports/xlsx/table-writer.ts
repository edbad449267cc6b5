import { loadExcelJS } from "./load-exceljs.ts";

/** One column of a list export: its header, width in characters and how a row fills it. */
export interface TableColumn<T> {
  header: string;
  width: number;
  value(row: T): string | number | null;
}

/** A list as a sheet: title, the moment it was taken, columns and rows. */
export interface TableExport<T> {
  title: string;
  /** Shown under the title, e.g. the filters and the date ("截至 2026-06-15"). */
  subtitle: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
}

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Writes any on-screen list as an Excel workbook: a title row, a subtitle row, a bold frozen
 * header and bordered, wrapped cells; A4 landscape, one page wide, header repeated when printed.
 */
export async function writeTableWorkbook<T>(table: TableExport<T>): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "zhenggai";
  // Sheet names may not exceed 31 characters nor hold []:*?/\.
  const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, "").slice(0, 31) || "列表", {
    views: [{ state: "frozen", ySplit: 3, topLeftCell: "A4", activeCell: "A4" }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" },
  });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  const width = Math.max(table.columns.length, 1);
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { name: "黑体", size: 15, bold: true };
  sheet.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(1).height = 28;
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = table.subtitle;
  sheet.getCell(2, 1).font = { size: 10, color: { argb: "FF666666" } };
  const header = sheet.getRow(3);
  header.values = table.columns.map((column) => column.header);
  header.eachCell((cell) => {
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = BORDER;
  });
  table.rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(4 + index);
    sheetRow.values = table.columns.map((column) => column.value(row) ?? "");
    sheetRow.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { vertical: "top", wrapText: true };
      cell.border = BORDER;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
