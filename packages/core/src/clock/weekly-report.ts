import type { DocumentBlock, DocumentModel, TableBlock } from "../reports/document-model.ts";
import { createParagraph, formatHeadingNumber } from "../reports/document-model.ts";
import { formatChineseDate } from "../reports/format.ts";
import { addDays, isoWeekday } from "./clock-rules.ts";

/** One line of a weekly report section: a measure or directive with what happened to it. */
export interface WeeklyReportItem {
  /** Measure or directive id, for links. */
  id: number;
  /** e.g. "问题3 措施（2）" or the directive's issuing office. */
  reference: string;
  text: string;
  department: string | null;
  date: string | null;
  detail: string;
}

/** What a weekly report (周汇报) holds: generated sections plus the 整改办's own words. */
export interface WeeklyReportContent {
  unitName: string;
  periodStart: string;
  periodEnd: string;
  totals: { measures: number; completed: number; overdue: number; extensions: number; openDirectives: number };
  progress: WeeklyReportItem[];
  completed: WeeklyReportItem[];
  overdue: WeeklyReportItem[];
  extensions: WeeklyReportItem[];
  directives: WeeklyReportItem[];
  /** Editable by the 整改办 before sending. */
  summary: string;
  /** Editable by the 整改办 before sending. */
  nextSteps: string;
}

/** The report period that ends on the most recent configured weekday on or before `today` (7 days). */
export function weeklyPeriodOf(today: string, weeklyReportDay: number): { periodStart: string; periodEnd: string } {
  const back = (isoWeekday(today) - weeklyReportDay + 7) % 7;
  const periodEnd = addDays(today, -back);
  return { periodStart: addDays(periodEnd, -6), periodEnd };
}

function table(headers: [string, number][], rows: string[][]): TableBlock {
  return { kind: "table", columns: headers.map(([header, weight]) => ({ header, weight })), rows };
}

/** The generated opening sentence of a weekly report, from its figures. */
export function describeWeeklyTotals(content: Pick<WeeklyReportContent, "totals" | "progress" | "completed">): string {
  const t = content.totals;
  return `本周报送整改进展${content.progress.length}项，完成销号${content.completed.length}项。截至本周末，整改措施共${t.measures}项，已完成${t.completed}项，逾期未完成${t.overdue}项，本周申请延期${t.extensions}项，未办结督办事项${t.openDirectives}件。`;
}

/** Builds the weekly report as an official-style document (page, DOCX and PDF render the same blocks). */
export function buildWeeklyReportDocument(content: WeeklyReportContent): DocumentModel {
  const blocks: DocumentBlock[] = [
    { kind: "title", lines: [content.unitName, "巡察整改工作周汇报"] },
    createParagraph(`（${formatChineseDate(content.periodStart)}至${formatChineseDate(content.periodEnd)}）`, { align: "center", isIndented: false }),
  ];
  let section = 0;
  const heading = (text: string): void => {
    section += 1;
    blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, section), text });
  };
  heading("总体情况");
  blocks.push(createParagraph(describeWeeklyTotals(content)));
  if (content.summary.trim()) for (const line of content.summary.split("\n").filter((l) => l.trim())) blocks.push(createParagraph(line.trim()));
  const none = (what: string): void => void blocks.push(createParagraph(`本周无${what}。`));
  heading("本周整改进展");
  if (content.progress.length) blocks.push(table([["措施", 3], ["责任部门", 1], ["进展情况", 4]], content.progress.map((i) => [`${i.reference} ${i.text}`, i.department ?? "", i.detail])));
  else none("新报送的整改进展");
  heading("本周完成销号");
  if (content.completed.length) blocks.push(table([["措施", 4], ["责任部门", 1], ["销号日期", 1]], content.completed.map((i) => [`${i.reference} ${i.text}`, i.department ?? "", formatChineseDate(i.date)])));
  else none("完成销号的措施");
  heading("逾期未完成事项");
  if (content.overdue.length) blocks.push(table([["措施", 4], ["责任部门", 1], ["完成时限", 1], ["逾期情况", 1]], content.overdue.map((i) => [`${i.reference} ${i.text}`, i.department ?? "", formatChineseDate(i.date), i.detail])));
  else none("逾期未完成事项");
  heading("申请延期情况");
  if (content.extensions.length) blocks.push(table([["措施", 3], ["责任部门", 1], ["原定时限", 1], ["申请情况", 2]], content.extensions.map((i) => [`${i.reference} ${i.text}`, i.department ?? "", formatChineseDate(i.date), i.detail])));
  else none("延期申请");
  heading("督办事项办理情况");
  if (content.directives.length) blocks.push(table([["督办事项", 4], ["回复期限", 1], ["办理情况", 2]], content.directives.map((i) => [`${i.reference} ${i.text}`, formatChineseDate(i.date), i.detail])));
  else none("督办事项");
  heading("下一步工作");
  const next = content.nextSteps.split("\n").filter((l) => l.trim());
  if (next.length) for (const line of next) blocks.push(createParagraph(line.trim()));
  else blocks.push(createParagraph("（请整改办填写下一步工作安排）"));
  blocks.push({ kind: "signature", lines: [`${content.unitName}巡察整改工作领导小组办公室`, formatChineseDate(content.periodEnd)] });
  return { title: `${content.unitName}巡察整改工作周汇报（${content.periodStart}至${content.periodEnd}）`, blocks };
}
