// Problem counts in a summary clause, each read with the status phrasing next to it:
// 反馈的4个方面37个问题，已整改完成34个，基本完成取得阶段性成果并持续整改问题4个，正在整改推进中的两项问题.
// One pass over the count mentions of a clause; the words around a count never reach past its segment.
import { readChineseNumber } from "./numerals.ts";

/** The status buckets the genre's phrasings map to. */
export type CountBucket = "completed" | "phased" | "inProgress" | "notCompleted" | "longTerm";

/** What the counts of one clause say. */
export interface ClauseCounts {
  /** The number of problems the clause names as its base (反馈的37个问题, 问题18项). */
  total?: number;
  /** A count of 具体问题 (the finer list under 方面/大类). */
  specific?: number;
  counts: Partial<Record<CountBucket, number>>;
}

const COUNT = /(\d{1,6}|[两二三四五六七八九十百]{1,4})(个|项|条|件)/g;
const SEGMENT_END = "，,；;：:（）()、。";
const PROBLEM_AFTER = /^(?:具体|反馈|巡察|巡视|突出|审计|共性|各类|个性)?问题(?!线索)/;
const PROBLEM_BEFORE = /问题(?:共|总数|共计|总计|合计)?(?:为|有|是)?$/;
// A count followed by another noun counts something else (方面, 项目, 单位, 整改措施, 清单…).
const OTHER_NOUN = /^[\u4e00-\u9fff]/;
const STATUS_AFTER = /^(?:问题)?(?:已经|已|均已|均|都|正在|未|尚未|基本|阶段性|完成|整改(?:完成|到位|完毕|中)|按计划|有序|持续)/;
const OTHER_REGISTERS = /线索|信访|立行立改/;

/** Maps status words to the bucket a summary count goes in; null when the words name no status. */
export function bucketOf(words: string): CountBucket | null {
  if (/未完成|尚未|未整改|未销号|未办结|没有完成/.test(words)) return "notCompleted";
  if (/阶段性|基本完成|基本整改|部分完成/.test(words)) return "phased";
  if (/长期坚持|长期整改/.test(words)) return "longTerm";
  if (/正在|整改中|推进中|持续推进|持续整改|按计划推进|有序推进|加快推进|推进整改/.test(words)) return "inProgress";
  if (/完成|整改到位|已整改|整改完毕|销号|办结|已落实/.test(words)) return "completed";
  return null;
}

/** Reads the problem counts of one clause: the base total and the count in each status bucket; counts of 立行立改/信访/线索 are left to their own readers unless `includeRegisters`. */
export function readClauseCounts(clause: string, includeRegisters = false): ClauseCounts {
  const result: ClauseCounts = { counts: {} };
  COUNT.lastIndex = 0;
  for (let match = COUNT.exec(clause); match !== null; match = COUNT.exec(clause)) {
    const start = match.index;
    const end = start + match[0].length;
    // 第3个 is an ordinal; a digit right before is part of a longer number.
    if (start > 0 && /[\d第.]/.test(clause[start - 1])) continue;
    let segmentStart = start;
    while (segmentStart > 0 && start - segmentStart < 60 && !SEGMENT_END.includes(clause[segmentStart - 1])) segmentStart--;
    let segmentEnd = end;
    while (segmentEnd < clause.length && segmentEnd - end < 60 && !SEGMENT_END.includes(clause[segmentEnd])) segmentEnd++;
    // Words before a count reach back to the previous count at most (3个问题已完成整改2个).
    let before = clause.slice(segmentStart, start);
    const previousCount = /^.*\d(?:个|项|条|件)/.exec(before);
    if (previousCount) before = before.slice(previousCount[0].length);
    const after = clause.slice(end, segmentEnd);
    if (!includeRegisters && (OTHER_REGISTERS.test(before) || OTHER_REGISTERS.test(after))) continue;
    const isDigits = /^\d/.test(match[1]);
    const value = readChineseNumber(match[1]);
    if (value === null) continue;
    const isProblemAfter = PROBLEM_AFTER.test(after);
    const isProblemBefore = PROBLEM_BEFORE.test(before);
    const isBare = after === "" || STATUS_AFTER.test(after);
    if (!isProblemAfter && !isBare && OTHER_NOUN.test(after)) continue;
    // A status after the count is its own only when no other count follows it (3个问题已完成整改2个).
    const beforeBucket = bucketOf(before);
    const afterBucket = STATUS_AFTER.test(after) && !/\d/.test(after) ? bucketOf(after) : null;
    // 反馈的4个问题已全部整改到位: the count is the base and its status at once.
    if (beforeBucket === null && afterBucket !== null && isProblemAfter && isDigits) result.total ??= value;
    const bucket = beforeBucket ?? afterBucket;
    if (bucket) {
      // Numerals in words are only trusted next to a status (正在整改推进中的两项问题).
      if (!isDigits && value < 2) continue;
      result.counts[bucket] ??= value;
      continue;
    }
    if (!isDigits) continue;
    if (isProblemAfter && /^具体问题/.test(after)) result.specific ??= value;
    else if (isProblemAfter || isProblemBefore) result.total ??= value;
  }
  return result;
}
