import type { DocumentModel } from "@zhenggai/core";
import { renderMarkdown, renderText } from "@zhenggai/core";
import { renderDocx } from "./docx/docx-writer.ts";
import { renderHtmlDocument } from "./html/html-writer.ts";
import { renderPdf } from "./pdf/pdf-writer.ts";

export { renderDocx } from "./docx/docx-writer.ts";
export { renderPdf, findCjkFonts } from "./pdf/pdf-writer.ts";
export type { PdfFontFace, PdfFontSet } from "./pdf/pdf-writer.ts";
export { mapCjkRadicals } from "./pdf/cjk-radicals.ts";
export { renderHtmlBody, renderHtmlDocument, escapeHtml, OFFICIAL_DOCUMENT_CSS } from "./html/html-writer.ts";
export { writeLedgerWorkbook, LEDGER_SHEET_NAME, LEDGER_COLUMNS } from "./xlsx/ledger-writer.ts";
export { readLedgerWorkbook, ledgerRowsToSnapshotFindings, parseDueText, detectLedgerColumns, detectLedgerField } from "./xlsx/ledger-reader.ts";
export type { LedgerField, LedgerSheetRow, LedgerWorkbook, LedgerColumnMapping, DueKind } from "./xlsx/ledger-reader.ts";
export { writeCheckSummaryWorkbook, CHECK_SUMMARY_SHEETS } from "./xlsx/check-summary-writer.ts";

/** Output formats of a report document. */
export type DocumentFormat = "docx" | "pdf" | "html" | "md" | "txt";

/** All document formats, for option validation. */
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ["docx", "pdf", "html", "md", "txt"];

/** Returns the MIME type of a document format. */
export function mimeTypeOf(format: DocumentFormat): string {
  switch (format) {
    case "docx":
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case "pdf":
      return "application/pdf";
    case "html":
      return "text/html; charset=utf-8";
    case "md":
      return "text/markdown; charset=utf-8";
    case "txt":
      return "text/plain; charset=utf-8";
  }
}

/** Renders a report document in one format; every writer walks the same block document. */
export async function renderDocument(document: DocumentModel, format: DocumentFormat): Promise<Uint8Array> {
  switch (format) {
    case "docx":
      return renderDocx(document);
    case "pdf":
      return renderPdf(document);
    case "html":
      return new TextEncoder().encode(renderHtmlDocument(document));
    case "md":
      return new TextEncoder().encode(renderMarkdown(document));
    case "txt":
      return new TextEncoder().encode(renderText(document));
  }
}
export { writeTableWorkbook } from "./xlsx/table-writer.ts";
export type { TableColumn, TableExport } from "./xlsx/table-writer.ts";
