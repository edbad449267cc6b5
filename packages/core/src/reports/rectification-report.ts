import { labelFindingSource, labelInspectionKind, labelMeasureKind } from "../domain/kinds.ts";
import type { Status } from "../domain/status.ts";
import { labelStatus } from "../domain/status.ts";
import type { DocumentBlock, DocumentModel } from "./document-model.ts";
import {
  createLabelledParagraph,
  createParagraph,
  formatHeadingNumber,
  splitHeadingNumber,
} from "./document-model.ts";
import { formatChineseDate, formatChineseDateRange } from "./format.ts";
import type { LedgerSnapshot, SnapshotFinding } from "./ledger-snapshot.ts";
import type { NoticeFigures } from "./notice-figures.ts";
import { computeNoticeFigures, formatFiguresSentence } from "./notice-figures.ts";
import { splitTitleLines } from "./notice-model.ts";

/** One measure in the internal report, with its owner triple and deadline. */
export interface ReportMeasure {
  seq: number;
  text: string;
  kindLabel: string;
  leader: string | null;
  department: string | null;
  owner: string | null;
  /** Due date as printed (2025年3月31日 / 长期坚持 / empty). */
  dueText: string;
  status: Status;
  statusLabel: string;
  progress: string | null;
  evidenceCount: number;
}

/** One finding in the internal report. */
export interface ReportFinding {
  number: string;
  title: string;
  subPoints: string[];
  sourceLabel: string;
  status: Status;
  statusLabel: string;
  leadLeader: string | null;
  leadDepartment: string | null;
  dueText: string;
  measures: ReportMeasure[];
}

/** The internal rectification report (整改情况报告) sent to the inspection office. */
export interface RectificationReportModel {
  title: string;
  /** 主送机关, e.g. 县委巡察工作领导小组办公室. */
  addressee: string;
  opening: string;
  figures: NoticeFigures;
  figuresSentence: string | null;
  categories: { label: string | null; findings: ReportFinding[] }[];
  /** Paragraphs of the closing section (下一步工作打算). */
  nextSteps: string[];
  issuer: string;
  date: string | null;
}

/** Texts of the internal report a clerk writes; all optional. */
export interface RectificationReportTexts {
  addressee?: string;
  nextSteps?: string[];
  date?: string | null;
}

function formatDue(dueDate: string | null, isLongTerm: boolean): string {
  if (dueDate) return formatChineseDate(dueDate);
  return isLongTerm ? "长期坚持" : "";
}

function toReportFinding(finding: SnapshotFinding): ReportFinding {
  return {
    number: finding.number || String(finding.seq),
    title: finding.title,
    subPoints: finding.subPoints,
    sourceLabel: labelFindingSource(finding.source),
    status: finding.status,
    statusLabel: labelStatus(finding.status),
    leadLeader: finding.leadLeader,
    leadDepartment: finding.leadDepartment,
    dueText: formatDue(finding.dueDate, finding.measures.some((measure) => measure.kind === "long_term")),
    measures: finding.measures.map((measure) => ({
      seq: measure.seq,
      text: measure.text,
      kindLabel: labelMeasureKind(measure.kind),
      leader: measure.leader,
      department: measure.department,
      owner: measure.owner,
      dueText: formatDue(measure.dueDate, measure.kind === "long_term"),
      status: measure.status,
      statusLabel: labelStatus(measure.status),
      progress: measure.progress,
      evidenceCount: measure.evidenceCount,
    })),
  };
}

function groupFindings(findings: readonly SnapshotFinding[]): { label: string | null; findings: ReportFinding[] }[] {
  const groups: { label: string | null; findings: ReportFinding[] }[] = [];
  for (const finding of findings) {
    const last = groups.at(-1);
    if (last && last.label === finding.category) last.findings.push(toReportFinding(finding));
    else groups.push({ label: finding.category, findings: [toReportFinding(finding)] });
  }
  return groups;
}

/** Builds the internal 整改情况报告 from a ledger snapshot: every finding with its measures, owners, deadlines and status. */
export function buildRectificationReportModel(
  snapshot: LedgerSnapshot,
  texts: RectificationReportTexts = {},
): RectificationReportModel {
  const issuer = snapshot.org.partyOrgName ?? snapshot.org.name;
  const unit = issuer.replace(/^中共/, "");
  const { inspection } = snapshot;
  const group = inspection.groupName ?? "巡察组";
  const period = formatChineseDateRange(inspection.startDate, inspection.endDate);
  const feedback = inspection.feedbackDate ? `${formatChineseDate(inspection.feedbackDate)}，` : "";
  const docs = inspection.feedbackDocNumbers.length > 0 ? `（${inspection.feedbackDocNumbers.join("、")}）` : "";
  const figures = computeNoticeFigures(snapshot);
  return {
    title: `${issuer}关于${group}巡察反馈意见整改情况的报告`,
    addressee: texts.addressee ?? `${inspection.level ?? ""}巡察工作领导小组办公室：`,
    opening:
      `${period ? `${period}，` : ""}${group}对${unit}开展了${labelInspectionKind(inspection.kind)}。` +
      `${feedback}${group}反馈了巡察意见${docs}。现将整改情况报告如下。`,
    figures,
    figuresSentence: formatFiguresSentence(figures, { level: inspection.level }),
    categories: groupFindings(snapshot.findings),
    nextSteps: texts.nextSteps ?? [],
    issuer,
    date: texts.date ?? snapshot.asOf,
  };
}

function formatPerson(value: string | null): string {
  return value ?? "—";
}

/** Lays the internal report out as a document: per finding a headline, its lead and status, and a table of its measures. */
export function buildRectificationReportDocument(report: RectificationReportModel): DocumentModel {
  const blocks: DocumentBlock[] = [
    { kind: "title", lines: splitTitleLines(report.title, report.issuer) },
    createParagraph(report.addressee, { isIndented: false, align: "left" }),
    createParagraph(report.opening),
    { kind: "heading", level: 1, number: formatHeadingNumber(1, 1), text: "整改工作总体情况" },
  ];
  if (report.figuresSentence) blocks.push(createParagraph(report.figuresSentence));
  blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, 2), text: "问题整改落实情况" });
  let categoryIndex = 0;
  for (const category of report.categories) {
    if (category.label !== null) {
      categoryIndex += 1;
      const written = splitHeadingNumber(category.label);
      blocks.push({ kind: "heading", level: 2, number: written.number || formatHeadingNumber(2, categoryIndex), text: written.text });
    }
    for (const finding of category.findings) {
      const subPoints = finding.subPoints.map((point) => `${point.replace(/[。；;，,\s]+$/, "")}。`).join("");
      blocks.push({
        kind: "heading",
        level: 3,
        number: /^\d+$/.test(finding.number) ? `${finding.number}.` : `${finding.number}：`,
        text: `${finding.title.replace(/[。；;，,\s]+$/, "")}。`,
        tail: subPoints || undefined,
      });
      blocks.push(
        createLabelledParagraph(
          "整改状态：",
          `${finding.statusLabel}。问题来源：${finding.sourceLabel}；牵头领导：${formatPerson(finding.leadLeader)}；` +
            `牵头部门：${formatPerson(finding.leadDepartment)}${finding.dueText ? `；完成时限：${finding.dueText}` : ""}。`,
        ),
      );
      if (finding.measures.length > 0) {
        blocks.push({
          kind: "table",
          columns: [
            { header: "序号", weight: 6 },
            { header: "整改措施", weight: 22 },
            { header: "责任领导", weight: 9 },
            { header: "责任部门", weight: 13 },
            { header: "责任人", weight: 9 },
            { header: "完成时限", weight: 12 },
            { header: "状态", weight: 11 },
            { header: "整改进展", weight: 18 },
          ],
          rows: finding.measures.map((measure, index) => [
            String(index + 1),
            measure.text,
            formatPerson(measure.leader),
            formatPerson(measure.department),
            formatPerson(measure.owner),
            measure.dueText || "—",
            measure.statusLabel,
            measure.progress ?? "",
          ]),
        });
      }
    }
  }
  blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, 3), text: "下一步工作打算" });
  for (const paragraph of report.nextSteps) blocks.push(createParagraph(paragraph));
  blocks.push({ kind: "signature", lines: [report.issuer, formatChineseDate(report.date)].filter((line) => line !== "") });
  return { title: report.title, blocks };
}
