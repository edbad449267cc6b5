import type { SourceLine } from "./normalize-text.ts";
import { readMarker, type Marker } from "./markers.ts";

/** A paragraph rebuilt from wrapped lines. */
export interface Paragraph {
  /** Lines joined without the line breaks; inner spaces kept as written. */
  text: string;
  /** The same text with all whitespace removed, used for matching and for output fields. */
  compact: string;
  heading: number;
  isBold: boolean;
  /** Position of the paragraph in the document (0-based). */
  index: number;
}

/** Block labels that open a part of a problem's write-up. */
export const BLOCK_LABEL =
  /^(?:阶段性|目前|当前|具体)?(?:整改(?:结果|状态|进度|进展(?:情况)?|成效|情况|措施|举措|落实情况|工作情况|计划|时限|期限|目标|责任人|完成情况)|完成(?:情况|状态|时限|时间)|落实情况|进展情况|办理结果|主要措施|采取措施|具体措施|工作措施|推进情况|下一步(?:整改)?(?:计划|措施|打算|工作)|下步(?:计划|措施|打算)|后续(?:整改)?(?:计划|措施|安排)|工作计划|责任(?:领导|单位|部门|人|科室|股室)|牵头(?:领导|单位|部门)|配合单位|问题表现|具体表现|问题描述|主要表现)\s*[：:]/;

// A line ending here ends its paragraph; ；and ： do not (wrapped clauses), except a short label line (整改情况：).
const TERMINAL = /[。！？!?…]$/;
const TITLE_LINE = /(?:关于|整改|巡察|巡视).{0,80}(?:通报|公示|公告|通告|报告|通知|情况|函)$/;
const ORG_LINE = /^(?:中共|中国共产党).{2,30}(?:党组|党委|委员会|党总支|党支部|工委)$/;
const CLOSERS = /[”’」』）)】*\s]+$/;
const DATE_ONLY = /^(?:\d{4}|[〇零○O一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;

function endsSentence(text: string): boolean {
  if (TERMINAL.test(text)) return true;
  if (/[：:]$/.test(text) && text.length <= 20) return true;
  const stripped = text.replace(CLOSERS, "");
  return stripped.length < text.length && TERMINAL.test(stripped);
}

function startsStructure(line: SourceLine, compact: string): boolean {
  if (line.heading > 0) return true;
  if (BLOCK_LABEL.test(compact) || DATE_ONLY.test(compact) || ORG_LINE.test(compact)) return true;
  const marker = readMarker(compact);
  return marker !== null;
}

function compactOf(text: string): string {
  return text.replace(/\s+/g, "");
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function joinTexts(left: string, right: string): string {
  const first = right.charCodeAt(0);
  if (isAsciiAlphanumeric(left.charCodeAt(left.length - 1)) && isAsciiAlphanumeric(first) && !(first >= 48 && first <= 57)) return `${left} ${right}`;
  return left + right;
}

function estimateWrapWidth(lines: SourceLine[]): number {
  const lengths: number[] = [];
  for (const line of lines) if (line.heading === 0) lengths.push(compactOf(line.text).length);
  if (lengths.length === 0) return 0;
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.8))];
  // Wrapped text: most full-width lines stop mid-sentence. One paragraph per line: full lines end with 。.
  let full = 0;
  let open = 0;
  for (const line of lines) {
    if (line.heading > 0) continue;
    const compact = compactOf(line.text);
    if (compact.length < width * 0.85) continue;
    full++;
    if (!endsSentence(compact)) open++;
  }
  return full >= 5 && width >= 15 && open * 2 >= full ? width : Number.POSITIVE_INFINITY;
}

/** Rebuilds paragraphs from lines broken by PDF/Word conversion: a line joins the next unless it ends a sentence, is short, or the next starts a new block. */
export function buildParagraphs(lines: SourceLine[]): Paragraph[] {
  const wrapWidth = estimateWrapWidth(lines);
  // Wrapped layout (PDF text): most lines stop at the same width, so a shorter line ends its paragraph.
  const isWrapped = wrapWidth > 0 && wrapWidth <= 60;
  const paragraphs: Paragraph[] = [];
  let current: { text: string; compact: string; heading: number; isBold: boolean; isClosed: boolean; marker: Marker | null } | null = null;
  const flush = () => {
    if (current) {
      paragraphs.push({ text: current.text, compact: current.compact, heading: current.heading, isBold: current.isBold, index: paragraphs.length });
      current = null;
    }
  };
  for (const line of lines) {
    const compact = compactOf(line.text);
    if (compact === "") continue;
    const lineMarker = current !== null && !current.isClosed ? undefined : null;
    const starts = lineMarker === undefined ? startsStructure(line, compact) : true;
    if (current !== null && !current.isClosed && !starts) {
      current.text = joinTexts(current.text, line.text);
      current.compact += compact;
      current.isBold = current.isBold && line.isBold;
    } else {
      flush();
      current = { text: line.text, compact, heading: line.heading, isBold: line.isBold, isClosed: false, marker: readMarker(compact) };
    }
    current.isClosed = !shouldContinue(current, line, compact, isWrapped, wrapWidth);
  }
  flush();
  return paragraphs;
}

function shouldContinue(
  paragraph: { compact: string; heading: number; marker: Marker | null },
  line: SourceLine,
  lineCompact: string,
  isWrapped: boolean,
  wrapWidth: number,
): boolean {
  if (paragraph.heading > 0 || line.heading > 0) return false;
  if (endsSentence(lineCompact)) return false;
  if (DATE_ONLY.test(lineCompact)) return false;
  if (paragraph.compact.length <= 100 && ((TITLE_LINE.test(paragraph.compact) && !/[，,。；;：:]/.test(paragraph.compact)) || ORG_LINE.test(paragraph.compact))) return false;
  const marker = paragraph.marker?.type === "measure" ? null : paragraph.marker;
  const hasPunctuation = /[，,、；;“”（）()《》]/.test(lineCompact);
  // A short unpunctuated line that opens with 一、 / （一） is a heading, not a wrapped sentence.
  if (marker && (marker.type === "cn-dun" || marker.type === "cn-paren") && paragraph.compact.length <= 25 && !hasPunctuation) return false;
  if (isWrapped) return lineCompact.length >= Math.max(8, Math.floor(wrapWidth * 0.7));
  if (lineCompact.length >= 40) return true;
  return hasPunctuation && marker === null;
}

const INLINE_LABEL =
  /(?<=[。；;！？!?]\s{0,3})(?=(?:阶段性)?整改(?:结果|情况|措施|计划|进展|落实情况|时限)\s*[：:])|(?<=[。；;！？!?]\s{0,3})(?=(?:下一步|下步)(?:整改)?(?:计划|措施|打算)\s*[：:])|(?<=[。；;！？!?]\s{0,3})(?=(?:责任(?:领导|单位|部门|人)|完成时限)\s*[：:])/g;

/** Splits paragraphs where a block label (整改情况：, 整改结果：…) starts after a sentence inside the paragraph. */
export function splitInlineLabels(paragraphs: Paragraph[]): Paragraph[] {
  const result: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    if (!/(?:整改|下一步|下步|责任|完成时限)/.test(paragraph.compact)) {
      result.push({ ...paragraph, index: result.length });
      continue;
    }
    const parts = paragraph.text.split(INLINE_LABEL);
    if (parts.length === 1) {
      result.push({ ...paragraph, index: result.length });
      continue;
    }
    for (const part of parts) {
      const text = part.trim();
      if (text === "") continue;
      result.push({ text, compact: compactOf(text), heading: paragraph.heading, isBold: paragraph.isBold, index: result.length });
    }
  }
  return result;
}
