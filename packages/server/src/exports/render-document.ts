import { renderMarkdown, renderText, type DocumentModel } from "@zhenggai/core";

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

/**
 * Renders a report document in one format; every writer walks the same block document. Writers
 * are loaded on first use, so neither the CLI nor the server pays for pdfkit or docx until needed.
 */
export async function renderDocument(document: DocumentModel, format: DocumentFormat): Promise<Uint8Array> {
  switch (format) {
    case "docx":
      return (await import("./docx/docx-writer.ts")).renderDocx(document);
    case "pdf":
      return (await import("./pdf/pdf-writer.ts")).renderPdf(document);
    case "html":
      return new TextEncoder().encode((await import("./html/html-writer.ts")).renderHtmlDocument(document));
    case "md":
      return new TextEncoder().encode(renderMarkdown(document));
    case "txt":
      return new TextEncoder().encode(renderText(document));
  }
}
