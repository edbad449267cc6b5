// Outline: the document's numbering hierarchy (一、 → （一） → 1. → （1） → ①, 问题一, bold or Markdown
// headings) read as a tree, so later stages can decide by structure which level holds the problems.
// One pass with a stack as deep as the number of numbering styles: linear in the paragraph count.
import type { Paragraph } from "./paragraphs.ts";
import { readMarker, type Marker, type MarkerType } from "./markers.ts";
import { readBlockLabel, type BlockLabel } from "./labels.ts";
import { readStatusPhrase } from "./status-words.ts";
import { firstSentence } from "./headline.ts";

/** Words that name a shortcoming; one signal among others that a headline is a problem. */
export const PROBLEM_WORDS =
  /流于形式|时有发生|不到位|不够|不足|不严|不力|不实|不深|不高|不强|不准|不细|不规范|不健全|不完善|不充分|不及时|不全面|不彻底|不明显|不佳|不畅|不精准|不扎实|缺失|缺位|缺乏|薄弱|差距|偏差|短板|欠缺|滞后|弱化|淡化|虚化|问题|存在|落实不|有待|较多|突出|频发|乱象|违规|违反|风险|漏洞|隐患|未完成|未落实|未按|未及时|未建立|未执行/;

/** What the structure stages know about one paragraph. */
export interface ParagraphInfo {
  marker: Marker | null;
  label: BlockLabel | null;
  /** A bold or heading line without a number (a headline written as **…** or ### …). */
  isPlain: boolean;
}

/** Reads the numbering marker, block label and heading cue of a paragraph. */
export function readInfo(paragraph: Paragraph): ParagraphInfo {
  const label = readBlockLabel(paragraph.compact);
  const marker = label ? null : readMarker(paragraph.compact);
  const isPlain = !marker && !label && (paragraph.heading > 0 || paragraph.isBold) && paragraph.compact.length <= 80 && !readStatusPhrase(paragraph.compact);
  return { marker, label, isPlain };
}

/** The outline type of a paragraph: its marker type, "plain" for an unnumbered heading, null for body text. */
export function typeOf(info: ParagraphInfo): MarkerType | "plain" | null {
  if (info.marker) return info.marker.type;
  return info.isPlain ? "plain" : null;
}

/** Whether a paragraph opens with a write-up label (整改情况：, 整改结果：…). */
export function isWriteUpLabel(info: ParagraphInfo | undefined): boolean {
  return info?.label !== null && info?.label !== undefined;
}

/** Whether a paragraph reads as a heading: short, or marked as a heading, with no sentence inside. */
export function isHeadingLike(paragraph: Paragraph, maxLength: number): boolean {
  if (paragraph.heading > 0 || paragraph.isBold) return paragraph.compact.length <= maxLength * 2;
  const text = paragraph.compact.replace(/[。：:]$/, "");
  return text.length <= maxLength && !/[。！？]/.test(text);
}

/** One numbered (or heading) paragraph in the outline. */
export interface OutlineNode {
  /** Position in the outline's node list. */
  id: number;
  /** Paragraph index. */
  index: number;
  type: MarkerType | "plain";
  /** 1 for a node right under its section (or the document), 2 below that, and so on. */
  depth: number;
  /** Node id of the parent, -1 at depth 1. */
  parent: number;
  /** Section number (index into the section starts), -1 before the first section. */
  section: number;
  /** Numeric value of the marker (1 for 1. / （一） / 问题一); null when it has none. */
  value: number | null;
  /** Text after the marker. */
  rest: string;
  /** Body paragraphs directly under the node (labels, measures 一是…, plain text). */
  bodyParagraphs: number;
  /** Characters of those paragraphs plus the node's own text after its first sentence. */
  bodyChars: number;
  /** Child node ids. */
  children: number[];
}

/** The document's outline under its sections. */
export interface Outline {
  nodes: OutlineNode[];
  /** Node id of each paragraph, -1 for body text and section headings. */
  nodeOf: number[];
}

/** Builds the outline: each numbered paragraph becomes a child of the nearest open node of another style, or a sibling of the open node of its own style. */
export function buildOutline(paragraphs: Paragraph[], infos: ParagraphInfo[], sectionOf: number[], sectionIndices: Set<number>): Outline {
  const nodes: OutlineNode[] = [];
  const nodeOf: number[] = new Array<number>(paragraphs.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    if (sectionIndices.has(i)) {
      stack.length = 0;
      continue;
    }
    const info = infos[i];
    const type = typeOf(info);
    if (type === null || type === "measure") {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        nodes[top].bodyParagraphs++;
        nodes[top].bodyChars += paragraphs[i].compact.length;
      }
      continue;
    }
    // The stack holds one node per numbering style, so this scan is bounded by the number of styles.
    let at = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (nodes[stack[k]].type === type) {
        at = k;
        break;
      }
    }
    if (at >= 0) stack.length = at;
    const parent = stack.length > 0 ? stack[stack.length - 1] : -1;
    const rest = info.marker ? info.marker.rest : paragraphs[i].compact;
    const id = nodes.length;
    nodes.push({
      id,
      index: i,
      type,
      depth: stack.length + 1,
      parent,
      section: sectionOf[i],
      value: info.marker?.value ?? null,
      rest,
      bodyParagraphs: 0,
      bodyChars: Math.max(0, rest.length - firstSentence(rest).length - 1),
      children: [],
    });
    if (parent >= 0) nodes[parent].children.push(id);
    nodeOf[i] = id;
    stack.push(id);
  }
  return { nodes, nodeOf };
}
