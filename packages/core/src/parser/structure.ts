// Structure: sections (一、), categories (（一）…方面) and problems with their write-up blocks.
// Every step walks the paragraph list once; look-ahead is bounded to two paragraphs.
import type { ParsedStatus } from "./parsed-notice.ts";
import type { Paragraph } from "./paragraphs.ts";
import { readMarker, rankMarker, type Marker, type MarkerType } from "./markers.ts";
import { readBlockLabel, type BlockLabel } from "./labels.ts";
import { findStatusClause, mapStatusText, readBracketedStatus, readStatusPhrase, readTrailingStatus } from "./status-words.ts";

/** A problem as the structure step reads it, before output fields are derived. */
export interface ProblemDraft {
  seq: number;
  number: string;
  value: number | null;
  markerType: MarkerType | "plain";
  categoryIndex: number;
  /** The headline paragraph as written (compact). */
  headline: string;
  title: string;
  subPoints: string[];
  description: string[];
  progress: string[];
  plan: string[];
  hasPlan: boolean;
  statusText: string | null;
  status: ParsedStatus | null;
  /** Where the status came from: a status line, a bracket at the end, or a sentence inside the progress text. */
  statusSource: "label" | "bracket" | "clause" | null;
  /** Paragraph indices the problem covers (headline first). */
  paragraphIndices: number[];
}

/** A category (方面) and its problems. */
export interface CategoryDraft {
  label: string | null;
  problems: ProblemDraft[];
}

/** A repair made because a PDF conversion put a block in the wrong place. */
export interface OutOfOrderRepair {
  seq: number;
  evidence: string;
}

/** The document's structure. */
export interface NoticeStructure {
  sections: string[];
  categories: CategoryDraft[];
  /** Paragraph indices that belong to no problem (intro, sections 一/三, closing). */
  outsideIndices: number[];
  outOfOrder: OutOfOrderRepair[];
  /** Whether problems were found through block labels (整改情况：…) rather than numbering alone. */
  isLabelled: boolean;
}

const PROBLEM_WORDS =
  /流于形式|时有发生|不到位|不够|不足|不严|不力|不实|不深|不高|不强|不准|不细|不规范|不健全|不完善|不充分|不及时|不全面|不彻底|不明显|不佳|不畅|不精准|不扎实|缺失|缺位|缺乏|薄弱|差距|偏差|短板|欠缺|滞后|弱化|淡化|虚化|问题|存在|落实不|有待|较多|突出|频发|乱象|违规|违反|风险|漏洞|隐患/;
const NON_PROBLEM_SECTION = /下一步|下步|今后|打算|安排|巩固|长效|组织|领导|总体|整体|基本情况|工作开展|主要做法|工作措施|做法|成效|体会|思路|计划/;
// The closing paragraph (invitation to supervise, contact channels) ends the last problem.
const CLOSING =
  /^(?:欢迎|如对|如有|若对|联系(?:电话|方式|人)|举报(?:电话|邮箱|信箱|网址)|监督(?:电话|邮箱)|电子邮箱|邮政信箱|通信地址|公示期|公示时间|自即日起|即日起|自[^，。]{1,16}之日起)/;
const TERMINAL_END = /[。！？；!?;]$/;

interface ParagraphInfo {
  marker: Marker | null;
  label: BlockLabel | null;
  isPlain: boolean;
}

function isHeadingLike(paragraph: Paragraph, maxLength: number): boolean {
  if (paragraph.heading > 0 || paragraph.isBold) return paragraph.compact.length <= maxLength * 2;
  const text = paragraph.compact.replace(/[。：:]$/, "");
  return text.length <= maxLength && !/[。！？]/.test(text);
}

function stripEnd(text: string): string {
  return text.replace(/[。；;，,：:、\s]+$/, "");
}

function firstSentence(text: string): string {
  const limit = Math.min(text.length, 300);
  for (let i = 0; i < limit; i++) if ("。；;！？!?".includes(text[i])) return text.slice(0, i);
  return text.slice(0, limit);
}

/** Splits a headline's text into title, sub-points (一是…二是…) and the rest. */
export function splitHeadline(rest: string): { title: string; subPoints: string[]; tail: string; bracketStatus: string | null } {
  const text = rest.replace(/^[：:.．、，,\s]+/, "");
  let bracketStatus: string | null = null;
  let cut = -1;
  const scanLimit = Math.min(text.length, 400);
  for (let i = 0; i < scanLimit; i++) {
    const ch = text[i];
    if ("。；;！？!?".includes(ch)) {
      cut = i;
      break;
    }
    if ((ch === "：" || ch === ":") && /^(?:[一二三四五六七八九十]{1,3}是|[（(]\d{1,2}[）)]|\d{1,2}[.．、])/.test(text.slice(i + 1, i + 6))) {
      cut = i;
      break;
    }
    if (i > 0 && text[i] === "一" && text[i + 1] === "是" && "，,：:".includes(text[i - 1])) {
      cut = i - 1;
      break;
    }
  }
  let title = cut >= 0 ? text.slice(0, cut) : text.length <= 400 ? text : firstSentence(text);
  let tail = cut >= 0 ? text.slice(cut + 1) : text.slice(title.length);
  const bracket = readBracketedStatus(title);
  if (bracket) {
    bracketStatus = bracket;
    title = title.replace(/[（(【[][^（(【[]{1,20}$/, "");
  } else {
    const tailBracket = readBracketedStatus(tail);
    if (tailBracket) bracketStatus = tailBracket;
  }
  title = unwrapAbout(stripEnd(title));
  const subPoints = splitSubPoints(tail);
  if (subPoints.length > 0) tail = "";
  return { title, subPoints, tail, bracketStatus };
}

function unwrapAbout(title: string): string {
  if (!title.startsWith("关于") || title.length > 300) return title;
  const quoted = /^关于[“"「『](.{1,200})[”"」』](?:等?问题)?的?(?:整改(?:落实)?(?:情况|措施|工作)?)?$/.exec(title);
  if (quoted) return quoted[1];
  const plain = /^关于(.{2,200}?)的?(?:整改(?:落实)?(?:情况|措施|工作)?)$/.exec(title);
  if (plain) return plain[1];
  const problem = /^关于(.{2,200}?)的(?:问题|情况)$/.exec(title);
  if (problem) return unquote(problem[1]);
  return title;
}

// 关于“…”的问题: the quotes only mark the feedback's own words, they are not part of the title.
function unquote(text: string): string {
  const quoted = /^[“"「『]([^“”"「」『』]{1,200})[”"」』]$/.exec(text);
  return quoted ? quoted[1] : text;
}

const SUB_POINT = /(?:^|(?<=[。；;，,：:]))([一二三四五六七八九十]{1,3})是/g;
const NUMBERED_SUB_POINT = /(?:^|(?<=[。；;，,：:]))[（(](\d{1,2})[）)]/g;
const CN_ORDER = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Splits 一是…二是… (or （1）…（2）…) at the start of a text into sub-points; empty when the text does not start with one. */
export function splitSubPoints(text: string): string[] {
  if (text.startsWith("一是")) return cutAt(text, SUB_POINT, (value, index) => value === CN_ORDER[index]);
  if (/^[（(]1[）)]/.test(text)) return cutAt(text, NUMBERED_SUB_POINT, (value, index) => Number(value) === index + 1);
  return [];
}

function cutAt(text: string, pattern: RegExp, isNext: (value: string, index: number) => boolean): string[] {
  const starts: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (isNext(match[1], starts.length)) starts.push(match.index);
    if (starts.length >= 200) break;
  }
  const points: string[] = [];
  for (let i = 0; i < starts.length; i++) {
    const point = stripEnd(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length));
    if (point.length > 2) points.push(point);
  }
  return points;
}

function readInfo(paragraph: Paragraph): ParagraphInfo {
  const label = readBlockLabel(paragraph.compact);
  const marker = label ? null : readMarker(paragraph.compact);
  const isPlain = !marker && !label && (paragraph.heading > 0 || paragraph.isBold) && paragraph.compact.length <= 80 && !readStatusPhrase(paragraph.compact);
  return { marker, label, isPlain };
}

function typeOf(info: ParagraphInfo): MarkerType | "plain" | null {
  if (info.marker) return info.marker.type;
  return info.isPlain ? "plain" : null;
}

function isWriteUpLabel(info: ParagraphInfo | undefined): boolean {
  return info?.label !== null && info?.label !== undefined;
}

/** Reads sections, categories and problems from the body paragraphs. */
export function readStructure(paragraphs: Paragraph[]): NoticeStructure {
  const infos = paragraphs.map(readInfo);
  const labelFollowed = infos.map((info, i) => {
    if (!typeOf(info) || info.marker?.type === "measure") return false;
    if (isWriteUpLabel(infos[i + 1])) return true;
    const next = infos[i + 1];
    return next !== undefined && !next.label && (!next.marker || next.marker.type === "measure") && !next.isPlain && paragraphs[i + 1].compact.length < 300 && isWriteUpLabel(infos[i + 2]);
  });

  const votes = new Map<MarkerType | "plain", number>();
  for (let i = 0; i < infos.length; i++) {
    const type = typeOf(infos[i]);
    if (type && labelFollowed[i]) votes.set(type, (votes.get(type) ?? 0) + 1);
  }
  let problemType: MarkerType | "plain" | null = null;
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

  if (!isLabelled) problemType = chooseUnlabelledType(paragraphs, infos, sectionIndices);
  // No labels and no numbered problems below the sections: the 一、 headings may be the problems themselves (一、关于“…”的问题).
  let sectionsAreProblems = false;
  if (!isLabelled && problemType === null && sectionIndices.size >= 2) {
    const headlines = [...sectionIndices].filter((i) => isProblemHeading(infos[i].marker?.rest ?? ""));
    if (headlines.length >= 2 && headlines.length * 3 >= sectionIndices.size * 2) {
      problemType = "cn-dun";
      sectionsAreProblems = true;
      for (const i of headlines) sectionIndices.delete(i);
    }
  }

  const sectionOf: number[] = [];
  const sectionStarts = [...sectionIndices].sort((a, b) => a - b);
  {
    let section = -1;
    let next = 0;
    for (let i = 0; i < paragraphs.length; i++) {
      if (next < sectionStarts.length && sectionStarts[next] === i) {
        section = next;
        next++;
      }
      sectionOf.push(section);
    }
  }

  const isProblemSection = new Array<boolean>(sectionStarts.length + 1).fill(false);
  const sectionKey = (section: number) => section + 1;
  if (problemType) {
    for (let i = 0; i < infos.length; i++) {
      if (typeOf(infos[i]) !== problemType) continue;
      const section = sectionOf[i];
      if (sectionsAreProblems || (isLabelled ? labelFollowed[i] : isSectionOpenToProblems(section, sectionStarts, paragraphs))) isProblemSection[sectionKey(section)] = true;
    }
    // Text before the first section is the introduction unless the notice has no sections at all.
    if (sectionStarts.length > 0 && isLabelled === false && !sectionsAreProblems) isProblemSection[0] = false;
  }

  let categoryType: MarkerType | null = null;
  if (problemType) {
    const problemRank = problemType === "plain" ? 2 : rankMarker(problemType);
    let bestRank = -1;
    for (let i = 0; i < infos.length; i++) {
      const marker = infos[i].marker;
      if (!marker || marker.type === "measure" || marker.type === "wenti" || marker.type === "labeled") continue;
      if (!isProblemSection[sectionKey(sectionOf[i])] || sectionIndices.has(i)) continue;
      const rank = rankMarker(marker.type);
      if (rank < problemRank && rank > bestRank && isHeadingLike(paragraphs[i], 80)) {
        bestRank = rank;
        categoryType = marker.type;
      }
    }
  }
  const problemSectionCount = isProblemSection.filter(Boolean).length;
  const useSectionsAsCategories = categoryType === null && problemSectionCount >= 2 && sectionStarts.length > 0;

  const sections: string[] = sectionStarts.map((i) => stripEnd(firstSentence(paragraphs[i].compact)));
  const categories: CategoryDraft[] = [];
  const outsideIndices: number[] = [];
  const outOfOrder: OutOfOrderRepair[] = [];
  const walker = new ProblemWalker(categories, outOfOrder, isLabelled);

  for (let i = 0; i < paragraphs.length; i++) {
    const info = infos[i];
    const paragraph = paragraphs[i];
    const inProblems = problemType !== null && isProblemSection[sectionKey(sectionOf[i])];
    if (sectionIndices.has(i)) {
      walker.closeProblem();
      walker.dropPending();
      outsideIndices.push(i);
      if (useSectionsAsCategories && inProblems) walker.openCategory(stripEnd(firstSentence(paragraph.compact)));
      else walker.leaveCategory();
      continue;
    }
    if (!inProblems || CLOSING.test(paragraph.compact.slice(0, 60))) {
      walker.closeProblem();
      outsideIndices.push(i);
      continue;
    }
    if (categoryType && info.marker?.type === categoryType && isHeadingLike(paragraph, 80)) {
      walker.closeProblem();
      walker.dropPending();
      walker.openCategory(stripEnd(firstSentence(paragraph.compact)));
      outsideIndices.push(i);
      continue;
    }
    if (typeOf(info) === problemType && walker.acceptsHeadline(info, labelFollowed[i], paragraph)) {
      walker.openProblem(info, paragraph, problemType as MarkerType | "plain");
      continue;
    }
    if (!walker.feed(info, paragraph)) outsideIndices.push(i);
  }
  walker.closeProblem();
  walker.repairOrphans();
  return { sections, categories: categories.filter((category) => category.problems.length > 0 || category.label !== null), outsideIndices, outOfOrder, isLabelled };
}

// A heading that names a problem rather than a part of the report (一、关于“…”的问题 vs 一、整改工作总体情况).
function isProblemHeading(rest: string): boolean {
  if (rest.length > 120 || /下一步|下步|今后|打算|安排|巩固|长效|总体|整体|基本情况|主要做法|体会|思路|整改|情况/.test(rest)) return false;
  return /^关于.{2,100}问题$/.test(stripEnd(rest)) || PROBLEM_WORDS.test(firstSentence(rest));
}

function isSectionOpenToProblems(section: number, sectionStarts: number[], paragraphs: Paragraph[]): boolean {
  if (section < 0) return sectionStarts.length === 0;
  const heading = paragraphs[sectionStarts[section]].compact;
  return !NON_PROBLEM_SECTION.test(heading) || /问题|反馈|整改(?:进展|落实|完成)?情况/.test(heading.replace(/组织|下一步/g, ""));
}

function chooseUnlabelledType(paragraphs: Paragraph[], infos: ParagraphInfo[], sectionIndices: Set<number>): MarkerType | "plain" | null {
  const counts = new Map<MarkerType | "plain", { total: number; problemLike: number }>();
  let section = -1;
  const sectionStarts = [...sectionIndices].sort((a, b) => a - b);
  for (let i = 0; i < infos.length; i++) {
    if (sectionIndices.has(i)) {
      section = sectionStarts.indexOf(i);
      continue;
    }
    const type = typeOf(infos[i]);
    if (!type || type === "measure" || type === "cn-dun") continue;
    if (!isSectionOpenToProblems(section, sectionStarts, paragraphs)) continue;
    const entry = counts.get(type) ?? { total: 0, problemLike: 0 };
    entry.total++;
    const rest = infos[i].marker?.rest ?? paragraphs[i].compact;
    if (PROBLEM_WORDS.test(firstSentence(rest))) entry.problemLike++;
    counts.set(type, entry);
  }
  let chosen: MarkerType | "plain" | null = null;
  let best = 1;
  for (const [type, entry] of counts) {
    const score = entry.problemLike + (type === "wenti" || type === "labeled" ? entry.total : 0);
    if (entry.problemLike * 2 >= entry.total && score > best) {
      best = score;
      chosen = type;
    }
  }
  return chosen;
}

type Mode = "tail" | "progress" | "plan" | "description" | "orphan";

interface OpenProblem {
  draft: ProblemDraft;
  mode: Mode;
  hasLabels: boolean;
  tail: string[];
  orphan: Paragraph[];
  lastContentMode: Mode;
  expectsSubPoints: boolean;
}

class ProblemWalker {
  private open: OpenProblem | null = null;
  private currentCategory: CategoryDraft | null = null;
  private seq = 0;
  private pending: Paragraph[] = [];
  private readonly orphans = new Map<number, Paragraph[]>();
  private readonly all: OpenProblem[] = [];

  constructor(
    private readonly categories: CategoryDraft[],
    private readonly outOfOrder: OutOfOrderRepair[],
    private readonly isLabelled: boolean,
  ) {}

  openCategory(label: string | null): void {
    this.currentCategory = { label, problems: [] };
    this.categories.push(this.currentCategory);
  }

  leaveCategory(): void {
    this.currentCategory = null;
  }

  dropPending(): void {
    this.pending = [];
  }

  acceptsHeadline(info: ParagraphInfo, isLabelFollowed: boolean, paragraph: Paragraph): boolean {
    if (!this.open) return true;
    if (isLabelFollowed || info.marker?.hasProblemLabel) return true;
    if (!this.open.hasLabels) return this.isLabelled || PROBLEM_WORDS.test(firstSentence(info.marker?.rest ?? paragraph.compact));
    const value = info.marker?.value ?? null;
    const last = this.open.draft.value;
    if (this.isLabelled) return false;
    return value !== null && last !== null && value === last + 1;
  }

  openProblem(info: ParagraphInfo, paragraph: Paragraph, type: MarkerType | "plain"): void {
    this.closeProblem();
    if (!this.currentCategory) this.openCategory(null);
    const category = this.currentCategory as CategoryDraft;
    const rest = info.marker ? info.marker.rest : paragraph.compact;
    const headline = splitHeadline(rest);
    this.seq++;
    const draft: ProblemDraft = {
      seq: this.seq,
      number: info.marker?.number ?? "",
      value: info.marker?.value ?? null,
      markerType: type,
      categoryIndex: this.categories.indexOf(category),
      headline: paragraph.compact,
      title: headline.title,
      subPoints: headline.subPoints,
      description: [],
      progress: [],
      plan: [],
      hasPlan: false,
      statusText: null,
      status: null,
      statusSource: null,
      paragraphIndices: [paragraph.index],
    };
    if (headline.bracketStatus) this.setStatus(draft, headline.bracketStatus, "bracket");
    const open: OpenProblem = {
      draft,
      mode: "tail",
      hasLabels: false,
      tail: headline.tail ? [headline.tail.replace(/[（(【[]\s*[^（(【[]{1,20}[）)】\]][。；;]?$/, (bracket) => (readBracketedStatus(bracket) ? "" : bracket))] : [],
      orphan: [],
      lastContentMode: "tail",
      expectsSubPoints: headline.subPoints.length > 0 || /[：:]$/.test(rest),
    };
    category.problems.push(draft);
    this.open = open;
    this.all.push(open);
    if (this.pending.length > 0) {
      // Write-up blocks that came before their headline (PDF conversion moved them).
      const pending = this.pending;
      this.pending = [];
      this.outOfOrder.push({ seq: draft.seq, evidence: pending[0].compact.slice(0, 40) });
      for (const block of pending) this.feed(readInfo(block), block);
    }
  }

  private setStatus(draft: ProblemDraft, text: string, source: "label" | "bracket" | "clause"): void {
    draft.statusText = stripEnd(text);
    draft.status = mapStatusText(draft.statusText);
    draft.statusSource = source;
  }

  /** Adds a paragraph to the open problem; returns false when no problem is open. */
  feed(info: ParagraphInfo, paragraph: Paragraph): boolean {
    const open = this.open;
    if (!open) {
      if (info.label) {
        this.pending.push(paragraph);
        return true;
      }
      if (this.pending.length > 0) {
        this.pending.push(paragraph);
        return true;
      }
      return false;
    }
    const draft = open.draft;
    draft.paragraphIndices.push(paragraph.index);
    if (open.mode === "orphan") {
      open.orphan.push(paragraph);
      return true;
    }
    const label = info.label;
    if (label) {
      open.hasLabels = true;
      switch (label.kind) {
        case "result": {
          const phrase = readStatusPhrase(label.after);
          if (draft.statusSource === "label" || (phrase && draft.hasPlan && draft.progress.length > 0)) {
            this.startOrphan(open, paragraph);
            return true;
          }
          if (phrase) {
            this.setStatus(draft, phrase, "label");
            const remainder = label.after.slice(phrase.length).replace(/^[。；;，,、\s]+/, "");
            if (remainder) draft.progress.push(remainder);
            open.mode = draft.progress.length > 0 ? "progress" : open.mode === "tail" ? "progress" : open.mode;
          } else {
            if (label.after) draft.progress.push(label.after);
            open.mode = "progress";
          }
          return true;
        }
        case "progress": {
          if (draft.hasPlan) {
            this.startOrphan(open, paragraph);
            return true;
          }
          let after = label.after;
          // 整改情况：正在整改。已更换…: a status sentence opening the progress is the item's status line.
          const lead = draft.statusSource === null ? readStatusPhrase(after) : null;
          if (lead && (after.length === lead.length || "。；;".includes(after[lead.length]))) {
            this.setStatus(draft, lead, "label");
            after = after.slice(lead.length + 1);
          }
          if (after) draft.progress.push(after);
          open.mode = "progress";
          return true;
        }
        case "plan":
          draft.hasPlan = true;
          if (label.after) draft.plan.push(label.after);
          open.mode = "plan";
          return true;
        case "meta":
          return true;
        case "description":
          if (label.after) draft.description.push(label.after);
          open.mode = "description";
          return true;
      }
    }
    const compact = paragraph.compact;
    if (open.mode === "tail") {
      if (open.expectsSubPoints && draft.progress.length === 0 && /^[一二三四五六七八九十]{1,3}是/.test(compact)) {
        if (compact.startsWith("一是")) draft.subPoints.push(...splitSubPoints(compact));
        else draft.subPoints.push(...splitSubPointsContinuing(compact, draft.subPoints.length));
        return true;
      }
      const phrase = readStatusPhrase(compact);
      if (phrase && phrase.length >= compact.length - 1 && draft.statusSource !== "label") {
        this.setStatus(draft, phrase, "label");
        return true;
      }
      open.tail.push(compact);
      return true;
    }
    const phrase = readStatusPhrase(compact);
    if (phrase && phrase.length >= compact.length - 1 && draft.statusSource === null) {
      this.setStatus(draft, phrase, "label");
      return true;
    }
    switch (open.mode) {
      case "progress":
        draft.progress.push(compact);
        break;
      case "plan":
        draft.plan.push(compact);
        break;
      case "description":
        draft.description.push(compact);
        break;
    }
    return true;
  }

  private startOrphan(open: OpenProblem, paragraph: Paragraph): void {
    open.mode = "orphan";
    open.orphan.push(paragraph);
  }

  closeProblem(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    const draft = open.draft;
    if (open.tail.length > 0) {
      if (open.hasLabels && draft.progress.length + draft.plan.length > 0) draft.description.push(...open.tail);
      else draft.progress.unshift(...open.tail);
    }
    if (open.orphan.length > 0) this.orphans.set(draft.seq, open.orphan);
  }

  /** Moves write-up blocks that a conversion put after the wrong headline to the next problem that lacks them. */
  repairOrphans(): void {
    for (let k = 0; k < this.all.length; k++) {
      const orphan = this.orphans.get(this.all[k].draft.seq);
      if (!orphan) continue;
      const owner = this.all[k].draft;
      const next = this.all[k + 1];
      const block = readOrphanBlock(orphan);
      const evidence = orphan[0].compact.slice(0, 40);
      if (next && next.draft.statusSource !== "label" && block.statusText) {
        const target = next.draft;
        const continuation = next.tail;
        const progress = [...block.progress];
        let rest = target.progress;
        if (continuation.length > 0 && progress.length > 0 && !TERMINAL_END.test(progress[progress.length - 1])) {
          // The sentence was split around the headline: glue its two halves back together.
          progress[progress.length - 1] += continuation[0];
          const continuationSet = new Set(continuation);
          rest = rest.filter((text) => !continuationSet.has(text));
          target.description = target.description.filter((text) => !continuationSet.has(text));
          progress.push(...continuation.slice(1));
        }
        target.progress = [...progress, ...rest];
        target.statusText = block.statusText;
        target.status = mapStatusText(block.statusText);
        target.statusSource = "label";
        if (block.plan.length > 0 || block.hasPlan) {
          target.hasPlan = true;
          target.plan = [...block.plan, ...target.plan];
        }
        this.outOfOrder.push({ seq: target.seq, evidence });
      } else {
        owner.progress.push(...block.progress);
        this.outOfOrder.push({ seq: owner.seq, evidence });
      }
    }
    this.outOfOrder.sort((a, b) => a.seq - b.seq);
    for (const open of this.all) finishStatus(open.draft);
  }
}

function splitSubPointsContinuing(compact: string, already: number): string[] {
  const points: string[] = [];
  const pattern = /(?:^|(?<=[。；;，,：:]))([一二三四五六七八九十]{1,3})是/g;
  const starts: number[] = [];
  for (let match = pattern.exec(compact); match !== null; match = pattern.exec(compact)) {
    if (match[1] === CN_ORDER[already + starts.length]) starts.push(match.index);
    if (starts.length >= 200) break;
  }
  for (let i = 0; i < starts.length; i++) {
    const point = stripEnd(compact.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : compact.length));
    if (point.length > 2) points.push(point);
  }
  return points;
}

function readOrphanBlock(paragraphs: Paragraph[]): { statusText: string | null; progress: string[]; plan: string[]; hasPlan: boolean } {
  let statusText: string | null = null;
  const progress: string[] = [];
  const plan: string[] = [];
  let hasPlan = false;
  let mode: "progress" | "plan" = "progress";
  for (const paragraph of paragraphs) {
    const label = readBlockLabel(paragraph.compact);
    if (label) {
      if (label.kind === "result") {
        const phrase = readStatusPhrase(label.after);
        if (phrase && statusText === null) {
          statusText = stripEnd(phrase);
          const remainder = label.after.slice(phrase.length).replace(/^[。；;，,、\s]+/, "");
          if (remainder) progress.push(remainder);
        } else if (label.after) progress.push(label.after);
        mode = "progress";
      } else if (label.kind === "plan") {
        hasPlan = true;
        mode = "plan";
        if (label.after) plan.push(label.after);
      } else if (label.kind === "progress") {
        mode = "progress";
        if (label.after) progress.push(label.after);
      }
      continue;
    }
    (mode === "plan" ? plan : progress).push(paragraph.compact);
  }
  return { statusText, progress, plan, hasPlan };
}

function finishStatus(draft: ProblemDraft): void {
  if (draft.statusSource !== null) return;
  const progress = draft.progress.join("");
  const bracket = readBracketedStatus(progress);
  if (bracket) {
    draft.statusText = bracket;
    draft.status = mapStatusText(bracket);
    draft.statusSource = "bracket";
    return;
  }
  const clause = readTrailingStatus(progress) ?? findStatusClause(progress);
  if (clause) {
    draft.statusText = clause;
    draft.status = mapStatusText(clause);
    draft.statusSource = "clause";
  }
}
