/**
 * The generic document every writer consumes: a flat list of blocks in official-document
 * (公文) terms. Reports build one of these; DOCX, PDF, HTML, Markdown and text writers each walk it once.
 */

/** Heading levels of a 公文: 1 "一、" (黑体), 2 "（一）" (楷体), 3 "1." (仿宋), 4 "（1）" (仿宋). */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** A run of text inside a paragraph; `isStrong` prints bold (labels such as 整改结果：). */
export interface TextSpan {
  text: string;
  isStrong?: boolean;
}

/** Horizontal alignment of a paragraph. */
export type BlockAlign = "justify" | "center" | "right" | "left";

/** A column of a table block; `weight` is its relative width. */
export interface TableColumn {
  header: string;
  weight: number;
}

/** The centred document title, one entry per printed line (二号小标宋). */
export interface TitleBlock {
  kind: "title";
  lines: string[];
}

/** A numbered heading; `number` is printed as written ("一、", "（一）", "1.", "（1）"), possibly empty. */
export interface HeadingBlock {
  kind: "heading";
  level: HeadingLevel;
  number: string;
  text: string;
  /** Text continuing on the same line after the heading, in body style (e.g. a finding's sub-points). */
  tail?: string;
}

/** A body paragraph; `isIndented` gives the 2-character first-line indent. */
export interface ParagraphBlock {
  kind: "paragraph";
  spans: TextSpan[];
  align: BlockAlign;
  isIndented: boolean;
}

/** A table with a header row; every row has one cell per column. */
export interface TableBlock {
  kind: "table";
  columns: TableColumn[];
  rows: string[][];
}

/** The issuer's signature and date, right-aligned at the end (发文机关署名、成文日期). */
export interface SignatureBlock {
  kind: "signature";
  lines: string[];
}

/** One block of a document. */
export type DocumentBlock = TitleBlock | HeadingBlock | ParagraphBlock | TableBlock | SignatureBlock;

/** A whole document ready for a writer. */
export interface DocumentModel {
  /** Plain title for metadata (HTML title, DOCX properties, PDF info). */
  title: string;
  blocks: DocumentBlock[];
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Writes 1–99 as Chinese numerals the way headings number them (1 → 一, 10 → 十, 21 → 二十一). */
export function formatChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 99) return String(value);
  if (value < 10) return DIGITS[value];
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/** Returns the printed number of the `index`-th (1-based) heading at a level: 一、 / （一） / 1. / （1）. */
export function formatHeadingNumber(level: HeadingLevel, index: number): string {
  switch (level) {
    case 1:
      return `${formatChineseNumeral(index)}、`;
    case 2:
      return `（${formatChineseNumeral(index)}）`;
    case 3:
      return `${index}.`;
    case 4:
      return `（${index}）`;
  }
}

const HEADING_NUMBER = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])\s*/;

/** Splits a heading as written into its number prefix and text ("（一）在…方面" → ["（一）", "在…方面"]). */
export function splitHeadingNumber(heading: string): { number: string; text: string } {
  const match = HEADING_NUMBER.exec(heading);
  if (!match) return { number: "", text: heading.trim() };
  return { number: match[0].trim(), text: heading.slice(match[0].length).trim() };
}

/** Creates a paragraph block from spans or a single string. */
export function createParagraph(
  content: string | TextSpan[],
  options: { align?: BlockAlign; isIndented?: boolean } = {},
): ParagraphBlock {
  return {
    kind: "paragraph",
    spans: typeof content === "string" ? [{ text: content }] : content,
    align: options.align ?? "justify",
    isIndented: options.isIndented ?? true,
  };
}

/** Creates a paragraph that starts with a bold label ("整改结果：") followed by body text. */
export function createLabelledParagraph(label: string, text: string): ParagraphBlock {
  return createParagraph([{ text: label, isStrong: true }, { text }]);
}

/** Joins a paragraph's spans into its plain text. */
export function joinSpans(spans: readonly TextSpan[]): string {
  return spans.map((span) => span.text).join("");
}
