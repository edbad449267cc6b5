// A ledger workbook read with the column mapping a user chose in the import preview.
import ExcelJS from "exceljs";
import { AppError } from "../../errors.ts";
import { readLedgerWorkbook, type LedgerField, type LedgerWorkbook } from "./ledger-reader.ts";
import { LEDGER_SHEET_NAME } from "./ledger-writer.ts";

/** A header → field override for a ledger sheet: keys are 1-based column numbers or header texts. */
export type LedgerColumnMappingInput = Record<string, LedgerField | null>;

const CANONICAL_HEADERS: Record<LedgerField, string> = {
  number: "序号",
  category: "问题类别",
  finding: "反馈问题",
  measure: "整改措施",
  leader: "责任领导",
  department: "责任部门",
  owner: "责任人",
  dueDate: "完成时限",
  progress: "整改进展",
  status: "整改状态",
  evidence: "佐证材料",
  note: "备注",
};

/** Reads a ledger workbook; a column mapping rewrites the detected header cells to the chosen fields before reading. */
export async function readLedgerWorkbookWithMapping(bytes: Uint8Array, mapping: LedgerColumnMappingInput | undefined): Promise<LedgerWorkbook> {
  const first = await readLedgerWorkbook(bytes);
  if (!mapping || Object.keys(mapping).length === 0) return first;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(first.sheetName) ?? workbook.getWorksheet(LEDGER_SHEET_NAME);
  if (!sheet) return first;
  const header = sheet.getRow(first.headerRow);
  for (const [key, field] of Object.entries(mapping)) {
    const column = /^\d+$/.test(key) ? Number(key) : first.columns.find((entry) => entry.header === key)?.column;
    if (column === undefined || column < 1) throw new AppError("VALIDATION_FAILED", `列映射中的“${key}”不是表头中的列`);
    if (field !== null && !(field in CANONICAL_HEADERS)) throw new AppError("VALIDATION_FAILED", `列映射中的字段“${String(field)}”无效`);
    // Unmap any other column holding the field, so the chosen column wins.
    if (field) {
      for (const entry of first.columns) {
        if (entry.field === field && entry.column !== column) header.getCell(entry.column).value = "（忽略）";
      }
    }
    header.getCell(column).value = field ? CANONICAL_HEADERS[field] : "（忽略）";
  }
  const rewritten = new Uint8Array(await workbook.xlsx.writeBuffer());
  return readLedgerWorkbook(rewritten);
}
