// The consistency checker: what a discipline-inspection reader catches by hand in a notice.
import type { CheckFinding, CheckFindingCode, CheckSeverity, ParsedNotice, ParsedProblem } from "../parser/parsed-notice.ts";
import { compareDateParts, findDates, parseFormattedDate, resolveYearNear, type DateParts } from "../parser/dates.ts";
import type { NoticeCheckContext, ProblemEvidence } from "./check-context.ts";
import { findNearCopies } from "./near-copies.ts";
import { findSharedSentences } from "./sentence-copies.ts";

// Words that say the work is not finished yet. Each pattern is bounded so a scan stays linear.
const UNFINISHED_WORDS: readonly RegExp[] = [
  /(?<![真纠改公端修矫反])正在[\u4e00-\u9fff]{1,10}/,
  /(?:尚未|还未|仍未|暂未)(?!发现)[\u4e00-\u9fff]{1,6}/,
  /着手(?:研究|制定|起草|修订|建立|开展|推进|谋划|准备)[\u4e00-\u9fff]{0,12}/,
  /(?<![模虚草比])拟(?!定了|任|提拔|录用|聘|表彰|人选)[\u4e00-\u9fff]{1,12}/,
  /力争[^。；;]{0,20}?(?:前|年底|年内|月底)/,
  /将于[^。；;，,]{1,12}/,
  /(?<!按|按照|已按|依)计划(?:于|在|到|年内|年底|今年|明年|下半年)[^。；;，,]{1,12}/,
  // 还有3次培训未开展 / 仍需… : work that is left.
  /还(?:有|剩|差)(?:\d{1,4}|[一二两三四五六七八九十]{1,3})(?:次|个|项|家|处|户|件|场|期|批|所|名)[\u4e00-\u9fff]{0,8}/,
  /(?:仍|还|尚)(?:需|需要|待)[\u4e00-\u9fff]{1,10}/,
  /(?<![已])将(?:在|于)?[^。；;，,已]{0,6}(?:完成|建成|出台|印发|开展|实施|启动|投入使用)/,
  /预计(?:于|在|到)?[^。；;，,]{0,12}(?:完成|建成|投入|前)/,
  /尽快(?:完成|建成|出台|制定|落实|解决|启动|实施|推进)[\u4e00-\u9fff]{0,12}/,
];
// Weaker signals: fine next to 长期坚持 (ongoing work is the point there), a contradiction next to a plain 已完成.
const FUTURE_WORDS: readonly RegExp[] = [/下一步[^。；;]{0,14}/, /(?:年底|月底|年内)前(?:完成|建成|到位)/];
const FUTURE_IN_CLAUSE =
  /将(?:于|在|要|会|进一步|继续|持续|逐步|分别|适时|陆续|全面|尽快|组织|开展|启动|举办|召开|完成|实施|推进|出台)|拟|计划(?:于|在|到)?|预计|力争|准备|争取|待|之前|前完成|以前/;
const RECURRING_BEFORE = /每年|每月|每季度|每学期|每周|逐年|历年|每逢/;

function severityOf(code: CheckFindingCode): CheckSeverity {
  switch (code) {
    case "COUNT_MISMATCH":
    case "CLAIM_CONTRADICTED":
    case "DATE_AFTER_PUBLICATION":
      return "error";
    case "NUMBERING_DUPLICATE":
    case "NUMBERING_GAP":
    case "STATUS_MISSING":
    case "DUPLICATE_TEXT":
    case "ISSUER_MISMATCH":
    case "MISSING_DISCLOSURE":
      return "warning";
    case "OUT_OF_ORDER":
    case "NO_CONCRETE_EVIDENCE":
      return "info";
  }
}

function listProblems(notice: ParsedNotice): ParsedProblem[] {
  return notice.categories.flatMap((category) => category.problems);
}

function describe(problem: ParsedProblem): string {
  const title = problem.title.length > 18 ? `${problem.title.slice(0, 18)}…` : problem.title;
  const number = problem.number ? `编号${problem.number}，` : "";
  return `第${problem.seq}个问题（${number}“${title}”）`;
}

/** The words of a problem's own write-up that a completion claim must agree with: its headline's sub-points and its progress (not the plan, which is future by design). */
function claimTextOf(problem: ParsedProblem): string {
  return [...problem.subPoints, problem.progressText ?? ""].join("。");
}

function isClaimedComplete(problem: ParsedProblem, globalClaim: NoticeCheckContext["globalClaim"]): boolean {
  if (problem.status === "completed" || problem.status === "completed_long_term") return true;
  return problem.status === null && globalClaim === "all";
}

function readNumberValue(number: string): number | null {
  const digits = /(\d{1,4})/.exec(number);
  if (digits) return Number(digits[1]);
  const map: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
  const cn = /([一二三四五六七八九十]{1,3})$/.exec(number);
  if (!cn) return null;
  const text = cn[1];
  if (text.length === 1) return map[text] ?? null;
  if (text.startsWith("十")) return 10 + (map[text[1]] ?? 0);
  if (text.endsWith("十")) return (map[text[0]] ?? 0) * 10;
  return (map[text[0]] ?? 0) * 10 + (map[text[2]] ?? 0);
}

/** Derives the checker's context from the contract alone, for notices that did not come through the parser. */
export function deriveCheckContext(notice: ParsedNotice): NoticeCheckContext {
  const problems: ProblemEvidence[] = [];
  notice.categories.forEach((category, categoryIndex) => {
    for (const problem of category.problems) {
      problems.push({ seq: problem.seq, value: readNumberValue(problem.number), categoryIndex, statusSource: problem.statusText ? "label" : null });
    }
  });
  const about = notice.title ? notice.title.indexOf("关于") : -1;
  const allRectified = notice.claimedSummary.allRectified === true;
  return {
    problems,
    titleIssuer: about > 0 && notice.title ? notice.title.slice(0, about) : null,
    signatureIssuer: notice.issuer,
    hasPublicInvitation: notice.contacts.phones.length + notice.contacts.emails.length + notice.contacts.postal.length > 0,
    hasDateLine: notice.publishedDate !== null,
    outOfOrder: [],
    globalClaim: allRectified ? "all" : null,
  };
}

/** Checks a parsed notice for counts that do not add up, numbering faults, missing statuses, contradicted claims, late dates, copies, issuer and disclosure gaps. */
export function checkNotice(notice: ParsedNotice, context: NoticeCheckContext = deriveCheckContext(notice)): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const add = (code: CheckFindingCode, message: string, problemSeqs: number[], evidence?: string, severity?: CheckSeverity) => {
    findings.push({
      code,
      severity: severity ?? severityOf(code),
      message,
      problemSeqs: [...new Set(problemSeqs)].sort((a, b) => a - b),
      ...(evidence ? { evidence: evidence.length > 300 ? `${evidence.slice(0, 300)}…` : evidence } : {}),
    });
  };
  const problems = listProblems(notice);
  checkCounts(notice, problems, add);
  checkNumbering(problems, context, add);
  checkStatusMissing(problems, context, add);
  checkClaims(notice, problems, context, add);
  checkDuplicates(problems, add);
  checkOutOfOrder(context, add);
  checkIssuer(context, add);
  checkDisclosure(notice, context, add);
  checkEvidence(problems, add);
  return findings;
}

type AddFinding = (code: CheckFindingCode, message: string, problemSeqs: number[], evidence?: string, severity?: CheckSeverity) => void;

function checkCounts(notice: ParsedNotice, problems: ParsedProblem[], add: AddFinding): void {
  const claimed = notice.claimedSummary;
  const problems_ = problems.length;
  const issues: string[] = [];
  const evidence = claimed.quotes?.[0];
  if (claimed.problemsTotal !== undefined && problems_ > 0 && claimed.problemsTotal !== problems_) {
    issues.push(`通报称共有${claimed.problemsTotal}个问题，正文逐条列出${problems_}个`);
  }
  const parts = [claimed.completed, claimed.longTerm, claimed.phased, claimed.inProgress, claimed.notCompleted].filter((value): value is number => value !== undefined);
  if (claimed.problemsTotal !== undefined && parts.length >= 2) {
    const sum = parts.reduce((a, b) => a + b, 0);
    // 长期坚持 is printed either as a status of its own or inside 已完成 (已完成整改5个（其中需长期坚持1个）).
    const sumWithoutNested = claimed.completed !== undefined && claimed.longTerm !== undefined ? sum - claimed.longTerm : sum;
    if (sum !== claimed.problemsTotal && sumWithoutNested !== claimed.problemsTotal) issues.push(`各状态数相加为${sum}个，与所称问题总数${claimed.problemsTotal}个不符`);
  }
  if (claimed.completionRate !== undefined && claimed.problemsTotal && claimed.completed !== undefined) {
    const rate = (claimed.completed / claimed.problemsTotal) * 100;
    const withPhased = ((claimed.completed + (claimed.phased ?? 0)) / claimed.problemsTotal) * 100;
    if (Math.abs(rate - claimed.completionRate) > 0.06 && Math.abs(withPhased - claimed.completionRate) > 0.06) {
      issues.push(`所称完成率${claimed.completionRate}%与${claimed.completed}/${claimed.problemsTotal}=${rate.toFixed(2)}%不符`);
    }
  }
  const allHaveStatus = problems_ > 0 && problems.every((problem) => problem.status !== null);
  if (allHaveStatus && (claimed.problemsTotal === undefined || claimed.problemsTotal === problems_)) {
    const count = (predicate: (problem: ParsedProblem) => boolean) => problems.filter(predicate).length;
    const completed = count((p) => p.status === "completed" || p.status === "completed_long_term");
    const phased = count((p) => p.status === "phased");
    const inProgress = count((p) => p.status === "in_progress");
    const notCompleted = count((p) => p.status === "not_completed");
    if (claimed.completed !== undefined && claimed.completed !== completed) issues.push(`所称已完成${claimed.completed}个，逐条状态中已完成${completed}个`);
    if (claimed.phased !== undefined && claimed.phased !== phased) issues.push(`所称阶段性完成${claimed.phased}个，逐条状态中阶段性完成${phased}个`);
    if (claimed.inProgress !== undefined && claimed.inProgress !== inProgress) issues.push(`所称正在整改${claimed.inProgress}个，逐条状态中正在整改${inProgress}个`);
    if (claimed.notCompleted !== undefined) {
      const open = claimed.inProgress === undefined ? inProgress + notCompleted : notCompleted;
      if (claimed.notCompleted !== open) issues.push(`所称未完成${claimed.notCompleted}个，逐条状态中未完成${open}个`);
    }
  }
  const labelled = notice.categories.filter((category) => category.label !== null).length;
  if (claimed.categories !== undefined && labelled > 0 && claimed.categories !== labelled) {
    issues.push(`通报称${claimed.categories}大类，正文列出${labelled}类`);
  }
  if (claimed.aspects !== undefined && problems_ > 0 && claimed.aspects !== problems_ && claimed.aspects !== labelled) {
    issues.push(`通报称${claimed.aspects}个方面，正文列出${labelled}类、${problems_}个问题`);
  }
  const fix = claimed.immediateFix;
  if (fix?.total !== undefined && fix.completed !== undefined && fix.completed > fix.total) {
    issues.push(`立行立改已完成${fix.completed}个，多于总数${fix.total}个`);
  }
  const petitions = claimed.petitions;
  if (petitions?.total !== undefined && petitions.closed !== undefined && petitions.closed > petitions.total) {
    issues.push(`信访件办结${petitions.closed}件，多于总数${petitions.total}件`);
  }
  if (issues.length > 0) add("COUNT_MISMATCH", `数字对不上：${issues.join("；")}。`, [], evidence);
}

function checkNumbering(problems: ParsedProblem[], context: NoticeCheckContext, add: AddFinding): void {
  const evidenceBySeq = new Map(context.problems.map((item) => [item.seq, item]));
  const duplicates: string[] = [];
  const duplicateSeqs: number[] = [];
  const gaps: string[] = [];
  const gapSeqs: number[] = [];
  const reversed: string[] = [];
  const reversedSeqs: number[] = [];
  let previous: { value: number; seq: number; category: number } | null = null;
  let used = new Set<number>();
  for (const problem of problems) {
    const evidence = evidenceBySeq.get(problem.seq);
    const value = evidence?.value ?? null;
    const category = evidence?.categoryIndex ?? 0;
    if (value === null) continue;
    const isNewCategory = previous !== null && previous.category !== category;
    if (isNewCategory) used = new Set<number>();
    if (previous === null || isNewCategory) {
      const continuing = previous !== null && value === previous.value + 1;
      if (value !== 1 && !continuing) {
        const expected = previous === null ? 1 : previous.value + 1;
        if (value > expected) {
          gaps.push(`${describe(problem)}之前缺少编号${expected}${value - 1 > expected ? `–${value - 1}` : ""}`);
          gapSeqs.push(problem.seq);
        }
      }
    } else if (value === previous.value) {
      duplicates.push(`编号${problem.number}重复（第${previous.seq}个与第${problem.seq}个问题）`);
      duplicateSeqs.push(previous.seq, problem.seq);
    } else if (value > previous.value + 1) {
      const missing = previous.value + 1 === value - 1 ? `${previous.value + 1}` : `${previous.value + 1}–${value - 1}`;
      gaps.push(`${describe(problem)}之前缺少编号${missing}`);
      gapSeqs.push(problem.seq);
    } else if (value < previous.value && value !== 1) {
      if (used.has(value)) {
        duplicates.push(`编号${problem.number}重复出现（第${problem.seq}个问题）`);
        duplicateSeqs.push(problem.seq);
      } else {
        reversed.push(`${describe(problem)}编号${problem.number}排在编号${previous.value}之后`);
        reversedSeqs.push(problem.seq);
      }
    }
    used.add(value);
    previous = { value, seq: problem.seq, category };
  }
  // The evidence is the headlines as numbered: 编号2“…”.
  const headlines = (seqs: number[]) =>
    [...new Set(seqs)]
      .slice(0, 6)
      .map((seq) => problems.find((problem) => problem.seq === seq))
      .filter((problem): problem is ParsedProblem => problem !== undefined)
      .map((problem) => `${problem.number}“${problem.title.length > 20 ? `${problem.title.slice(0, 20)}…` : problem.title}”`)
      .join("；");
  if (duplicates.length > 0) add("NUMBERING_DUPLICATE", `问题编号重复：${duplicates.join("；")}。`, duplicateSeqs, headlines(duplicateSeqs));
  if (gaps.length > 0) add("NUMBERING_GAP", `问题编号跳号：${gaps.join("；")}。`, gapSeqs, headlines(gapSeqs));
  if (reversed.length > 0) add("OUT_OF_ORDER", `问题编号顺序颠倒：${reversed.join("；")}。`, reversedSeqs, headlines(reversedSeqs));
}

function checkStatusMissing(problems: ParsedProblem[], context: NoticeCheckContext, add: AddFinding): void {
  const missing = problems.filter((problem) => problem.status === null);
  if (missing.length === 0) return;
  const seqs = missing.map((problem) => problem.seq);
  const scope = missing.length === problems.length ? "所有问题均" : `${missing.length}个问题`;
  const reliance = context.globalClaim === "all" ? "完成情况只靠通报中的总体表述（如“所有问题均已整改完毕”）支撑。" : "无法核对其是否完成。";
  add("STATUS_MISSING", `${scope}未逐条写明整改状态（共${problems.length}个问题），${reliance}`, seqs, missing.slice(0, 5).map((p) => p.title).join("；"));
}

function clausesOf(text: string): string[] {
  return text.slice(0, 100_000).split(/(?<=[。；;！？!?])/);
}

function checkClaims(notice: ParsedNotice, problems: ParsedProblem[], context: NoticeCheckContext, add: AddFinding): void {
  const published = parseFormattedDate(notice.publishedDate);
  const contradictions: string[] = [];
  const contradictionSeqs: number[] = [];
  const contradictionEvidence: string[] = [];
  const late: string[] = [];
  const lateSeqs: number[] = [];
  const lateEvidence: string[] = [];
  for (const problem of problems) {
    const progress = claimTextOf(problem);
    const claimed = isClaimedComplete(problem, context.globalClaim);
    const words: string[] = [];
    if (claimed) {
      const patterns = problem.status === "completed_long_term" ? UNFINISHED_WORDS : [...UNFINISHED_WORDS, ...FUTURE_WORDS];
      for (const pattern of patterns) {
        const match = pattern.exec(progress);
        if (match) words.push(match[0]);
      }
    }
    if (published && published.day !== null) {
      for (const clause of clausesOf(progress)) {
        if (clause.length > 2000) continue;
        for (const mention of findDates(clause)) {
          if (mention.isDamaged || mention.parts.month === null) continue;
          if (mention.parts.year === null && RECURRING_BEFORE.test(clause.slice(Math.max(0, mention.start - 12), mention.start))) continue;
          const parts: DateParts = resolveYearNear(mention.parts, published);
          if (compareDateParts(parts, published) !== 1) continue;
          const isFuture = FUTURE_IN_CLAUSE.test(clause);
          if (isFuture) {
            if (claimed) words.push(clause.length > 60 ? `${mention.text}…` : clause.replace(/[。；;]$/, ""));
          } else if (mention.parts.day !== null || /已|了/.test(clause)) {
            late.push(`${describe(problem)}写有“${mention.text}”的已做事项，晚于通报日期${notice.publishedDate}`);
            lateSeqs.push(problem.seq);
            lateEvidence.push(clause.length > 80 ? clause.slice(0, 80) : clause);
          }
          break;
        }
      }
    }
    if (words.length > 0) {
      const stated = problem.status !== null ? `标为“${problem.statusText ?? "已完成"}”` : "在“所有问题均已整改”的总体表述下";
      contradictions.push(`${describe(problem)}${stated}，整改内容却写有“${words[0]}”`);
      contradictionSeqs.push(problem.seq);
      contradictionEvidence.push(...words.slice(0, 3));
    }
  }
  if (contradictions.length > 0) {
    add("CLAIM_CONTRADICTED", `称已完成、但正文说的是将来或尚未完成的工作：${contradictions.join("；")}。`, contradictionSeqs, [...new Set(contradictionEvidence)].join("；"));
  }
  const feedback = parseFormattedDate(notice.inspection.feedbackDate);
  if (published && feedback && compareDateParts(feedback, published) === 1) {
    late.push(`巡察反馈日期${notice.inspection.feedbackDate}晚于通报日期${notice.publishedDate}`);
  }
  const asOf = parseFormattedDate(notice.claimedSummary.asOf ?? null);
  if (published && asOf && compareDateParts(asOf, published) === 1) {
    late.push(`统计截止日期${notice.claimedSummary.asOf}晚于通报日期${notice.publishedDate}`);
  }
  if (late.length > 0) add("DATE_AFTER_PUBLICATION", `日期晚于通报发布日期：${late.join("；")}。`, lateSeqs, lateEvidence.join("；") || undefined);
}

function checkDuplicates(problems: ParsedProblem[], add: AddFinding): void {
  const bySeq = new Map(problems.map((problem) => [problem.seq, problem]));
  const sentences = findSharedSentences(problems.map((problem) => ({ seq: problem.seq, text: [...problem.subPoints, problem.progressText ?? "", problem.planText ?? ""].join("。") })));
  const pairs = findNearCopies(problems.map((problem) => ({ seq: problem.seq, title: problem.title, text: problem.progressText ?? "" })));
  // Whole-item similarity is the second signal: a pair already shown by a shared sentence is not repeated.
  const shown = new Set(sentences.map((shared) => `${shared.left}:${shared.right}`));
  const whole = pairs.filter((pair) => !shown.has(`${pair.left}:${pair.right}`));
  if (sentences.length === 0 && whole.length === 0) return;
  const place = (seq: number) => {
    const problem = bySeq.get(seq);
    return problem ? describe(problem) : `第${seq}个问题`;
  };
  const messages = [
    ...sentences.slice(0, 20).map((shared) => `${place(shared.left)}与${place(shared.right)}含有同一句话“${shared.sentence.length > 40 ? `${shared.sentence.slice(0, 40)}…` : shared.sentence}”`),
    ...whole.slice(0, 20).map((pair) => `第${pair.left}个与第${pair.right}个问题的${pair.field === "title" ? "标题相同" : `整改内容高度相似（相似度${Math.round(pair.similarity * 100)}%）`}`),
  ];
  const evidence = sentences.length > 0 ? sentences.map((shared) => shared.sentence).slice(0, 3).join("；") : whole[0].sample;
  add("DUPLICATE_TEXT", `疑似复制粘贴：${messages.join("；")}。`, [...sentences, ...whole].flatMap((pair) => [pair.left, pair.right]), evidence);
}

function checkOutOfOrder(context: NoticeCheckContext, add: AddFinding): void {
  if (context.outOfOrder.length === 0) return;
  const seqs = context.outOfOrder.map((item) => item.seq);
  add(
    "OUT_OF_ORDER",
    `段落顺序错乱（常见于PDF转换）：第${seqs.join("、")}个问题的整改结果或整改情况出现在其标题之前或别的问题之中，已按内容归回原处。`,
    seqs,
    context.outOfOrder.map((item) => item.evidence).join("；"),
  );
}

function normalizeOrg(name: string): string {
  return name
    .replace(/^中国共产党/, "")
    .replace(/^中共/, "")
    .replace(/工委$/, "工作委员会")
    .replace(/(?:机关党委|党工委|党组|党委|委员会|党总支|党支部|总支部委员会)$/, "")
    // 市委 / 县委 / 区委 are the short names of 市委员会 / 县委员会 / 区委员会.
    .replace(/([省市县区州旗盟乡镇])委$/, "$1")
    .replace(/[（）()\s]/g, "");
}

function checkIssuer(context: NoticeCheckContext, add: AddFinding): void {
  const { titleIssuer, signatureIssuer } = context;
  if (!titleIssuer || !signatureIssuer) return;
  const title = normalizeOrg(titleIssuer);
  const signature = normalizeOrg(signatureIssuer);
  if (title.length < 2 || signature.length < 2 || title === signature || title.endsWith(signature) || signature.endsWith(title)) return;
  add("ISSUER_MISMATCH", `标题中的发文单位“${titleIssuer}”与落款“${signatureIssuer}”不一致。`, [], `${titleIssuer} / ${signatureIssuer}`);
}

function checkDisclosure(notice: ParsedNotice, context: NoticeCheckContext, add: AddFinding): void {
  const { phones, emails, postal } = notice.contacts;
  const channels = [phones.length > 0, emails.length > 0, postal.length > 0].filter(Boolean).length;
  const missing: string[] = [];
  let severity: CheckSeverity = "info";
  if (channels === 0) {
    missing.push("没有公布任何联系方式（电话、邮箱、通信地址）");
    severity = "warning";
  } else if (channels === 1) {
    const offered = phones.length > 0 ? "电话" : emails.length > 0 ? "电子邮箱" : "通信地址";
    missing.push(`只公布了${offered}一种联系渠道，缺少${[phones.length === 0 ? "电话" : "", emails.length === 0 ? "电子邮箱" : "", postal.length === 0 ? "邮政信箱或通信地址" : ""].filter(Boolean).join("、")}`);
  }
  if (!context.hasPublicInvitation) {
    missing.push("没有欢迎群众监督、反映意见的表述");
    severity = "warning";
  }
  if (notice.publishedDate === null) {
    missing.push(context.hasDateLine ? "落款日期无法识别" : "没有落款日期");
    severity = "warning";
  }
  const found = [...phones, ...emails, ...postal];
  const evidence = `通报中可识别的联系方式：${found.length > 0 ? found.join("、") : "无"}；落款日期：${notice.publishedDate ?? "无"}`;
  if (missing.length > 0) add("MISSING_DISCLOSURE", `公开要素不全：${missing.join("；")}。`, [], evidence, severity);
}

function checkEvidence(problems: ParsedProblem[], add: AddFinding): void {
  const bare = problems.filter((problem) => {
    if (problem.status !== "completed" && problem.status !== "completed_long_term") return false;
    const text = problem.progressText ?? "";
    return text.length < 15 && !/\d|《|〔|\[/.test(text);
  });
  if (bare.length === 0) return;
  add(
    "NO_CONCRETE_EVIDENCE",
    `标为已完成但没有写出具体整改内容（无数字、文件或做法）：${bare.map(describe).join("；")}。`,
    bare.map((problem) => problem.seq),
    bare[0].progressText || bare[0].statusText || undefined,
  );
}
