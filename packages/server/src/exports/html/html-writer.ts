import type { DocumentBlock, DocumentModel, HeadingLevel, TextSpan } from "@zhenggai/core";
import { OFFICIAL_FONTS, OFFICIAL_PAGE, computeSignatureIndents } from "../official-layout.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Each official font is followed by the names it goes by on Windows, macOS and Linux (Noto CJK).
const FONT_STACKS = {
  title: `"${OFFICIAL_FONTS.title}", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  body: `"${OFFICIAL_FONTS.body}", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  heading1: `"${OFFICIAL_FONTS.heading1}", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  heading2: `"${OFFICIAL_FONTS.heading2}", "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC", serif`,
  pageNumber: `"${OFFICIAL_FONTS.pageNumber}", "SimSun", "STSong", "Noto Serif CJK SC", serif`,
};

/** The stylesheet of an official document page (GB/T 9704 geometry); classes are prefixed zg-. */
export const OFFICIAL_DOCUMENT_CSS = `
@page { size: A4; margin: ${OFFICIAL_PAGE.marginTopMm}mm ${OFFICIAL_PAGE.marginRightMm}mm ${OFFICIAL_PAGE.marginBottomMm}mm ${OFFICIAL_PAGE.marginLeftMm}mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: ${OFFICIAL_PAGE.pageNumberSizePt}pt ${FONT_STACKS.pageNumber}; padding-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: ${OFFICIAL_PAGE.pageNumberSizePt}pt ${FONT_STACKS.pageNumber}; padding-left: 1em; } }
.zg-document { box-sizing: content-box; max-width: ${OFFICIAL_PAGE.widthMm - OFFICIAL_PAGE.marginLeftMm - OFFICIAL_PAGE.marginRightMm}mm; margin: 0 auto; color: #000;
  font-family: ${FONT_STACKS.body}; font-size: ${OFFICIAL_PAGE.bodySizePt}pt; line-height: ${OFFICIAL_PAGE.lineSpacingPt}pt; text-align: justify; }
.zg-document h1, .zg-document h2, .zg-document h3, .zg-document h4, .zg-document h5, .zg-document p { margin: 0; font-size: ${OFFICIAL_PAGE.bodySizePt}pt; font-weight: normal; }
.zg-document h1 { font-family: ${FONT_STACKS.title}; font-size: ${OFFICIAL_PAGE.titleSizePt}pt; line-height: ${OFFICIAL_PAGE.titleLineSpacingPt}pt; text-align: center; margin-bottom: ${OFFICIAL_PAGE.lineSpacingPt}pt; }
.zg-document h1 span { display: block; }
.zg-document .zg-indent, .zg-document h2, .zg-document h3, .zg-document h4, .zg-document h5 { text-indent: 2em; }
.zg-document h2 { font-family: ${FONT_STACKS.heading1}; }
.zg-document h3 { font-family: ${FONT_STACKS.heading2}; }
.zg-document h4 { font-weight: bold; }
.zg-document h4 .zg-tail { font-weight: normal; }
.zg-document .zg-center { text-align: center; } .zg-document .zg-right { text-align: right; } .zg-document .zg-left { text-align: left; }
.zg-document table { width: 100%; border-collapse: collapse; margin: 0 0 ${OFFICIAL_PAGE.lineSpacingPt}pt; font-size: ${OFFICIAL_PAGE.tableSizePt}pt; line-height: 1.4; text-align: left; }
.zg-document th, .zg-document td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; }
.zg-document th { font-family: ${FONT_STACKS.heading1}; font-weight: normal; text-align: center; }
.zg-document .zg-signature { margin-top: ${OFFICIAL_PAGE.lineSpacingPt}pt; text-align: right; }
@media screen {
  body.zg-page { background: #e8e8e8; margin: 0; padding: 24px 0; }
  body.zg-page .zg-document { background: #fff; padding: ${OFFICIAL_PAGE.marginTopMm}mm ${OFFICIAL_PAGE.marginRightMm}mm ${OFFICIAL_PAGE.marginBottomMm}mm ${OFFICIAL_PAGE.marginLeftMm}mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}
`.trim();

function renderSpans(spans: readonly TextSpan[]): string {
  return spans.map((span) => (span.isStrong ? `<strong>${escapeHtml(span.text)}</strong>` : escapeHtml(span.text))).join("");
}

function tagOf(level: HeadingLevel): string {
  switch (level) {
    case 1:
      return "h2";
    case 2:
      return "h3";
    case 3:
      return "h4";
    case 4:
      return "h5";
  }
}

function renderBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case "title":
      return `<h1>${block.lines.map((line) => `<span>${escapeHtml(line)}</span>`).join("")}</h1>`;
    case "heading": {
      const tag = tagOf(block.level);
      const tail = block.tail ? `<span class="zg-tail">${escapeHtml(block.tail)}</span>` : "";
      return `<${tag}>${escapeHtml(`${block.number}${block.text}`)}${tail}</${tag}>`;
    }
    case "paragraph": {
      const classes = [block.isIndented ? "zg-indent" : "", block.align === "justify" ? "" : `zg-${block.align}`].filter(Boolean);
      return `<p${classes.length > 0 ? ` class="${classes.join(" ")}"` : ""}>${renderSpans(block.spans)}</p>`;
    }
    case "table": {
      const total = block.columns.reduce((sum, column) => sum + column.weight, 0) || 1;
      const columns = block.columns.map((column) => `<col style="width:${((100 * column.weight) / total).toFixed(2)}%">`).join("");
      const header = block.columns.map((column) => `<th>${escapeHtml(column.header)}</th>`).join("");
      const rows = block.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell).replace(/\r?\n/g, "<br>")}</td>`).join("")}</tr>`)
        .join("\n");
      return `<table><colgroup>${columns}</colgroup><thead><tr>${header}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case "signature": {
      const indents = computeSignatureIndents(block.lines);
      const lines = block.lines.map((line, index) => `<p style="padding-right:${indents[index]}em">${escapeHtml(line)}</p>`);
      return `<div class="zg-signature">${lines.join("")}</div>`;
    }
  }
}

/** Renders a document as an HTML fragment (an <article>) for embedding, e.g. as the public notice page's body. */
export function renderHtmlBody(document: DocumentModel): string {
  return `<article class="zg-document" lang="zh-CN">\n${document.blocks.map(renderBlock).join("\n")}\n</article>`;
}

/** Renders a document as a standalone HTML page styled like the printed document. */
export function renderHtmlDocument(document: DocumentModel): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>\n${OFFICIAL_DOCUMENT_CSS}\n</style>`,
    "</head>",
    '<body class="zg-page">',
    renderHtmlBody(document),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
