import type { ParsedStatus } from "./parsed-notice.ts";

// Status phrases as notices print them, longest and negated first (未完成 before 完成, 阶段性完成 before 完成).
const STATUS_PHRASE =
  /^(?:(?:已整改|已完成|整改完成|已完成整改|已整改到位)[，,、]?(?:并|且|需|将|要)?(?:长期坚持|持续推进|长期推进)|长期坚持|长期整改|阶段性完成|阶段性整改完成|已基本完成|基本完成|已基本整改到位|基本整改到位|部分完成|阶段性整改|整改推进中|正在整改中?|持续整改中?|整改中|推进中|正在推进|持续推进中|正在落实|进行中|尚未完成|未完成|未整改|未启动|已完成整改|完成整改|已整改到位|整改到位|已整改完毕|整改完毕|已整改|已完成|整改完成|完成|已销号|销号|已办结|办结|已落实)(?=$|[。；;，,、（(！!])/;

const BRACKETED_STATUS =
  /[（(【[]\s*((?:已整改|已完成)[，,、]?长期坚持|长期坚持|阶段性完成|基本完成|已完成整改|已整改到位|已整改|已完成|完成|整改完成|整改中|正在整改|整改推进中|未完成)\s*[）)】\]][。；;]?$/;

const STATUS_CLAUSE =
  /^(?:目前|现|当前|截至目前|截止目前|至此|该问题|此问题|相关问题|上述问题|该项问题|以上问题|问题|此项问题|该项)?(?:均|全部|都)?(已(?:经)?(?:全部|基本)?(?:整改到位|整改完毕|整改完成|完成整改|整改|销号|办结|完成))$/;

/** Reads a status phrase at the start of a text (after 整改结果：); returns the words as written, or null. */
export function readStatusPhrase(compact: string): string | null {
  const match = STATUS_PHRASE.exec(compact);
  return match ? match[0] : null;
}

/** Reads a status written in brackets at the end of a headline or paragraph (（已完成）). */
export function readBracketedStatus(compact: string): string | null {
  const match = BRACKETED_STATUS.exec(compact);
  return match ? match[1] : null;
}

/** Finds an explicit status sentence inside progress text (相关问题已整改, 目前已整改到位); returns the words from 已 on. */
export function findStatusClause(compact: string): string | null {
  const limit = Math.min(compact.length, 4000);
  let start = 0;
  for (let i = 0; i <= limit; i++) {
    const ch = i < limit ? compact[i] : "。";
    if (ch === "，" || ch === "," || ch === "。" || ch === "；" || ch === ";" || ch === "！") {
      if (i - start <= 20) {
        const match = STATUS_CLAUSE.exec(compact.slice(start, i));
        if (match) return match[1];
      }
      start = i + 1;
    }
  }
  return null;
}

// Who or when a closing status sentence may name before its status words (目前整改推进中, 该问题已完成整改).
const TRAILING_SUBJECT = /^(?:目前|当前|现|现已|截至目前|截止目前|至此|该问题|此问题|相关问题|该项问题|上述问题|该项)?(?:均|全部)?/;

/** Reads a status written as the closing sentence (or its first clause) of a text (……计划于年底前完成。整改推进中。); returns the status words, or null. */
export function readTrailingStatus(compact: string): string | null {
  let end = compact.length;
  while (end > 0 && "。；;！! ".includes(compact[end - 1])) end--;
  if (end === 0) return null;
  let start = end;
  // Only the last sentence counts: look back at most 120 characters for its start.
  while (start > 0 && end - start < 120 && !"。；;！!？?".includes(compact[start - 1])) start--;
  if (start > 0 && !"。；;！!？?".includes(compact[start - 1])) return null;
  // The status is the sentence's first clause (该问题整改推进中，计划于6月底前完成).
  let clauseEnd = start;
  while (clauseEnd < end && compact[clauseEnd] !== "，" && compact[clauseEnd] !== ",") clauseEnd++;
  if (clauseEnd - start > 24) return null;
  const sentence = compact.slice(start, clauseEnd);
  const subject = TRAILING_SUBJECT.exec(sentence);
  const words = subject ? sentence.slice(subject[0].length) : sentence;
  const phrase = readStatusPhrase(words);
  return phrase !== null && phrase.length === words.length ? words : null;
}

/** Maps status words as written to a status code; null when they name none. */
export function mapStatusText(statusText: string | null): ParsedStatus | null {
  if (!statusText) return null;
  const text = statusText.replace(/\s+/g, "");
  if (/长期坚持|长期整改|长期推进|持续推进$/.test(text) && /已整改|已完成|整改完成|完成整改|整改到位|^长期/.test(text)) return "completed_long_term";
  if (/^(?:长期坚持|长期整改)$/.test(text)) return "completed_long_term";
  if (/未完成|未整改|未启动|尚未/.test(text)) return "not_completed";
  if (/阶段性|基本完成|基本整改|部分完成/.test(text)) return "phased";
  if (/推进中|正在|整改中|进行中|持续整改|持续推进/.test(text)) return "in_progress";
  if (/完成|已整改|整改到位|整改完毕|销号|办结|已落实/.test(text)) return "completed";
  return null;
}
