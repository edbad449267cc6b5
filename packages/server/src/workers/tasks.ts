import type { DocumentModel, LedgerSnapshot } from "@zhenggai/core";
import { AppError, type ErrorCode } from "../errors.ts";
import type { DocumentFormat } from "../exports/render-document.ts";

// The tasks a worker thread can run, by name: their payloads and results must survive structured
// cloning (plain data; byte results travel as transferred buffers). Each loads its modules on first
// use, so a worker starts light.

/** Payload and result of each task. */
export interface Tasks {
  /** Renders a document (DOCX, PDF, HTML, Markdown, text). */
  "render-document": { payload: { document: DocumentModel; format: DocumentFormat }; result: Uint8Array };
  /** Writes the Excel ledger of a round. */
  "write-ledger-workbook": { payload: { snapshot: LedgerSnapshot }; result: Uint8Array };
}

/** A task's name. */
export type TaskName = keyof Tasks;
/** A task's payload. */
export type TaskPayload<N extends TaskName> = Tasks[N]["payload"];
/** A task's result. */
export type TaskResult<N extends TaskName> = Tasks[N]["result"];

/** Runs a task on the current thread (a worker's, or the caller's when the pool has no threads). */
export async function runTask<N extends TaskName>(task: N, payload: TaskPayload<N>): Promise<TaskResult<N>> {
  switch (task) {
    case "render-document": {
      const { document, format } = payload as TaskPayload<"render-document">;
      return (await import("../exports/render-document.ts")).renderDocument(document, format) as Promise<TaskResult<N>>;
    }
    case "write-ledger-workbook": {
      const { snapshot } = payload as TaskPayload<"write-ledger-workbook">;
      return (await import("../exports/xlsx/ledger-writer.ts")).writeLedgerWorkbook(snapshot) as Promise<TaskResult<N>>;
    }
    default:
      throw new Error(`unknown worker task: ${String(task)}`);
  }
}

/** A task's failure as it crosses the thread boundary. */
interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: unknown;
}

/**
 * A worker's answer: a byte result itself (transferred, not copied), any other result wrapped, or
 * the error as a value.
 */
export type WorkerReply = Uint8Array | { ok: true; result: unknown } | { ok: false; error: WireError };

/** Turns an error into its wire form. */
export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return { name: "AppError", message: error.message, code: error.code, details: error.details };
  if (error instanceof Error) return { name: error.name, message: error.stack ?? error.message };
  return { name: "Error", message: String(error) };
}

/** Turns a wire error back into an error (AppErrors keep their code). */
export function fromWireError(wire: WireError): Error {
  if (wire.name === "AppError" && wire.code) return new AppError(wire.code, wire.message, wire.details);
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
