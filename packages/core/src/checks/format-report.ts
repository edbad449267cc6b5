import type { CheckSeverity, ParsedNotice } from "../parser/parsed-notice.ts";
import type { NoticeFinding, NoticeFindingCode } from "./structure-check.ts";

/** Chinese name of a finding code, as the report prints it. */
export function labelFindingCode(code: NoticeFindingCode): string {
  switch (code) {
    case "STRUCTURE_NOT_FOUND":
      return "未识别出问题清单";
    case "COUNT_MISMATCH":
      return "数字对不上";
    case "NUMBERING_DUPLICATE":
      return "编号重复";
    case "NUMBERING_GAP":
      return "编号跳号";
    case "STATUS_MISSING":
      return "缺少整改状态";
    case "CLAIM_CONTRADICTED":
      return "完成表述与内容矛盾";
    case "DATE_AFTER_PUBLICATION":
      return "日期晚于发布日期";
    case "DUPLICATE_TEXT":
      return "内容疑似复制";
    case "OUT_OF_ORDER":
      return "顺序错乱";
    case "ISSUER_MISMATCH":
      return "发文单位不一致";
    case "MISSING_DISCLOSURE":
      return "公开要素不全";
    case "NO_CONCRETE_EVIDENCE":
      return "缺少具体整改内容";
  }
}

/** Chinese name of a severity. */
export function labelSeverity(severity: CheckSeverity): string {
  switch (severity) {
    case "error":
      return "错误";
    case "warning":
      return "警告";
    case "info":
      return "提示";
  }
}

function countStatuses(notice: ParsedNotice): string {
  const counts = { completed: 0, completed_long_term: 0, phased: 0, in_progress: 0, not_completed: 0, none: 0 };
  for (const category of notice.categories) {
    for (const problem of category.problems) counts[problem.status ?? "none"]++;
  }
  const parts = [
    counts.completed ? `已完成${counts.completed}` : "",
    counts.completed_long_term ? `已整改并长期坚持${counts.completed_long_term}` : "",
    counts.phased ? `阶段性完成${counts.phased}` : "",
    counts.in_progress ? `正在整改${counts.in_progress}` : "",
    counts.not_completed ? `未完成${counts.not_completed}` : "",
    counts.none ? `未写状态${counts.none}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("，") : "无";
}

/** One-paragraph Chinese summary of a parsed notice (title, issuer, dates, problem and status counts). */
export function formatNoticeSummary(notice: ParsedNotice, findingCount: number = notice.findings.length): string {
  const problems = notice.categories.reduce((sum, category) => sum + category.problems.length, 0);
  const labelled = notice.categories.filter((category) => category.label !== null).length;
  const lines = [
    `标题：${notice.title ?? "（未识别）"}`,
    `发文单位：${notice.issuer ?? "（未识别）"}　发布日期：${notice.publishedDate ?? "（未识别）"}`,
    `巡察：${notice.inspection.by ?? "（未识别）"}　${notice.inspection.start ?? "?"} 至 ${notice.inspection.end ?? "?"}　反馈：${notice.inspection.feedbackDate ?? "?"}`,
    `问题：${problems}个${labelled > 0 ? `（分${labelled}类）` : ""}；状态：${countStatuses(notice)}`,
    `检查发现：${findingCount}项`,
  ];
  return lines.join("\n");
}

/** Formats the checker's findings as a readable Chinese report for the `check` command. */
export function formatCheckReport(notice: ParsedNotice, findings: NoticeFinding[] = notice.findings): string {
  const lines: string[] = [];
  if (notice.source?.file) lines.push(`文件：${notice.source.file}`);
  lines.push(formatNoticeSummary(notice, findings.length));
  if (findings.length === 0) {
    lines.push("", "未发现问题。");
    return lines.join("\n");
  }
  lines.push("");
  findings.forEach((finding, index) => {
    lines.push(`${index + 1}. [${labelSeverity(finding.severity)}] ${labelFindingCode(finding.code)}（${finding.code}）`);
    lines.push(`   ${finding.message}`);
    if (finding.problemSeqs && finding.problemSeqs.length > 0) lines.push(`   涉及问题序号：${finding.problemSeqs.join("、")}`);
    if (finding.evidence) lines.push(`   原文：${finding.evidence}`);
  });
  return lines.join("\n");
}
