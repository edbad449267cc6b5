// A ledger workbook read with the column mapping a user chose in the import preview.
import { LEDGER_FIELD_HEADERS } from "@zhenggai/core";
import { loadExcelJS } from "./load-exceljs.ts";
import { AppError } from "../../errors.ts";
import { readLedgerWorkbook, type LedgerField, type LedgerWorkbook } from "./ledger-reader.ts";
import { LEDGER_SHEET_NAME } from "./ledger-writer.ts";

/** A header → field override for a ledger sheet: keys are 1-based column numbers or header texts. */
export type LedgerColumnMappingInput = Record<string, LedgerField | null>;

/** Reads a ledger workbook; a column mapping rewrites the detected header cells to the chosen fields before reading. */
export async function readLedgerWorkbookWithMapping(bytes: Uint8Array, mapping: LedgerColumnMappingInput | undefined): Promise<LedgerWorkbook> {
  const first = await readLedgerWorkbook(bytes);
  if (!mapping || Object.keys(mapping).length === 0) return first;
  const workbook = new (await loadExcelJS()).Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(first.sheetName) ?? workbook.getWorksheet(LEDGER_SHEET_NAME);
  if (!sheet) return first;
  const header = sheet.getRow(first.headerRow);
  for (const [key, field] of Object.entries(mapping)) {
    const column = /^\d+$/.test(key) ? Number(key) : first.columns.find((entry) => entry.header === key)?.column;
    if (column === undefined || column < 1) throw new AppError("VALIDATION_FAILED", `列映射中的“${key}”不是表头中的列`);
    if (field !== null && !(field in LEDGER_FIELD_HEADERS)) throw new AppError("VALIDATION_FAILED", `列映射中的字段“${String(field)}”无效`);
    // Unmap any other column holding the field, so the chosen column wins.
    if (field) {
      for (const entry of first.columns) {
        if (entry.field === field && entry.column !== column) header.getCell(entry.column).value = "（忽略）";
      }
    }
    header.getCell(column).value = field ? LEDGER_FIELD_HEADERS[field] : "（忽略）";
  }
  const rewritten = new Uint8Array(await workbook.xlsx.writeBuffer());
  return readLedgerWorkbook(rewritten);
}
