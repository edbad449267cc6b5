// Reading one problem's write-up: headline, labelled blocks (整改情况：/整改结果：/整改计划：…), status,
// and blocks a PDF conversion put in the wrong place. The walker sees each paragraph once.
import type { ParsedStatus } from "./parsed-notice.ts";
import type { Paragraph } from "./paragraphs.ts";
import type { MarkerType } from "./markers.ts";
import { readBlockLabel } from "./labels.ts";
import { findStatusClause, mapStatusText, readBracketedStatus, readStatusPhrase, readTrailingStatus } from "./status-words.ts";
import { firstSentence, splitHeadline, splitSubPoints, splitSubPointsContinuing, stripEnd } from "./headline.ts";
import { PROBLEM_WORDS, readInfo, type ParagraphInfo } from "./outline.ts";

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
const TERMINAL_END = /[。！？；!?;]$/;

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

export class ProblemWalker {
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
