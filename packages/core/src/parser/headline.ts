// Headlines: the title, sub-points (一是…二是…) and trailing text of a problem's first paragraph.
import { readBracketedStatus } from "./status-words.ts";

/** Removes trailing punctuation and spaces. */
export function stripEnd(text: string): string {
  return text.replace(/[。；;，,：:、\s]+$/, "");
}

/** The text up to the first sentence end (at most 300 characters). */
export function firstSentence(text: string): string {
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
export const CN_ORDER = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

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

/** Splits 二是…三是… that continue a list whose first `already` points came earlier. */
export function splitSubPointsContinuing(compact: string, already: number): string[] {
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

