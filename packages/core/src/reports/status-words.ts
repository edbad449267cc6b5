import type { Status } from "../domain/status.ts";
import { STATUSES, labelStatus } from "../domain/status.ts";

// Order matters: longer and negated phrases are tried before the words they contain
// (未完成 before 完成, 基本完成 before 完成, 已整改，长期坚持 before 已整改).
const STATUS_WORDS: readonly (readonly [RegExp, Status])[] = [
  [/长期坚持|长期整改/, "completed_long_term"],
  [/未启动|未开始|尚未启动|未整改/, "not_started"],
  [/未完成|逾期|超期|未按期/, "not_completed"],
  [/阶段性|基本完成|部分完成|初见成效|持续整改/, "phased"],
  [/推进中|正在整改|整改中|进行中|在办|正在推进|推进/, "in_progress"],
  [/已完成|已整改|完成|销号|办结|已落实|整改到位/, "completed"],
];

/** Reads status words as written in a ledger or notice (已整改、阶段性完成、正在整改…) into a status code; null when none matches. */
export function parseStatusText(text: string | null | undefined): Status | null {
  if (!text) return null;
  const compact = text.replace(/\s+/g, "");
  if (compact === "") return null;
  for (const status of STATUSES) {
    if (compact === labelStatus(status) || compact === status) return status;
  }
  // 已整改，长期坚持 is completed; a bare 长期坚持 (a deadline category) also counts as completed-long-term.
  for (const [pattern, status] of STATUS_WORDS) {
    if (pattern.test(compact)) return status;
  }
  return null;
}

/** The Chinese status labels in display order, as offered in the ledger's drop-down list. */
export function listStatusLabels(): string[] {
  return STATUSES.map(labelStatus);
}
