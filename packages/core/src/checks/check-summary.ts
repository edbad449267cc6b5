// The summary of checking many notices at once (what a 巡察办 runs over every unit's published notice):
// one row per notice and the list of all findings, as models the CLI prints and the xlsx writer fills.
import type { ParsedNotice } from "../parser/parsed-notice.ts";
import { labelFindingCode, labelSeverity } from "./format-report.ts";
import type { NoticeFinding } from "./structure-check.ts";

/** One checked notice in the summary. */
export interface NoticeCheckRow {
  file: string;
  issuer: string | null;
  title: string | null;
  publishedDate: string | null;
  /** Problems listed one by one in the text. */
  problemsListed: number;
  /** The total the notice claims (问题总数), when stated. */
  claimedTotal: number | null;
  /** Listed problems whose own status is completed (including 长期坚持). */
  completedListed: number;
  /** The completion rate: as stated, else completed ÷ claimed total (or ÷ listed), in percent with two decimals; null without a base. */
  completionRate: number | null;
  errors: number;
  warnings: number;
  infos: number;
  /** A problem list was read (false with STRUCTURE_NOT_FOUND). */
  hasStructure: boolean;
}

/** One finding with the file it belongs to. */
export interface FileFinding {
  file: string;
  finding: NoticeFinding;
}

/** Builds the summary row of one checked notice. */
export function summarizeNoticeCheck(file: string, notice: ParsedNotice, findings: NoticeFinding[]): NoticeCheckRow {
  const problems = notice.categories.flatMap((category) => category.problems);
  const completedListed = problems.filter((problem) => problem.status === "completed" || problem.status === "completed_long_term").length;
  const claimed = notice.claimedSummary;
  const base = claimed.problemsTotal ?? (problems.length > 0 ? problems.length : null);
  const completed = claimed.completed ?? completedListed;
  // Without a stated figure or any status per problem there is nothing to compute a rate from.
  const hasStatuses = claimed.completed !== undefined || problems.some((problem) => problem.status !== null);
  const completionRate = claimed.completionRate ?? (base && hasStatuses ? Math.round((completed / base) * 10_000) / 100 : null);
  const count = (severity: NoticeFinding["severity"]) => findings.filter((finding) => finding.severity === severity).length;
  return {
    file,
    issuer: notice.issuer,
    title: notice.title,
    publishedDate: notice.publishedDate,
    problemsListed: problems.length,
    claimedTotal: claimed.problemsTotal ?? null,
    completedListed,
    completionRate,
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    hasStructure: !findings.some((finding) => finding.code === "STRUCTURE_NOT_FOUND"),
  };
}

/** Column headers of the summary, in Chinese, in the order of `checkRowCells`. */
export const CHECK_SUMMARY_HEADERS: readonly string[] = ["文件", "发文单位", "标题", "发布日期", "列出问题数", "所称问题总数", "逐条已完成", "完成率(%)", "错误", "警告", "提示"];

/** The cells of one summary row, in the order of `CHECK_SUMMARY_HEADERS`. */
export function checkRowCells(row: NoticeCheckRow): (string | number | null)[] {
  return [row.file, row.issuer, row.title, row.publishedDate, row.problemsListed, row.claimedTotal, row.completedListed, row.completionRate, row.errors, row.warnings, row.infos];
}

/** Column headers of the findings list, in the order of `findingCells`. */
export const CHECK_FINDING_HEADERS: readonly string[] = ["文件", "级别", "代码", "名称", "说明", "涉及问题序号", "原文"];

/** The cells of one finding, in the order of `CHECK_FINDING_HEADERS`. */
export function findingCells(item: FileFinding): string[] {
  const { finding } = item;
  return [item.file, labelSeverity(finding.severity), finding.code, labelFindingCode(finding.code), finding.message, (finding.problemSeqs ?? []).join("、"), finding.evidence ?? ""];
}

// CJK characters take two columns on a terminal.
function columnsOf(text: string): number {
  let columns = 0;
  for (const ch of text) columns += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return columns;
}

function padCell(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - columnsOf(text)));
}

/** Formats the summary rows as an aligned text table for a terminal. */
export function formatCheckSummaryTable(rows: NoticeCheckRow[]): string {
  const headers = ["文件", "发文单位", "问题数", "所称总数", "已完成", "完成率", "错误", "警告", "提示"];
  const body = rows.map((row) => [
    row.file,
    row.issuer ?? "（未识别）",
    row.hasStructure ? String(row.problemsListed) : "未识别",
    row.claimedTotal === null ? "-" : String(row.claimedTotal),
    String(row.completedListed),
    row.completionRate === null ? "-" : `${row.completionRate}%`,
    String(row.errors),
    String(row.warnings),
    String(row.infos),
  ]);
  const widths = headers.map((header, column) => Math.min(40, Math.max(columnsOf(header), ...body.map((cells) => columnsOf(cells[column])))));
  const line = (cells: string[]) => cells.map((cell, column) => padCell(cell, widths[column])).join("  ").trimEnd();
  const totals = rows.reduce((sum, row) => ({ errors: sum.errors + row.errors, warnings: sum.warnings + row.warnings, unread: sum.unread + (row.hasStructure ? 0 : 1) }), { errors: 0, warnings: 0, unread: 0 });
  return [
    line(headers),
    line(widths.map((width) => "-".repeat(width))),
    ...body.map(line),
    "",
    `共检查${rows.length}份通报：错误${totals.errors}项，警告${totals.warnings}项；未识别出问题清单的${totals.unread}份。`,
  ].join("\n");
}
