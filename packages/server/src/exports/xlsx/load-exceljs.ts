import type ExcelJS from "exceljs";

/** Loads exceljs on first use: it costs about a third of a second of CPU, which no start-up should pay. */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
