// Aggregate figures the notice claims about itself (截至…，反馈的N个问题已完成整改M个…).
import type { ClaimedSummary } from "./parsed-notice.ts";
import { findDates, formatDate } from "./dates.ts";
import { findMoney } from "./amounts.ts";

/** Figures and the sentences they came from. */
export interface SummaryReading {
  summary: ClaimedSummary;
  /** The notice claims everything is rectified (所有问题均已整改完毕). */
  globalClaim: "all" | "basic" | null;
}

const UNIT = "(?:个|项|条|件|大类|类)";
const N = "(\\d{1,6})";
const STATUS_FIRST = new RegExp(
  `(阶段性完成|阶段性整改|基本完成|部分完成|尚未完成|未完成|正在整改|整改中|推进中|持续推进|长期坚持|已完成|完成|整改到位|已整改|已销号|销号|已办结|办结)(?:了)?(?:整改|销号)?(?:的)?(?:问题)?(?:共)?${N}${UNIT}`,
  "g",
);
const COUNT_FIRST = new RegExp(
  `${N}${UNIT}(?:问题)?(?:已经|已|均已)?(阶段性完成|基本完成|部分完成|未完成|正在整改|整改中|完成整改|整改完成|整改到位|完成|销号|办结|正在(?:按计划|有序|加快)?推进)`,
  "g",
);
const TOTAL = new RegExp(`(?:反馈|移交|交办|指出|发现|梳理|涉及|共|反馈了|提出)?(?:的)?${N}(?:个|项|条)(?:反馈|巡察|具体)?问题`);
const TOTAL_AFTER = new RegExp(`问题(?:共|总数|共计)?(?:为)?${N}(?:个|项|条)`);
const RATE = /(?:完成率|整改率|销号率|完成比例)(?:为|达到|达|是)?(\d{1,3}(?:\.\d{1,4})?)[%％]|(\d{1,3}(?:\.\d{1,4})?)[%％]的?(?:整改)?(?:完成率|整改率)/;
const CATEGORY_COUNT = /(\d{1,4})(?:个)?大类|(\d{1,4})类问题/;
const ASPECT_COUNT = /(\d{1,4})个方面/;
const SPECIFIC_COUNT = /(\d{1,6})(?:条|个|项)具体问题/;
const ALL_RECTIFIED =
  /(?:所有|全部|各项)(?:反馈)?(?:问题|整改任务|整改事项|任务)?(?:均|都)?已(?:经)?(?:全部)?(?:整改完毕|整改到位|完成整改|整改完成|销号)|(?:问题|任务|事项)(?:均|全部|都)已(?:经)?(?:全部)?(?:整改完毕|整改到位|完成整改|整改完成|销号|完成)|已全部(?:整改完毕|整改到位|完成整改|整改完成|销号)/;
const BASIC_CLAIM = /(?:已|均已)?基本(?:整改到位|整改完毕|完成整改|完成)/;
const ACCOUNTABILITY =
  /(党纪政务处分|党纪处分|政务处分|组织处理|诫勉谈话|诫勉|约谈|提醒谈话|谈话提醒|批评教育|通报批评|责令检查|书面检查|函询|停职检查|免职|调整岗位|移送司法机关|追责问责|问责|处理|处分)(?:了)?(\d{1,5})(?:人|名)(?:次)?/g;
const ACCOUNTABILITY_TOTAL = new Set(["追责问责", "问责", "处理", "处分"]);
const RULES = /(?:建章立制|(?:建立|制定|出台|修订|完善|健全|新建|修改|新制定)(?:和|、|及|并)?(?:完善|健全|修订)?(?:了)?(?:各类|相关|各项)?(?:规章)?(?:制度|机制)(?:机制|规定)?)(?:共)?(\d{1,5})(?:余)?(?:项|个|件|条|份)/;
const MEASURES = /(?:制定|明确|细化|提出)(?:了)?(?:具体)?(?:整改)?措施(?:共)?(\d{1,5})(?:条|项|个)/;
const RECOVERY = /清退|追缴|追回|挽回|退还|归还|退缴|收回|返还|退赔|追偿|缴回|上缴|纠正资金/;
const NOT_RECOVERED = /问题资金|涉及金额|涉及资金|涉案金额|违规金额|涉及资金/;

function setCount(target: Record<string, unknown>, key: string, value: number): void {
  if (target[key] === undefined) target[key] = value;
}

function statusKey(word: string): "completed" | "phased" | "inProgress" | "notCompleted" | "longTerm" {
  if (/未完成/.test(word)) return "notCompleted";
  if (/阶段性|基本|部分/.test(word)) return "phased";
  if (/正在|中$|持续/.test(word)) return "inProgress";
  if (/长期/.test(word)) return "longTerm";
  return "completed";
}

function readStatusCounts(clause: string): Partial<Record<"completed" | "phased" | "inProgress" | "notCompleted" | "longTerm", number>> {
  const counts: Partial<Record<"completed" | "phased" | "inProgress" | "notCompleted" | "longTerm", number>> = {};
  STATUS_FIRST.lastIndex = 0;
  for (let match = STATUS_FIRST.exec(clause); match !== null; match = STATUS_FIRST.exec(clause)) {
    const key = statusKey(match[1]);
    if (counts[key] === undefined) counts[key] = Number(match[2]);
  }
  COUNT_FIRST.lastIndex = 0;
  for (let match = COUNT_FIRST.exec(clause); match !== null; match = COUNT_FIRST.exec(clause)) {
    const key = statusKey(match[2]);
    if (counts[key] === undefined) counts[key] = Number(match[1]);
  }
  return counts;
}

function firstNumber(pattern: RegExp, text: string): number | null {
  const match = pattern.exec(text);
  if (!match) return null;
  for (let i = 1; i < match.length; i++) if (match[i] !== undefined) return Number(match[i]);
  return null;
}

/** Reads the figures the notice claims from sentences outside the problems; quotes keep the sentences as written. */
export function readClaimedSummary(texts: string[]): SummaryReading {
  const summary: ClaimedSummary = {};
  const quotes: string[] = [];
  let globalClaim: "all" | "basic" | null = null;
  for (const text of texts) {
    const sentences = text.slice(0, 50_000).split(/(?<=[。！？!?])/);
    for (const rawSentence of sentences) {
      const sentence = rawSentence.trim();
      const compact = sentence.replace(/\s+/g, "");
      if (compact.length < 4 || compact.length > 600) continue;
      if (readSentence(compact, summary)) quotes.push(sentence);
      if (ALL_RECTIFIED.test(compact) && !/基本|阶段性/.test(compact) && !isSubRegisterClaim(compact)) {
        summary.allRectified = true;
        globalClaim = "all";
        if (!quotes.includes(sentence)) quotes.push(sentence);
      } else if (BASIC_CLAIM.test(compact) && /目前|截至|截止|现已|已/.test(compact)) {
        globalClaim ??= "basic";
        if (!quotes.includes(sentence)) quotes.push(sentence);
      }
    }
  }
  if (quotes.length > 0) summary.quotes = quotes;
  return { summary, globalClaim };
}

// 立行立改问题14个，已全部整改到位 speaks of the immediate fixes (or petitions, clues), not of the feedback's problems.
function isSubRegisterClaim(compact: string): boolean {
  return compact.split(/[；;]/).every((clause) => !ALL_RECTIFIED.test(clause) || /立行立改|信访|线索/.test(clause));
}

function readSentence(compact: string, summary: ClaimedSummary): boolean {
  let found = false;
  const asOf = /(?:截至|截止)(?:到)?(?:目前|当前)?/.exec(compact);
  if (asOf && summary.asOf === undefined) {
    const date = findDates(compact.slice(asOf.index, asOf.index + 20))[0];
    if (date && date.start <= asOf[0].length + 1 && date.parts.year !== null) {
      const formatted = formatDate(date.parts, date.isDamaged);
      if (formatted) summary.asOf = formatted;
    }
  }
  const categories = firstNumber(CATEGORY_COUNT, compact);
  if (categories !== null && summary.categories === undefined) {
    summary.categories = categories;
    found = true;
  }
  const aspects = firstNumber(ASPECT_COUNT, compact);
  if (aspects !== null && summary.aspects === undefined) {
    summary.aspects = aspects;
    found = true;
  }
  const specific = firstNumber(SPECIFIC_COUNT, compact);
  if (specific !== null && summary.specificProblems === undefined) {
    summary.specificProblems = specific;
    found = true;
  }
  for (const clause of compact.split(/[；;]/)) {
    if (readClause(clause, summary)) found = true;
  }
  const rate = RATE.exec(compact);
  if (rate && summary.completionRate === undefined) {
    summary.completionRate = Number(rate[1] ?? rate[2]);
    found = true;
  }
  const rules = firstNumber(RULES, compact);
  if (rules !== null && summary.rulesMade === undefined) {
    summary.rulesMade = rules;
    found = true;
  }
  const measures = firstNumber(MEASURES, compact);
  if (measures !== null && summary.measuresTotal === undefined) {
    summary.measuresTotal = measures;
    found = true;
  }
  return found;
}

function readClause(clause: string, summary: ClaimedSummary): boolean {
  let found = false;
  if (/立行立改/.test(clause)) {
    const fix = summary.immediateFix ?? {};
    const total = firstNumber(/(\d{1,6})(?:个|项|条|件)(?:立行立改)?(?:问题|事项)|立行立改(?:问题|事项)(?:共)?(\d{1,6})(?:个|项|条|件)/, clause);
    const counts = readStatusCounts(clause.replace(/(\d{1,6})(?:个|项|条|件)(?:立行立改)?(?:问题|事项)/, ""));
    const notices = firstNumber(/(\d{1,6})(?:份|个|件)(?:立行立改)?(?:通知书|交办函|交办单)|(?:通知书|交办函|交办单)(\d{1,6})(?:份|个|件)/, clause);
    if (total !== null) fix.total ??= total;
    if (counts.completed !== undefined) fix.completed ??= counts.completed;
    else if (total !== null && ALL_RECTIFIED.test(clause)) fix.completed ??= total;
    if (notices !== null) fix.notices ??= notices;
    if (Object.keys(fix).length > 0) {
      summary.immediateFix = fix;
      found = true;
    }
    return found;
  }
  if (/信访/.test(clause) && !/线索/.test(clause)) {
    const petitions = summary.petitions ?? {};
    const total = firstNumber(/(\d{1,6})(?:件|个|条)(?:信访件|信访举报|信访问题|信访)|信访(?:件|举报|问题)?(?:共)?(\d{1,6})(?:件|个|条)/, clause);
    const closed = firstNumber(/(?:已)?办结(?:了)?(\d{1,6})(?:件|个|条)|(\d{1,6})(?:件|个|条)(?:已)?办结/, clause);
    if (total !== null) petitions.total ??= total;
    if (closed !== null) petitions.closed ??= closed;
    else if (total !== null && /(?:已|均已)全部办结|全部(?:已)?办结/.test(clause)) petitions.closed ??= total;
    if (Object.keys(petitions).length > 0) {
      summary.petitions = petitions;
      found = true;
    }
    return found;
  }
  if (/线索/.test(clause)) {
    const clues = summary.clues ?? {};
    const total = firstNumber(/线索(?:共)?(\d{1,6})(?:件|条|个)|(\d{1,6})(?:件|条|个)(?:问题)?线索/, clause);
    const transferred = firstNumber(/移交(?:问题)?(?:线索)?(\d{1,6})(?:件|条|个)/, clause);
    const closed = firstNumber(/办结(\d{1,6})(?:件|条|个)/, clause);
    const filed = firstNumber(/立案(\d{1,6})(?:件|起|个)/, clause);
    // People concerned are named as 涉及N人 or 立案N件N人; other N人 in the clause are sanctions.
    const people = firstNumber(/涉及[\u4e00-\u9fff]{0,6}?(\d{1,6})(?:人|名)|(?:件|起)(\d{1,6})人/, clause);
    if (total !== null) clues.total ??= total;
    if (transferred !== null) clues.transferred ??= transferred;
    if (closed !== null) clues.closed ??= closed;
    else if (total !== null && /(?:已|均已)全部办结|全部(?:已)?办结/.test(clause)) clues.closed ??= total;
    if (filed !== null) clues.filed ??= filed;
    if (people !== null) clues.people ??= people;
    if (Object.keys(clues).length > 0) {
      summary.clues = clues;
      found = true;
    }
  }
  ACCOUNTABILITY.lastIndex = 0;
  for (let match = ACCOUNTABILITY.exec(clause); match !== null; match = ACCOUNTABILITY.exec(clause)) {
    const accountability = (summary.accountability ??= {});
    const value = Number(match[2]);
    if (ACCOUNTABILITY_TOTAL.has(match[1])) {
      accountability.total ??= value;
    } else {
      const byType = (accountability.byType ??= {});
      byType[match[1]] ??= value;
    }
    found = true;
  }
  if (RECOVERY.test(clause)) {
    for (const money of findMoney(clause)) {
      const before = clause.slice(Math.max(0, money.start - 24), money.start);
      let keyword = -1;
      for (let at = before.search(RECOVERY); at >= 0; ) {
        keyword = at;
        const next = before.slice(at + 1).search(RECOVERY);
        at = next < 0 ? -1 : at + 1 + next;
      }
      if (keyword < 0 || NOT_RECOVERED.test(before.slice(keyword))) continue;
      const label = before.slice(keyword).replace(/[共计达约合为了，,、：:]+$/, "");
      (summary.funds ??= []).push({ yuan: money.yuan, text: money.text, ...(label ? { label } : {}) });
      found = true;
    }
  }
  if (/问题|整改|销号|反馈/.test(clause)) {
    const counts = readStatusCounts(clause);
    const total = firstNumber(TOTAL, clause) ?? firstNumber(TOTAL_AFTER, clause);
    const isSpecific = /具体问题/.test(clause) && total !== null && SPECIFIC_COUNT.test(clause) && firstNumber(SPECIFIC_COUNT, clause) === total;
    if (total !== null && !isSpecific && summary.problemsTotal === undefined && (Object.keys(counts).length > 0 || /反馈|移交|交办|指出|巡察/.test(clause))) {
      summary.problemsTotal = total;
      found = true;
    }
    const target = summary as Record<string, unknown>;
    for (const [key, value] of Object.entries(counts)) {
      setCount(target, key, value);
      found = true;
    }
  }
  return found;
}
