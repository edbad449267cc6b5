// Aggregate figures the notice claims about itself (截至…，反馈的N个问题已完成整改M个…).
import type { ClaimedSummary } from "./parsed-notice.ts";
import { findDates, formatDate } from "./dates.ts";
import { findMoney } from "./amounts.ts";
import { readClauseCounts, type CountBucket } from "./figure-counts.ts";

/** Figures and the sentences they came from. */
export interface SummaryReading {
  summary: ClaimedSummary;
  /** The notice claims everything is rectified (所有问题均已整改完毕). */
  globalClaim: "all" | "basic" | null;
}

// A stray dot before the percent sign (94.93.%) is conversion debris; a lower bound (80%以上) is no rate.
const RATE = /(?:完成率|整改率|销号率|完成比例)(?:为|达到|达|是)?(\d{1,3}(?:\.\d{1,4})?)[.．]?[%％](?!以上|左右|多)|(\d{1,3}(?:\.\d{1,4})?)[.．]?[%％]的?(?:整改)?(?:完成率|整改率)/;
const CATEGORY_COUNT = /(\d{1,4})(?:个)?大类|(\d{1,4})类问题/;
const ASPECT_COUNT = /(\d{1,4})个方面/;
const SPECIFIC_COUNT = /(\d{1,6})(?:条|个|项)具体问题/;
const ALL_RECTIFIED =
  /(?:所有|全部|各项)(?:反馈)?(?:问题|整改任务|整改事项|任务)?(?:均|都)?已(?:经)?(?:全部)?(?:整改完毕|整改到位|完成整改|整改完成|销号)|(?:问题|任务|事项)(?:均|全部|都)已(?:经)?(?:全部)?(?:整改完毕|整改到位|完成整改|整改完成|销号|完成)|已全部(?:整改完毕|整改到位|完成整改|整改完成|销号)|(?:问题|任务|事项)(?:均|都)?全部(?:整改完毕|整改到位|完成整改|整改完成|销号)/;
const BASIC_CLAIM = /(?:已|均已)?基本(?:整改到位|整改完毕|完成整改|完成)/;
// Accountability kinds as printed, longest first; 处分 printed after a kind stays part of its label (党内严重警告处分).
const ACCOUNTABILITY_KIND =
  "党纪政务处分|党纪处分|政务处分|党内严重警告|党内警告|严重警告|记大过|记过|降级|撤职|撤销党内职务|留党察看|开除党籍|开除公职|组织处理|诫勉谈话|诫勉|约谈|提醒谈话|谈话提醒|批评教育|通报批评|责令检查|书面检查|函询|停职检查|免职|调整岗位|移送司法机关|立案审查调查|立案审查|审查调查|追责问责|问责|处理|处分";
const ACCOUNTABILITY = new RegExp(`(?:给予|受到|受)?(${ACCOUNTABILITY_KIND})(处分)?(?:了)?(\\d{1,5})(?:人|名)(?:次)?`, "g");
const ACCOUNTABILITY_COUNT_FIRST = new RegExp(`(?<![\\d.])(\\d{1,5})(?:人|名)(?:次)?(?:被|受到|受|给予)(${ACCOUNTABILITY_KIND})(处分)?`, "g");
const ACCOUNTABILITY_TOTAL = new Set(["追责问责", "问责", "处理", "处分"]);
const RULE_VERB = "(?:建立|制定|出台|修订|完善|健全|新建|修改|新制定|印发)";
const RULES = new RegExp(
  `(?:建章立制|${RULE_VERB}(?:[和、及并与]?${RULE_VERB}){0,3}(?:了)?(?:各类|相关|各项)?(?:规章)?(?:制度|机制)(?:机制|规定)?)(?:共)?(\\d{1,5})(?:余)?(?:项|个|件|条|份)`,
);
const MEASURES = /(?:制定|明确|细化|提出)(?:了)?(?:具体)?(?:整改)?措施(?:共)?(\d{1,5})(?:条|项|个)/;
const RECOVERY = /清退|追缴|追回|挽回|退还|归还|退缴|收回|返还|退赔|追偿|缴回|上缴|纠正资金/;
// Inside a problem's write-up only unambiguous recovery counts (清退/追缴/追回/挽回/归还); 退缴…资金 there is a payment.
const ITEM_RECOVERY = /清退|追缴|追回|挽回|归还/;
// A sentence giving one unit's example is not a total (有些单位…，附海镇…对…提出的21个问题进行持续整改).
const EXAMPLE_SENTENCE = /有些单位|有的单位|部分单位|个别单位|例如|比如|如某/;
const NOT_RECOVERED = /问题资金|涉及金额|涉及资金|涉案金额|违规金额|涉及资金/;

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
      if (isAllRectifiedClaim(compact) && !/基本|阶段性/.test(compact) && !isSubRegisterClaim(compact)) {
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

// 确保问题全部整改到位 states a goal, not a result.
const GOAL_WORDS = /确保|力争|争取|推动|督促|直至|直到|务必|要求|目标|保证/;

function isAllRectifiedClaim(compact: string): boolean {
  const match = ALL_RECTIFIED.exec(compact);
  if (!match) return false;
  let clauseStart = match.index;
  while (clauseStart > 0 && match.index - clauseStart < 40 && !"，,。；;".includes(compact[clauseStart - 1])) clauseStart--;
  return !GOAL_WORDS.test(compact.slice(clauseStart, match.index));
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
  const isExample = EXAMPLE_SENTENCE.test(compact);
  for (const clause of compact.split(/[；;]/)) {
    if (readClause(clause, summary, isExample)) found = true;
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

function readImmediateFix(clause: string, summary: ClaimedSummary): boolean {
  const fix = summary.immediateFix ?? {};
  const total = firstNumber(/(\d{1,6})(?:个|项|条|件)(?:立行立改)?(?:问题|事项)|立行立改(?:问题|事项)?(?:共|有)?(\d{1,6})(?:个|项|条|件)/, clause);
  const counts = readClauseCounts(clause, true).counts;
  const notices = firstNumber(/(\d{1,6})(?:份|个|件)(?:立行立改)?(?:通知书|交办函|交办单)|(?:通知书|交办函|交办单)(\d{1,6})(?:份|个|件)/, clause);
  if (total !== null) fix.total ??= total;
  if (counts.completed !== undefined) fix.completed ??= counts.completed;
  else if (total !== null && ALL_RECTIFIED.test(clause)) fix.completed ??= total;
  if (notices !== null) fix.notices ??= notices;
  if (Object.keys(fix).length === 0) return false;
  summary.immediateFix = fix;
  return true;
}

// The clause is about one register when its first count sits right next to the register's name.
function isDominatedBy(clause: string, name: string): boolean {
  const at = clause.indexOf(name);
  const firstCount = clause.search(/\d{1,6}(?:个|项|条|件)/);
  return firstCount < 0 || firstCount >= at - 12;
}

// Splits a clause into the comma segments that match and the others.
function splitSegments(clause: string, pattern: RegExp): { inside: string; rest: string } {
  const inside: string[] = [];
  const rest: string[] = [];
  for (const segment of clause.split(/[，,]/)) (pattern.test(segment) ? inside : rest).push(segment);
  return { inside: inside.join("，"), rest: rest.join("，") };
}

function readPetitions(clause: string, summary: ClaimedSummary): boolean {
  const petitions = summary.petitions ?? {};
  const total = firstNumber(/(\d{1,6})(?:件|个|条)(?:信访件|信访举报|信访问题|信访)|信访(?:件|举报|问题)?(?:共)?(\d{1,6})(?:件|个|条)/, clause);
  const closed = firstNumber(/(?:已)?办结(?:了)?(\d{1,6})(?:件|个|条)|(\d{1,6})(?:件|个|条)(?:已)?办结/, clause);
  if (total !== null) petitions.total ??= total;
  if (closed !== null) petitions.closed ??= closed;
  else if (total !== null && /(?:已|均已)全部办结|全部(?:已)?办结/.test(clause)) petitions.closed ??= total;
  if (Object.keys(petitions).length === 0) return false;
  summary.petitions = petitions;
  return true;
}

function readAccountability(clause: string, summary: ClaimedSummary): boolean {
  let found = false;
  const record = (kind: string, suffix: string | undefined, value: number) => {
    const accountability = (summary.accountability ??= {});
    const label = suffix && !kind.endsWith("处分") ? `${kind}${suffix}` : kind;
    if (ACCOUNTABILITY_TOTAL.has(label)) accountability.total ??= value;
    else (accountability.byType ??= {})[label] ??= value;
    found = true;
  };
  ACCOUNTABILITY.lastIndex = 0;
  for (let match = ACCOUNTABILITY.exec(clause); match !== null; match = ACCOUNTABILITY.exec(clause)) record(match[1], match[2], Number(match[3]));
  ACCOUNTABILITY_COUNT_FIRST.lastIndex = 0;
  for (let match = ACCOUNTABILITY_COUNT_FIRST.exec(clause); match !== null; match = ACCOUNTABILITY_COUNT_FIRST.exec(clause)) record(match[2], match[3], Number(match[1]));
  return found;
}

/** Reads money recovered inside a problem's write-up, where only unambiguous recovery words count. */
export function readItemFunds(text: string): { yuan: number; text: string; label?: string }[] {
  return readRecoveredFunds(text, ITEM_RECOVERY);
}

/** Reads money refunded or recovered (清退违规资金…万元) from a text; hard negatives such as 问题资金 and 涉及金额 are left out. */
export function readRecoveredFunds(text: string, recovery: RegExp = RECOVERY): { yuan: number; text: string; label?: string }[] {
  const funds: { yuan: number; text: string; label?: string }[] = [];
  if (!recovery.test(text)) return funds;
  for (const money of findMoney(text)) {
    const before = text.slice(Math.max(0, money.start - 24), money.start);
    let keyword = -1;
    for (let at = before.search(recovery); at >= 0; ) {
      keyword = at;
      const next = before.slice(at + 1).search(recovery);
      at = next < 0 ? -1 : at + 1 + next;
    }
    // The label stops at a sentence end: 清退资金。另有问题资金5万元 is not a recovery of the 5万元.
    if (keyword < 0 || NOT_RECOVERED.test(before.slice(keyword)) || /[。；;]/.test(before.slice(keyword))) continue;
    const label = before.slice(keyword).replace(/[共计达约合为了，,、：:]+$/, "");
    funds.push({ yuan: money.yuan, text: money.text, ...(label ? { label } : {}) });
  }
  return funds;
}

function readClause(fullClause: string, summary: ClaimedSummary, isExample: boolean): boolean {
  let found = false;
  let clause = fullClause;
  // 已整改完成34个（含立行立改问题2个）: the bracket counts the immediate fixes inside the figure before it.
  const bracket = /[（(]([^（）()]{0,40}立行立改[^（）()]{0,40})[）)]/.exec(clause);
  if (bracket) {
    if (readImmediateFix(bracket[1], summary)) found = true;
    clause = clause.slice(0, bracket.index) + clause.slice(bracket.index + bracket[0].length);
  }
  for (const fund of readRecoveredFunds(clause)) {
    (summary.funds ??= []).push(fund);
    found = true;
  }
  // A clause about the immediate fixes (or petitions) alone is read by its own reader; in a clause that
  // also gives the problem totals only the segments naming them are, and the rest is read as usual.
  if (/立行立改/.test(clause)) {
    if (isDominatedBy(clause, "立行立改")) return readImmediateFix(clause, summary) || found;
    const { inside, rest } = splitSegments(clause, /立行立改/);
    if (readImmediateFix(inside, summary)) found = true;
    clause = rest;
  }
  if (/信访/.test(clause) && !/线索/.test(clause) && !isDominatedBy(clause, "信访")) {
    const { inside, rest } = splitSegments(clause, /信访/);
    if (readPetitions(inside, summary)) found = true;
    clause = rest;
  }
  if (/信访/.test(clause) && !/线索/.test(clause)) return readPetitions(clause, summary) || found;
  if (/线索|立案/.test(clause)) {
    const clues = summary.clues ?? {};
    const total = firstNumber(/线索(?:共|总数)?(\d{1,6})(?:件|条|个)|(\d{1,6})(?:件|条|个)(?:问题)?线索/, clause);
    const transferred = firstNumber(/移交(?:问题)?(?:线索)?(\d{1,6})(?:件|条|个)/, clause);
    const closed = firstNumber(/(?:办结|处置|了结)(?:问题)?(?:线索)?(\d{1,6})(?:件|条|个)/, clause);
    const filed = firstNumber(/立案(?:审查调查|审查|调查)?(?:人数)?(\d{1,6})(?:件|起|个|人)/, clause);
    // People concerned are named as 涉及N人 or 立案N件N人; other N人 in the clause are sanctions.
    const people = firstNumber(/涉及[\u4e00-\u9fff]{0,6}?(\d{1,6})(?:人|名)|(?:件|起)(\d{1,6})人/, clause);
    if (total !== null && /线索/.test(clause)) clues.total ??= total;
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
  if (readAccountability(clause, summary)) found = true;
  if (!isExample && /问题|整改|销号|反馈|完成/.test(clause)) {
    const read = readClauseCounts(clause);
    if (read.total !== undefined && summary.problemsTotal === undefined) {
      summary.problemsTotal = read.total;
      found = true;
    }
    if (read.specific !== undefined) {
      summary.specificProblems ??= read.specific;
      found = true;
    }
    for (const [key, value] of Object.entries(read.counts) as [CountBucket, number][]) {
      summary[key] ??= value;
      found = true;
    }
  }
  return found;
}

/**
 * Settles the figures once the problem list is known: a 具体问题 count is the base unless the listed
 * problems match the coarser 方面 count; an open remainder reported as 正在整改 is the not-completed
 * figure; an all-rectified claim over a stated total completes the total.
 */
export function settleClaimedSummary(summary: ClaimedSummary, listedProblems: number): void {
  if (summary.problemsTotal === undefined && summary.specificProblems !== undefined && !(summary.aspects !== undefined && summary.aspects === listedProblems)) {
    summary.problemsTotal = summary.specificProblems;
  }
  const total = summary.problemsTotal;
  if (total !== undefined && summary.inProgress !== undefined && summary.notCompleted === undefined && (summary.completed ?? 0) + (summary.phased ?? 0) + (summary.longTerm ?? 0) + summary.inProgress === total) {
    summary.notCompleted = summary.inProgress;
    delete summary.inProgress;
  }
  const hasBuckets = [summary.completed, summary.phased, summary.inProgress, summary.notCompleted, summary.longTerm].some((value) => value !== undefined);
  if (total !== undefined && summary.allRectified === true && !hasBuckets) summary.completed = total;
}
