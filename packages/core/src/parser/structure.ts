// Structure: sections (一、), categories (（一）…方面) and problems with their write-up blocks, in three stages:
// the outline (outline.ts), the choice of the problem level (problem-level.ts) and the walk that reads each
// problem's write-up (problem-walker.ts). Every stage is one pass over the paragraphs.
import type { Paragraph } from "./paragraphs.ts";
import type { MarkerType } from "./markers.ts";
import { firstSentence, stripEnd } from "./headline.ts";
import { isHeadingLike, readInfo, typeOf } from "./outline.ts";
import { chooseProblemLayout } from "./problem-level.ts";
import { ProblemWalker, type CategoryDraft, type OutOfOrderRepair } from "./problem-walker.ts";
import { findInlineProblemList, splitProblemClauses } from "./inline-problems.ts";
import type { ParagraphInfo } from "./outline.ts";

export type { CategoryDraft, OutOfOrderRepair, ProblemDraft } from "./problem-walker.ts";

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

// The closing paragraph (invitation to supervise, contact channels) ends the last problem.
const CLOSING =
  /^(?:欢迎|如对|如有|若对|联系(?:电话|方式|人)|举报(?:电话|邮箱|信箱|网址)|监督(?:电话|邮箱)|电子邮箱|邮政信箱|通信地址|公示期|公示时间|公开期限|自即日起|即日起|自[^，。]{1,16}之日起)/;
// A heading between the category and the problems that only groups them (1.关于“…”方面).
const SUB_CATEGORY = /方面(?:的?问题)?$/;

function withRest(info: ParagraphInfo, rest: string): ParagraphInfo {
  return info.marker ? { ...info, marker: { ...info.marker, rest } } : info;
}

/** Reads sections, categories and problems from the body paragraphs. */
export function readStructure(paragraphs: Paragraph[]): NoticeStructure {
  const infos = paragraphs.map(readInfo);
  const layout = chooseProblemLayout(paragraphs, infos);
  const { sectionIndices, sectionStarts, sectionOf, isProblemSection, problemType, categoryType, useSectionsAsCategories, isLabelled, labelFollowed, isProblemNode } = layout;
  const sections: string[] = sectionStarts.map((i) => stripEnd(firstSentence(paragraphs[i].compact)));
  const categories: CategoryDraft[] = [];
  const outsideIndices: number[] = [];
  const outOfOrder: OutOfOrderRepair[] = [];
  const walker = new ProblemWalker(categories, outOfOrder, isLabelled);

  for (let i = 0; i < paragraphs.length; i++) {
    const info = infos[i];
    const paragraph = paragraphs[i];
    const inProblems = problemType !== null && isProblemSection[sectionOf[i] + 1];
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
    const type = typeOf(info);
    if (categoryType && info.marker?.type === categoryType && isHeadingLike(paragraph, 80)) {
      walker.closeProblem();
      walker.dropPending();
      walker.openCategory(stripEnd(firstSentence(paragraph.compact)));
      outsideIndices.push(i);
      continue;
    }
    const isHeadline = isLabelled ? type === problemType && walker.acceptsHeadline(info, labelFollowed[i], paragraph) : isProblemNode[i];
    if (isHeadline) {
      // 问题：…；…；… — an explicit label over semicolon-separated clauses lists one problem per clause.
      const clauses = !isLabelled && info.marker?.type === "labeled" ? splitProblemClauses(info.marker.rest) : [];
      if (clauses.length >= 2) {
        for (const clause of clauses) walker.openProblem(withRest(info, clause), paragraph, "labeled");
        walker.closeProblem();
        continue;
      }
      walker.openProblem(info, paragraph, problemType as MarkerType | "plain");
      continue;
    }
    // A numbered line of the problems' own style that the outline left out (a list of suggestions) ends the problem.
    const isLeftOut = !isLabelled && type === problemType && type !== null;
    if (isLeftOut || (type !== null && type !== "measure" && type !== problemType && isHeadingLike(paragraph, 80) && SUB_CATEGORY.test(stripEnd(info.marker?.rest ?? paragraph.compact)))) {
      walker.closeProblem();
      outsideIndices.push(i);
      continue;
    }
    if (!walker.feed(info, paragraph)) outsideIndices.push(i);
  }
  walker.closeProblem();
  if (categories.every((category) => category.problems.length === 0)) {
    // No list in the outline: news of a feedback meeting lists the problems inside a sentence (主要问题：一是…；二是…).
    const inline = findInlineProblemList(paragraphs);
    if (inline) {
      walker.leaveCategory();
      inline.points.forEach((point, k) => {
        const marker = { type: "measure" as const, number: `${"一二三四五六七八九十"[k] ?? ""}是`, value: k + 1, rest: point, hasProblemLabel: false };
        walker.openProblem({ marker, label: null, isPlain: false }, paragraphs[inline.index], "measure");
      });
      walker.closeProblem();
    }
  }
  walker.repairOrphans();
  return { sections, categories: categories.filter((category) => category.problems.length > 0 || category.label !== null), outsideIndices, outOfOrder, isLabelled };
}
