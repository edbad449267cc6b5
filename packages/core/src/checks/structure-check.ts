// The checker is never silently wrong: when a text that reads like a rectification notice yields no
// problem list, that is a finding of its own, so no report says 未发现问题 about a notice it could not read.
import type { CheckFinding, CheckFindingCode, ParsedNotice } from "../parser/parsed-notice.ts";

/** Codes of the notice check: the contract's codes plus STRUCTURE_NOT_FOUND, which the parse contract does not carry. */
export type NoticeFindingCode = CheckFindingCode | "STRUCTURE_NOT_FOUND";

/** A finding of the notice check (`zhenggai check`, import preview). */
export interface NoticeFinding extends Omit<CheckFinding, "code"> {
  code: NoticeFindingCode;
}

const NOTICE_WORDS = /整改|巡察|巡视|审计/;

/** Whether a text reads like a notice about inspection or audit rectification (and so should hold a problem list). */
export function looksLikeNotice(compactText: string): boolean {
  return compactText.length >= 60 && NOTICE_WORDS.test(compactText.slice(0, 20_000));
}

/** Returns STRUCTURE_NOT_FOUND when a notice-like text yields no problems; null otherwise. */
export function checkStructure(notice: ParsedNotice, isNoticeLike: boolean): NoticeFinding | null {
  const problems = notice.categories.reduce((sum, category) => sum + category.problems.length, 0);
  if (problems > 0 || !isNoticeLike) return null;
  const evidence = notice.title ?? notice.sections.slice(0, 4).join("；");
  return {
    code: "STRUCTURE_NOT_FOUND",
    severity: "error",
    message:
      "未能从文中识别出逐条列出的问题清单（没有找到“（一）…方面”“1.…”“问题一：”等编号的问题，也没有“整改情况：”“整改结果：”等标签或问题表格）。" +
      "因此无法核对问题数、整改状态和完成表述是否与正文一致，本次检查结果不完整，不能视为“未发现问题”。",
    problemSeqs: [],
    ...(evidence ? { evidence } : {}),
  };
}
