// Worker-thread entry: reads an uploaded file (notice text, Excel ledger) away from the thread that
// answers HTTP requests. Zip-based files are inflated once with hard size caps before a parser sees
// them. Failures come back as values, so their code and Chinese message survive the thread boundary.
import { AppError, type ErrorCode } from "../errors.ts";
import { readLedgerWorkbookWithMapping, type LedgerColumnMappingInput } from "../exports/xlsx/ledger-mapping.ts";
import type { LedgerWorkbook } from "../exports/xlsx/ledger-reader.ts";
import { extractNoticeText, type ExtractedNoticeText } from "../files/extract-text.ts";
import { checkActualZipSizes } from "../files/zip-limits.ts";

/** One task for the worker. */
export type ExtractTask =
  | { kind: "notice"; bytes: Uint8Array; fileName: string }
  | { kind: "ledger"; bytes: Uint8Array; mapping?: LedgerColumnMappingInput };

/** What the worker answers: the result, or the refusal with its stable code. */
export type ExtractOutcome<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; details?: unknown };

/** Handles one task (Piscina calls the default export). */
export default async function extract(task: ExtractTask): Promise<ExtractOutcome<ExtractedNoticeText | LedgerWorkbook>> {
  try {
    if (task.kind === "ledger") {
      checkActualZipSizes(task.bytes);
      return { ok: true, value: await readLedgerWorkbookWithMapping(task.bytes, task.mapping) };
    }
    if (/\.docx$/i.test(task.fileName)) checkActualZipSizes(task.bytes);
    return { ok: true, value: await extractNoticeText(task.bytes, task.fileName) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, details: error.details };
    throw error;
  }
}
