export { renderDocx } from "./docx/docx-writer.ts";
export { renderPdf, findCjkFonts } from "./pdf/pdf-writer.ts";
export type { PdfFontFace, PdfFontSet } from "./pdf/pdf-writer.ts";
export { mapCjkRadicals } from "./pdf/cjk-radicals.ts";
export { renderHtmlBody, renderHtmlDocument, escapeHtml, OFFICIAL_DOCUMENT_CSS } from "./html/html-writer.ts";
export { writeLedgerWorkbook, LEDGER_SHEET_NAME, LEDGER_COLUMNS } from "./xlsx/ledger-writer.ts";
export { readLedgerWorkbook, ledgerRowsToSnapshotFindings, parseDueText, detectLedgerColumns, detectLedgerField } from "./xlsx/ledger-reader.ts";
export type { LedgerField, LedgerSheetRow, LedgerWorkbook, LedgerColumnMapping, DueKind } from "./xlsx/ledger-reader.ts";
export { writeCheckSummaryWorkbook, CHECK_SUMMARY_SHEETS } from "./xlsx/check-summary-writer.ts";

export { DOCUMENT_FORMATS, mimeTypeOf, renderDocument, type DocumentFormat } from "./render-document.ts";
export { writeTableWorkbook } from "./xlsx/table-writer.ts";
export type { TableColumn, TableExport } from "./xlsx/table-writer.ts";
