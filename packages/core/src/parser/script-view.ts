// Traditional script and mirror debris: the parser reads a simplified, cleaned copy of the text and
// restores what it outputs to the characters as written (the contract keeps text as printed).
// Conversion is character for character (OpenCC's traditional→simplified character table), so every
// position of the copy maps back to a position of the original.
import TRADITIONAL_CHARACTERS from "opencc-js/dict/TSCharacters";
import type { ParsedNotice } from "./parsed-notice.ts";

/** A cleaned copy of a text for the parser, and the way back to the text as written. */
export interface TextView {
  /** The copy the parser reads: simplified characters, mirror debris removed. */
  text: string;
  /** Maps a string taken from the copy back to the characters of the original. */
  restore(value: string): string;
}

let table: Map<string, string> | null = null;
let targets: Set<string> | null = null;
// One flag per UTF-16 unit: the character has a simplified form (a fast test on every notice).
let isTraditionalUnit: Uint8Array | null = null;

// Only one-to-one pairs of single UTF-16 units, so the copy keeps the original's length at every character.
function traditionalTable(): Map<string, string> {
  if (table) return table;
  table = new Map();
  for (const entry of TRADITIONAL_CHARACTERS.split("|")) {
    const [from, to] = entry.split(" ");
    if (from?.length === 1 && to?.length === 1 && from !== to) table.set(from, to);
  }
  targets = new Set(table.values());
  isTraditionalUnit = new Uint8Array(65536);
  for (const from of table.keys()) isTraditionalUnit[from.charCodeAt(0)] = 1;
  return table;
}

// Pinyin that some mirror sites print after a character: 質(zhì), 發(fā).
const PINYIN_AFTER_HANZI = /(?<=[\u3400-\u9fff])\([a-zA-Z\u00e0-\u00fc\u0101-\u01dc\u0300-\u036f]{1,8}\)/g;
const MAX_SEARCHES = 400;
const MAX_SEARCH_TEXT = 400_000;

/** Returns a simplified, cleaned view of a text printed in traditional script or carrying mirror pinyin; null when the text needs neither. */
export function readTextView(raw: string): TextView | null {
  const characters = traditionalTable();
  const flags = isTraditionalUnit as Uint8Array;
  let converted = 0;
  let cjk = 0;
  // The script is decided on the first 50,000 characters.
  const sample = Math.min(raw.length, 50_000);
  for (let i = 0; i < sample; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0x3400 && code <= 0x9fff) cjk++;
    converted += flags[code];
  }
  // A simplified notice may hold the odd character that is also traditional (乾, 著); a traditional one is full of them.
  const isTraditional = converted >= 5 && converted * 30 >= cjk;
  let pinyinCount = 0;
  PINYIN_AFTER_HANZI.lastIndex = 0;
  while (pinyinCount < 2 && PINYIN_AFTER_HANZI.exec(raw) !== null) pinyinCount++;
  if (!isTraditional && pinyinCount < 2) return null;

  // Copy and position map: copy index → original index.
  const kept: string[] = [];
  const origin: number[] = [];
  const dropped = new Uint8Array(raw.length);
  if (pinyinCount >= 2) {
    PINYIN_AFTER_HANZI.lastIndex = 0;
    for (let match = PINYIN_AFTER_HANZI.exec(raw); match !== null; match = PINYIN_AFTER_HANZI.exec(raw)) {
      dropped.fill(1, match.index, match.index + match[0].length);
    }
  }
  // Votes for the way back: simplified character → traditional character it came from (or itself).
  const back = new Map<string, Map<string, number>>();
  for (let i = 0; i < raw.length; i++) {
    if (dropped[i]) continue;
    const ch = raw[i];
    const simple = isTraditional ? (characters.get(ch) ?? ch) : ch;
    kept.push(simple);
    origin.push(i);
    if (simple !== ch || targets?.has(ch)) {
      const votes = back.get(simple) ?? new Map<string, number>();
      votes.set(ch, (votes.get(ch) ?? 0) + 1);
      back.set(simple, votes);
    }
  }
  const text = kept.join("");
  const byCharacter = new Map<string, string>();
  for (const [simple, votes] of back) {
    let best = simple;
    let bestCount = 0;
    for (const [original, count] of votes) {
      if (count > bestCount) {
        best = original;
        bestCount = count;
      }
    }
    if (best !== simple) byCharacter.set(simple, best);
  }
  // Whitespace-free copies for finding a value where it was printed, with the original span around it.
  const compactCopy: string[] = [];
  const compactOrigin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    compactCopy.push(text[i]);
    compactOrigin.push(origin[i]);
  }
  const compact = compactCopy.join("");
  let searches = 0;

  const restoreByCharacter = (value: string): string => {
    let result = "";
    for (const ch of value) result += byCharacter.get(ch) ?? ch;
    return result;
  };
  const restore = (value: string): string => {
    if (value === "") return value;
    const needle = value.replace(/\s+/g, "");
    if (needle.length >= 2 && needle.length <= 300 && compact.length <= MAX_SEARCH_TEXT && searches < MAX_SEARCHES) {
      searches++;
      const at = compact.indexOf(needle);
      if (at >= 0) {
        const start = compactOrigin[at];
        let end = compactOrigin[at + needle.length - 1] + 1;
        // Keep the pinyin printed right after the last character, as the original has it.
        while (end < raw.length && dropped[end]) end++;
        return raw.slice(start, end).replace(/\s+/g, "");
      }
    }
    return restoreByCharacter(value);
  };
  return { text, restore };
}

/** Restores every text field of a parsed notice to the characters as written; figures and codes are left alone. */
export function restoreNoticeText(notice: ParsedNotice, restore: (value: string) => string): void {
  const optional = (value: string | null): string | null => (value === null ? null : restore(value));
  notice.issuer = optional(notice.issuer);
  notice.title = optional(notice.title);
  notice.inspection.by = optional(notice.inspection.by);
  notice.inspection.level = optional(notice.inspection.level);
  notice.sections = notice.sections.map(restore);
  notice.contacts.postal = notice.contacts.postal.map(restore);
  for (const category of notice.categories) {
    category.label = optional(category.label);
    for (const problem of category.problems) {
      problem.title = restore(problem.title);
      problem.subPoints = problem.subPoints.map(restore);
      problem.statusText = optional(problem.statusText);
      if (problem.progressText !== undefined) problem.progressText = restore(problem.progressText);
      if (problem.planText !== undefined) problem.planText = optional(problem.planText);
      problem.docRefs = problem.docRefs.map(restore);
    }
  }
  const summary = notice.claimedSummary;
  if (summary.quotes) summary.quotes = summary.quotes.map(restore);
  if (summary.funds) summary.funds = summary.funds.map((fund) => (fund.label === undefined ? fund : { ...fund, label: restore(fund.label) }));
  if (summary.accountability?.byType) {
    summary.accountability.byType = Object.fromEntries(Object.entries(summary.accountability.byType).map(([label, count]) => [restore(label), count]));
  }
  for (const finding of notice.findings) if (finding.evidence !== undefined) finding.evidence = restore(finding.evidence);
}
