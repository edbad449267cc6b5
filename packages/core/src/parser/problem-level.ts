// Which level of the outline holds the problems, which level above it holds the categories, and which
// sections hold either. Decided by structure: the sections about rectification progress, the level whose
// nodes carry the write-up (labels, measures, status), sequential siblings; problem words are one signal.
import type { Paragraph } from "./paragraphs.ts";
import { rankMarker, type MarkerType } from "./markers.ts";
import { firstSentence, stripEnd } from "./headline.ts";
import { buildOutline, isHeadingLike, isWriteUpLabel, PROBLEM_WORDS, typeOf, type Outline, type OutlineNode, type ParagraphInfo } from "./outline.ts";

/** An outline type: a numbering style or an unnumbered heading. */
export type LevelType = MarkerType | "plain";

/** The layout decision the problem walker follows. */
export interface ProblemLayout {
  /** Paragraph indices of the section headings (一、…). */
  sectionIndices: Set<number>;
  sectionStarts: number[];
  /** Section number of each paragraph (-1 before the first section). */
  sectionOf: number[];
  /** Whether a section (key: section + 1) holds problems. */
  isProblemSection: boolean[];
  problemType: LevelType | null;
  categoryType: MarkerType | null;
  /** The 一、 headings are categories (一、…方面 over （一） problems). */
  useSectionsAsCategories: boolean;
  /** Problems were found through write-up labels (整改情况：…) following their headlines. */
  isLabelled: boolean;
  /** Per paragraph: a headline followed by a write-up label. */
  labelFollowed: boolean[];
  /** Per paragraph, in an unlabelled layout: the outline placed a problem here. */
  isProblemNode: boolean[];
  outline: Outline;
}

// Section headings that speak of the problems and their rectification, and those about the report's other parts.
const PROGRESS_HEADING = /反馈问题|问题(?:的)?整改|整改(?:进展|落实|完成|推进)?(?:情况|成效)|具体整改|整改进展|问题清单|存在(?:的)?问题|主要问题|问题及整改/;
const PROBLEM_MENTION = /问题|反馈|整改/;
const OTHER_HEADING = /下一步|下步|今后|打算|安排|巩固|长效|组织|领导|主体责任|政治责任|第一责任|站位|担当|总体|整体|基本情况|工作开展|主要做法|工作措施|做法|体会|思路|计划|机制/;
const CATEGORY_END = /方面(?:的?问题)?$|方面存在的问题$/;

/** Scores a section heading: 2 when it names the problems' rectification, 1 when it mentions problems, negative for other parts. */
function scoreSection(heading: string): number {
  const text = heading.replace(/^[一二三四五六七八九十]{1,3}[、.．]/, "");
  if (PROGRESS_HEADING.test(text) && !/下一步|下步|今后|打算/.test(text)) return 2;
  if (OTHER_HEADING.test(text)) return -1;
  return PROBLEM_MENTION.test(text) ? 1 : 0;
}

// A heading that names a problem rather than a part of the report (一、关于“…”的问题 vs 一、整改工作总体情况).
function isProblemHeading(rest: string): boolean {
  if (rest.length > 120 || /下一步|下步|今后|打算|安排|巩固|长效|总体|整体|基本情况|主要做法|体会|思路|整改|情况/.test(rest)) return false;
  return /^关于.{2,100}问题$/.test(stripEnd(rest)) || PROBLEM_WORDS.test(firstSentence(rest));
}

function isLegacyOpen(heading: string): boolean {
  const other = /下一步|下步|今后|打算|安排|巩固|长效|组织|领导|总体|整体|基本情况|工作开展|主要做法|工作措施|做法|成效|体会|思路|计划/;
  return !other.test(heading) || /问题|反馈|整改(?:进展|落实|完成)?情况/.test(heading.replace(/组织|下一步/g, ""));
}

function readSections(paragraphs: Paragraph[], sectionIndices: Set<number>): { sectionStarts: number[]; sectionOf: number[] } {
  const sectionStarts = [...sectionIndices].sort((a, b) => a - b);
  const sectionOf: number[] = [];
  let section = -1;
  let next = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    if (next < sectionStarts.length && sectionStarts[next] === i) {
      section = next;
      next++;
    }
    sectionOf.push(section);
  }
  return { sectionStarts, sectionOf };
}

/** Decides sections, categories and the problem level of a notice body. */
export function chooseProblemLayout(paragraphs: Paragraph[], infos: ParagraphInfo[]): ProblemLayout {
  const labelFollowed = infos.map((info, i) => {
    if (!typeOf(info) || info.marker?.type === "measure") return false;
    if (isWriteUpLabel(infos[i + 1])) return true;
    const next = infos[i + 1];
    return next !== undefined && !next.label && (!next.marker || next.marker.type === "measure") && !next.isPlain && paragraphs[i + 1].compact.length < 300 && isWriteUpLabel(infos[i + 2]);
  });

  const votes = new Map<LevelType, number>();
  for (let i = 0; i < infos.length; i++) {
    const type = typeOf(infos[i]);
    if (type && labelFollowed[i]) votes.set(type, (votes.get(type) ?? 0) + 1);
  }
  let problemType: LevelType | null = null;
  let best = 0;
  for (const [type, count] of votes) {
    if (count > best || (count === best && (type === "wenti" || type === "labeled"))) {
      best = count;
      problemType = type;
    }
  }
  const isLabelled = problemType !== null;

  // Section headings 一、… (unless 一、 numbers the problems themselves).
  const sectionIndices = new Set<number>();
  if (problemType !== "cn-dun") {
    for (let i = 0; i < infos.length; i++) {
      if (infos[i].marker?.type === "cn-dun" && isHeadingLike(paragraphs[i], 40)) sectionIndices.add(i);
    }
  }
  let { sectionStarts, sectionOf } = readSections(paragraphs, sectionIndices);
  let outline = buildOutline(paragraphs, infos, sectionOf, sectionIndices);
  const isProblemNode = new Array<boolean>(paragraphs.length).fill(false);
  const isProblemSection = new Array<boolean>(sectionStarts.length + 1).fill(false);
  const sectionKey = (section: number) => section + 1;
  let categoryType: MarkerType | null = null;

  if (isLabelled) {
    for (let i = 0; i < infos.length; i++) {
      if (typeOf(infos[i]) === problemType && labelFollowed[i]) isProblemSection[sectionKey(sectionOf[i])] = true;
    }
    categoryType = chooseCategoryAbove(problemType as LevelType, paragraphs, infos, sectionOf, sectionIndices, isProblemSection);
  } else {
    const unlabelled = chooseUnlabelledLevels(paragraphs, outline, sectionStarts);
    if (unlabelled) {
      problemType = unlabelled.problemType;
      categoryType = unlabelled.categoryType;
      for (const id of unlabelled.problemNodes) {
        const node = outline.nodes[id];
        isProblemNode[node.index] = true;
        isProblemSection[sectionKey(node.section)] = true;
      }
    } else if (sectionIndices.size >= 2) {
      // No labels and no numbered problems below the sections: the 一、 headings may be the problems themselves (一、关于“…”的问题).
      const headlines = [...sectionIndices].filter((i) => isProblemHeading(infos[i].marker?.rest ?? ""));
      if (headlines.length >= 2 && headlines.length * 3 >= sectionIndices.size * 2) {
        problemType = "cn-dun";
        for (const i of headlines) sectionIndices.delete(i);
        ({ sectionStarts, sectionOf } = readSections(paragraphs, sectionIndices));
        outline = buildOutline(paragraphs, infos, sectionOf, sectionIndices);
        isProblemSection.length = sectionStarts.length + 1;
        isProblemSection.fill(false);
        for (const i of headlines) {
          isProblemNode[i] = true;
          isProblemSection[sectionKey(sectionOf[i])] = true;
        }
      }
    }
  }
  const problemSectionCount = isProblemSection.filter(Boolean).length;
  const useSectionsAsCategories = categoryType === null && problemSectionCount >= 2 && sectionStarts.length > 0 && problemType !== "cn-dun";
  return { sectionIndices, sectionStarts, sectionOf, isProblemSection, problemType, categoryType, useSectionsAsCategories, isLabelled, labelFollowed, isProblemNode, outline };
}

/** The nearest higher numbering level above the problems inside the problem sections, written as headings. */
function chooseCategoryAbove(
  problemType: LevelType,
  paragraphs: Paragraph[],
  infos: ParagraphInfo[],
  sectionOf: number[],
  sectionIndices: Set<number>,
  isProblemSection: boolean[],
): MarkerType | null {
  const problemRank = problemType === "plain" ? 2 : rankMarker(problemType);
  let categoryType: MarkerType | null = null;
  let bestRank = -1;
  for (let i = 0; i < infos.length; i++) {
    const marker = infos[i].marker;
    if (!marker || marker.type === "measure" || marker.type === "wenti" || marker.type === "labeled") continue;
    if (!isProblemSection[sectionOf[i] + 1] || sectionIndices.has(i)) continue;
    const rank = rankMarker(marker.type);
    if (rank < problemRank && rank > bestRank && isHeadingLike(paragraphs[i], 80)) {
      bestRank = rank;
      categoryType = marker.type;
    }
  }
  return categoryType;
}

interface UnlabelledLevels {
  problemType: LevelType;
  categoryType: MarkerType | null;
  problemNodes: number[];
}

function dominantType(nodes: OutlineNode[]): LevelType | null {
  const counts = new Map<LevelType, number>();
  let best: LevelType | null = null;
  let bestCount = 0;
  for (const node of nodes) {
    const count = (counts.get(node.type) ?? 0) + 1;
    counts.set(node.type, count);
    if (count > bestCount) {
      bestCount = count;
      best = node.type;
    }
  }
  return best;
}

function share(nodes: OutlineNode[], predicate: (node: OutlineNode) => boolean): number {
  if (nodes.length === 0) return 0;
  return nodes.filter(predicate).length / nodes.length;
}

function isCategoryHeading(node: OutlineNode): boolean {
  return CATEGORY_END.test(stripEnd(node.rest));
}

function isProblemLike(node: OutlineNode): boolean {
  return PROBLEM_WORDS.test(firstSentence(node.rest));
}

/** Whether a node carries a write-up: its own text after the headline, body paragraphs, or sub-items. */
function hasWriteUp(node: OutlineNode): boolean {
  return node.bodyChars >= 10 || node.children.length > 0;
}

const SUGGESTION_INTRO = /意见建议|整改意见|建议|要求|希望|表示|表态|打算|下一步/;

/** Drops runs of numbered nodes (1, 2, 3 …) whose introducing paragraph announces suggestions or requirements rather than problems. */
function dropSuggestionRuns(nodes: OutlineNode[], paragraphs: Paragraph[]): OutlineNode[] {
  const kept: OutlineNode[] = [];
  let run: OutlineNode[] = [];
  const flush = () => {
    const first = run[0];
    const intro = first && first.index > 0 ? paragraphs[first.index - 1].compact : "";
    const tail = intro.slice(-60);
    const isSuggestions = /[：:]$/.test(intro) && SUGGESTION_INTRO.test(tail) && !/问题/.test(tail);
    if (!isSuggestions) kept.push(...run);
    run = [];
  };
  for (const node of nodes) {
    const value = node.value;
    if (run.length > 0 && value === 1) flush();
    run.push(node);
  }
  flush();
  return kept;
}

/**
 * Without write-up labels: inside the sections about rectification, the first level under the
 * sections is the category level when its nodes are headings over a lower level (（一）…方面 → 1.), and
 * the level below a category is the problem level (a second …方面 level is a sub-category).
 */
function chooseUnlabelledLevels(paragraphs: Paragraph[], outline: Outline, sectionStarts: number[]): UnlabelledLevels | null {
  const scores = sectionStarts.map((index) => scoreSection(paragraphs[index].compact));
  const maxScore = scores.reduce((max, score) => Math.max(max, score), Number.NEGATIVE_INFINITY);
  const isOpen = (section: number): boolean => {
    if (sectionStarts.length === 0) return section === -1;
    if (section < 0) return false;
    if (maxScore >= 1) return scores[section] === maxScore || (scores[section] >= 1 && maxScore === 1);
    return scores[section] >= 0 && isLegacyOpen(paragraphs[sectionStarts[section]].compact);
  };
  const isStrong = maxScore >= 2;
  const top = outline.nodes.filter((node) => node.depth === 1 && node.type !== "cn-dun" && isOpen(node.section));
  const levelA = dominantType(top);
  if (levelA === null) return null;
  const nodesA = top.filter((node) => node.type === levelA);
  const childrenOf = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((node) => node.children.map((id) => outline.nodes[id]));
  const levelB = dominantType(childrenOf(nodesA));
  const nodesB = levelB === null ? [] : childrenOf(nodesA).filter((node) => node.type === levelB);

  let problemNodes = nodesA;
  let problemType: LevelType = levelA;
  let categoryType: MarkerType | null = null;
  const aAreHeadings = nodesA.every((node) => isHeadingLike(paragraphs[node.index], 80));
  const aHaveChildren = share(nodesA, (node) => node.children.length > 0) >= 0.5;
  const aAreCategories = share(nodesA, isCategoryHeading) >= 0.5;
  // （一）学习不深入 over 1.制定计划 2.开展学习: problem headings over measures stay the problems.
  const aOverMeasures = share(nodesA, isProblemLike) >= 0.5 && share(nodesB, isProblemLike) < 0.5 && !aAreCategories;
  if (levelB !== null && levelA !== "plain" && aAreHeadings && (aAreCategories || (aHaveChildren && !aOverMeasures))) {
    categoryType = levelA as MarkerType;
    problemType = levelB;
    problemNodes = nodesB;
    if (share(nodesB, isCategoryHeading) >= 0.5) {
      const levelC = dominantType(childrenOf(nodesB));
      if (levelC !== null) {
        problemType = levelC;
        problemNodes = childrenOf(nodesB).filter((node) => node.type === levelC);
      }
    }
  }
  // Outside a rectification section, a numbered list introduced as suggestions or requirements (提出三点意见：) is not a problem list.
  if (!isStrong) problemNodes = dropSuggestionRuns(problemNodes, paragraphs);
  if (problemNodes.length === 0) return null;
  const withWriteUp = share(problemNodes, hasWriteUp);
  const problemLike = share(problemNodes, isProblemLike);
  const isLabelledType = problemType === "wenti" || problemType === "labeled";
  const hasCategorySignal = categoryType !== null && aAreCategories;
  // Structure is the gate: problems carry a write-up; outside a rectification section they also need another signal.
  if (withWriteUp < 0.5 && !isLabelledType && problemLike < 0.5) return null;
  if (!isStrong && !hasCategorySignal && !isLabelledType && (problemLike < 0.5 || problemNodes.length < 2)) return null;
  return { problemType, categoryType, problemNodes: problemNodes.map((node) => node.id) };
}
