import type { DocumentBlock, DocumentModel, HeadingLevel, TextSpan } from "./document-model.ts";
import { joinSpans } from "./document-model.ts";

const INDENT = "\u3000\u3000";

function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([#>+-])/, "$1\\$2")
    .replace(/^(\s*\d+)\.(\s)/, "$1\\.$2");
}

// CommonMark only closes ** when it is not preceded by punctuation followed by a letter, so a label
// such as "整改结果：" is written **整改结果**： with its colon outside the emphasis.
function renderMarkdownSpans(spans: readonly TextSpan[]): string {
  return spans
    .map((span) => {
      if (!span.isStrong || span.text.trim() === "") return escapeMarkdown(span.text);
      const match = /^(.*?)([\p{P}\s]*)$/u.exec(span.text);
      const core = match?.[1] ?? span.text;
      const trailing = match?.[2] ?? "";
      return core === "" ? escapeMarkdown(span.text) : `**${escapeMarkdown(core)}**${escapeMarkdown(trailing)}`;
    })
    .join("");
}

function markHeading(level: HeadingLevel, text: string): string {
  switch (level) {
    case 1:
      return `## ${escapeMarkdown(text)}`;
    case 2:
      return `### ${escapeMarkdown(text)}`;
    case 3:
    case 4:
      return renderMarkdownSpans([{ text, isStrong: true }]);
  }
}

function renderMarkdownBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case "title":
      return `# ${escapeMarkdown(block.lines.join(""))}`;
    case "heading": {
      const text = `${block.number}${block.text}`;
      const tail = block.tail ? escapeMarkdown(block.tail) : "";
      return `${markHeading(block.level, text)}${tail}`;
    }
    case "paragraph":
      return renderMarkdownSpans(block.spans);
    case "table": {
      const cell = (text: string): string => escapeMarkdown(text).replace(/\r?\n/g, "<br>");
      const header = `| ${block.columns.map((column) => cell(column.header)).join(" | ")} |`;
      const rule = `|${block.columns.map(() => "---").join("|")}|`;
      const rows = block.rows.map((row) => `| ${row.map(cell).join(" | ")} |`);
      return [header, rule, ...rows].join("\n");
    }
    case "signature":
      return block.lines.map(escapeMarkdown).join("\n\n");
  }
}

/** Renders a document as Markdown: title as #, 一、 as ##, （一） as ###, numbered headlines in bold, tables as pipe tables. */
export function renderMarkdown(document: DocumentModel): string {
  return `${document.blocks.map(renderMarkdownBlock).join("\n\n")}\n`;
}

function renderTextBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case "title":
      return `${block.lines.join("\n")}\n`;
    case "heading":
      return `${INDENT}${block.number}${block.text}${block.tail ?? ""}`;
    case "paragraph": {
      const text = joinSpans(block.spans);
      return block.isIndented ? `${INDENT}${text}` : text;
    }
    case "table":
      return [block.columns.map((column) => column.header), ...block.rows]
        .map((row) => row.map((cell) => cell.replace(/\s+/g, " ")).join("\t"))
        .join("\n");
    case "signature":
      return `\n${block.lines.join("\n")}`;
  }
}

/** Renders a document as plain text, one paragraph per line with a 2-character (全角) first-line indent. */
export function renderText(document: DocumentModel): string {
  return `${document.blocks.map(renderTextBlock).join("\n")}\n`;
}
