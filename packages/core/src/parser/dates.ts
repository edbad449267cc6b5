import { readChineseNumber, readYearDigits } from "./numerals.ts";

/** A calendar date as far as the text gives it; parts the text omits are null. */
export interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** A date written in the text, with its position in the compact string. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  parts: DateParts;
  /** The text has a date here that cannot be read (year 202, month 13…). */
  isDamaged: boolean;
}

/** Two dates joined by 至/到/—. */
export interface DateRange {
  from: DateMention;
  to: DateMention;
}

const CN_DIGIT = "[〇零○O一二三四五六七八九]";
const CN_SMALL = "[一二三四五六七八九十]";
const DATE_PATTERN = new RegExp(
  [
    `(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})(?!\\d)`,
    `(\\d{1,6}|${CN_DIGIT}{4})年(?:(\\d{1,3}|${CN_SMALL}{1,3})月(?:份)?(?:(\\d{1,3}|${CN_SMALL}{1,3})[日号])?)?`,
    `(\\d{1,3})月(?:份)?(?:(\\d{1,3})[日号])?`,
    `(${CN_SMALL}{1,3})月(${CN_SMALL}{1,3})[日号]`,
    // A date whose 年 and 月 were lost in conversion: 2022324日.
    `(?<![\\d.])((?:19|20)\\d{2})(\\d{2,4})日(?!\\d)`,
  ].join("|"),
  "g",
);
// 2022年8月下旬至9月底: the part of the month before the link does not change the month precision.
const RANGE_LINK = /^(?:上旬|中旬|下旬|底|初|末|中)?(?:至|到|—{1,2}|－|-|~|～|―)$/;
const DAY_END = new RegExp(`^(?:至|到|—{1,2}|－|-|~|～)(\\d{1,2}|${CN_SMALL}{1,3})[日号]`);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidParts(parts: DateParts): boolean {
  if (parts.year !== null && (parts.year < 1949 || parts.year > 2100)) return false;
  if (parts.month !== null && (parts.month < 1 || parts.month > 12)) return false;
  if (parts.day !== null) {
    if (parts.month === null || parts.day < 1) return false;
    if (parts.day > daysInMonth(parts.year ?? 2000, parts.month)) return false;
  }
  return true;
}

/** Splits the digits after the year into month and day when exactly one split is a valid date (324 → 3-24; 112 is ambiguous). */
function rebuildDate(year: number, digits: string): DateParts | null {
  const splits: DateParts[] = [];
  for (let cut = 1; cut <= 2 && cut < digits.length; cut++) {
    const monthText = digits.slice(0, cut);
    const dayText = digits.slice(cut);
    if (dayText.length > 2) continue;
    const parts = { year, month: Number(monthText), day: Number(dayText) };
    if (isValidParts(parts)) splits.push(parts);
  }
  return splits.length === 1 ? splits[0] : null;
}

function readPart(text: string | undefined): number | null {
  if (text === undefined) return null;
  return readChineseNumber(text);
}

/** Finds every date written in a compact text (2024年9月14日, 9月14日, 2024年9月, 二〇二四年九月十四日, 2024-09-14). */
export function findDates(compact: string): DateMention[] {
  const mentions: DateMention[] = [];
  DATE_PATTERN.lastIndex = 0;
  for (let match = DATE_PATTERN.exec(compact); match !== null; match = DATE_PATTERN.exec(compact)) {
    let parts: DateParts;
    let isDamaged = false;
    if (match[1] !== undefined) {
      parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    } else if (match[4] !== undefined) {
      const year = readYearDigits(match[4]);
      if (year === null) isDamaged = true;
      parts = { year, month: readPart(match[5]), day: readPart(match[6]) };
    } else if (match[7] !== undefined) {
      // Numbers glued to 月 by accident ("第3月") are rare; a digit right before means a longer number, not a date.
      if (match.index > 0 && /\d/.test(compact[match.index - 1])) continue;
      parts = { year: null, month: Number(match[7]), day: readPart(match[8]) };
    } else if (match[9] !== undefined) {
      parts = { year: null, month: readPart(match[9]), day: readPart(match[10]) };
    } else {
      const rebuilt = rebuildDate(Number(match[11]), match[12]);
      if (rebuilt === null) isDamaged = true;
      parts = rebuilt ?? { year: Number(match[11]), month: null, day: null };
    }
    if (!isDamaged && !isValidParts(parts)) isDamaged = true;
    mentions.push({ start: match.index, end: match.index + match[0].length, text: match[0], parts, isDamaged });
  }
  return mentions;
}

/** Finds date ranges (2024年9月至11月, 4月15日至7月10日, 10月1日至5日); the end inherits the year and month of the start. */
export function findDateRanges(compact: string, mentions: DateMention[] = findDates(compact)): DateRange[] {
  const ranges: DateRange[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const from = mentions[i];
    const next = mentions[i + 1];
    if (next && RANGE_LINK.test(compact.slice(from.end, next.start))) {
      const to: DateMention = {
        ...next,
        parts: {
          year: next.parts.year ?? from.parts.year,
          month: next.parts.month ?? (next.parts.day !== null ? from.parts.month : null),
          day: next.parts.day,
        },
      };
      if (to.parts.year !== null && from.parts.year !== null && next.parts.year === null && to.parts.month !== null && from.parts.month !== null && to.parts.month < from.parts.month) {
        to.parts = { ...to.parts, year: from.parts.year + 1 };
      }
      ranges.push({ from, to });
      i++;
      continue;
    }
    const dayEnd = DAY_END.exec(compact.slice(from.end, from.end + 8));
    if (dayEnd && from.parts.month !== null) {
      const day = readChineseNumber(dayEnd[1]);
      const parts: DateParts = { year: from.parts.year, month: from.parts.month, day };
      const end = from.end + dayEnd[0].length;
      ranges.push({ from, to: { start: from.end, end, text: dayEnd[0], parts, isDamaged: !isValidParts(parts) } });
    }
  }
  return ranges;
}

/** Formats date parts as YYYY-MM-DD, YYYY-MM or YYYY; null when the year is unknown or the date is damaged. */
export function formatDate(parts: DateParts | null, isDamaged = false): string | null {
  if (!parts || isDamaged || parts.year === null || !isValidParts(parts)) return null;
  const year = String(parts.year).padStart(4, "0");
  if (parts.month === null) return year;
  const month = String(parts.month).padStart(2, "0");
  if (parts.day === null) return `${year}-${month}`;
  return `${year}-${month}-${String(parts.day).padStart(2, "0")}`;
}

/** Reads a formatted date (YYYY, YYYY-MM, YYYY-MM-DD) back into parts; null when it is not one. */
export function parseFormattedDate(text: string | null): DateParts | null {
  if (!text) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  return { year: Number(match[1]), month: match[2] ? Number(match[2]) : null, day: match[3] ? Number(match[3]) : null };
}

/** Compares a date with a reference at the precision the date has: -1 before, 0 same period, 1 after; null when either lacks a year. */
export function compareDateParts(date: DateParts, reference: DateParts): -1 | 0 | 1 | null {
  if (date.year === null || reference.year === null) return null;
  if (date.year !== reference.year) return date.year < reference.year ? -1 : 1;
  if (date.month === null || reference.month === null) return 0;
  if (date.month !== reference.month) return date.month < reference.month ? -1 : 1;
  if (date.day === null || reference.day === null) return 0;
  if (date.day !== reference.day) return date.day < reference.day ? -1 : 1;
  return 0;
}

/** Gives a year-less date the year that puts it nearest to the reference date (a notice of January speaking of 12月 means last December). */
export function resolveYearNear(parts: DateParts, reference: DateParts): DateParts {
  if (parts.year !== null || reference.year === null || parts.month === null) return parts;
  const refMonthIndex = reference.year * 12 + (reference.month ?? 6) - 1;
  let best = reference.year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [reference.year - 1, reference.year, reference.year + 1]) {
    const distance = Math.abs(year * 12 + parts.month - 1 - refMonthIndex) * 40 + Math.abs((parts.day ?? 15) - (reference.day ?? 15));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = year;
    }
  }
  return { ...parts, year: best };
}
