// Reading files users upload, which may be hostile: decompression limits checked before anything is
// inflated, then the parsing itself in a worker thread with memory and time limits (workers/), so a
// crafted file costs its sender a refusal and everyone else nothing.
import { AppError } from "../errors.ts";
import type { LedgerColumnMappingInput } from "../exports/xlsx/ledger-mapping.ts";
import type { LedgerWorkbook } from "../exports/xlsx/ledger-reader.ts";
import type { ExtractOutcome, ExtractTask } from "../workers/extract.worker.ts";
import { WorkerPool } from "../workers/worker-pool.ts";
import { extractNoticeText, type ExtractedNoticeText } from "./extract-text.ts";
import { checkDeclaredZipLimits } from "./zip-limits.ts";

/** Reads uploaded notices and ledgers off the request thread. */
export class UntrustedFileReader {
  private readonly pool: WorkerPool<ExtractTask, ExtractOutcome<ExtractedNoticeText | LedgerWorkbook>>;

  constructor(options: { maxThreads?: number; maxHeapMb?: number; timeoutMs?: number } = {}) {
    this.pool = new WorkerPool({ entry: new URL("../workers/extract.worker.ts", import.meta.url), ...options });
  }

  /** The text of a notice file (.txt, .md, .docx, .pdf, .html); FILE_LIMIT_EXCEEDED for a file over the limits. */
  async readNoticeText(bytes: Uint8Array, fileName: string): Promise<ExtractedNoticeText> {
    // Plain text is only decoded (one linear pass): not worth a thread.
    if (/\.(txt|text|md|markdown)$/i.test(fileName)) return extractNoticeText(bytes, fileName);
    if (/\.docx$/i.test(fileName)) checkDeclaredZipLimits(bytes);
    return this.unwrap(await this.pool.run({ kind: "notice", bytes, fileName })) as ExtractedNoticeText;
  }

  /** An Excel ledger read with an optional column mapping; FILE_LIMIT_EXCEEDED for a file over the limits. */
  async readLedgerWorkbook(bytes: Uint8Array, mapping?: LedgerColumnMappingInput): Promise<LedgerWorkbook> {
    checkDeclaredZipLimits(bytes);
    return this.unwrap(await this.pool.run({ kind: "ledger", bytes, mapping })) as LedgerWorkbook;
  }

  /** Threads running now (tests). */
  threadCount(): Promise<number> {
    return this.pool.threadCount();
  }

  /** Stops the worker threads. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private unwrap<T>(outcome: ExtractOutcome<T>): T {
    if (outcome.ok) return outcome.value;
    throw new AppError(outcome.code, outcome.message, outcome.details);
  }
}
