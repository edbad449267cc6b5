// Problems listed inside one paragraph, as news of a feedback meeting prints them: 主要问题：一是…；二是…；三是….
// and 问题：…；…；…. Used only where the outline holds no problem list; a list of suggestions
// (提出了五点整改意见建议：一是…) is not a problem list.
import type { Paragraph } from "./paragraphs.ts";
import { CN_ORDER, stripEnd } from "./headline.ts";

/** A problem list found inside a paragraph. */
export interface InlineProblemList {
  /** Index of the paragraph holding the list. */
  index: number;
  /** The points in order, each without its 一是 / 二是 ordinal. */
  points: string[];
}

// What introduces the list names problems; suggestions, requirements and pledges do not.
const INTRO_NAMES_PROBLEMS = /问题|不足|短板/;
const INTRO_NAMES_OTHER = /意见建议|整改意见|建议|要求|措施|打算|表示|表态|强调|做法|经验|成效|举措/;
const MAX_POINT = 300;

/** Splits the text after an explicit 问题： label into its semicolon-separated clauses; empty when it is one problem. */
export function splitProblemClauses(rest: string): string[] {
  const text = stripEnd(rest);
  if (text.length > 2000 || /[。！？]/.test(text)) return [];
  const clauses = text.split(/[；;]/).map((clause) => stripEnd(clause.trim()));
  if (clauses.length < 2 || clauses.some((clause) => clause.length < 4 || clause.length > MAX_POINT)) return [];
  return clauses;
}

/** Reads 一是…二是… points from `start` (at 一是) up to the sentence that ends the list. */
function readOrdinalPoints(text: string, start: number): string[] {
  const points: string[] = [];
  let at = start;
  for (let ordinal = 0; ordinal < CN_ORDER.length; ordinal++) {
    const marker = `${CN_ORDER[ordinal]}是`;
    if (!text.startsWith(marker, at)) break;
    const bodyStart = at + marker.length;
    const next = `${CN_ORDER[ordinal + 1] ?? "〇"}是`;
    // The point runs to the separator before the next ordinal, or to the end of its sentence.
    let end = bodyStart;
    let nextAt = -1;
    while (end < text.length && end - bodyStart <= MAX_POINT) {
      const ch = text[end];
      if ("；;。，,".includes(ch) && text.startsWith(next, end + 1)) {
        nextAt = end + 1;
        break;
      }
      if (ch === "。" || ch === "！" || ch === "？") break;
      end++;
    }
    if (end - bodyStart > MAX_POINT || end === bodyStart) return [];
    points.push(stripEnd(text.slice(bodyStart, end)));
    if (nextAt < 0) break;
    at = nextAt;
  }
  return points;
}

/** Finds the first paragraph that introduces problems and lists them as 一是…二是…; null when there is none. */
export function findInlineProblemList(paragraphs: Paragraph[]): InlineProblemList | null {
  for (const paragraph of paragraphs) {
    const text = paragraph.compact.slice(0, 20_000);
    for (let colon = text.search(/[：:]一是/); colon >= 0; ) {
      let sentenceStart = colon;
      while (sentenceStart > 0 && colon - sentenceStart < 120 && !"。！？；;".includes(text[sentenceStart - 1])) sentenceStart--;
      const intro = text.slice(sentenceStart, colon);
      if (INTRO_NAMES_PROBLEMS.test(intro) && !INTRO_NAMES_OTHER.test(intro.replace(/问题/g, ""))) {
        const points = readOrdinalPoints(text, colon + 1);
        if (points.length >= 2) return { index: paragraph.index, points };
      }
      const next = text.slice(colon + 1).search(/[：:]一是/);
      colon = next < 0 ? -1 : colon + 1 + next;
    }
  }
  return null;
}
