import { labelInspectionKind } from "../domain/kinds.ts";
import type { Status } from "../domain/status.ts";
import { bucketOfStatus, labelStatus } from "../domain/status.ts";
import type { ClaimedSummary, ParsedNotice } from "../parser/parsed-notice.ts";
import type { DocumentBlock, DocumentModel } from "./document-model.ts";
import {
  createLabelledParagraph,
  createParagraph,
  formatHeadingNumber,
  splitHeadingNumber,
} from "./document-model.ts";
import { formatChineseDate, formatChineseDateRange } from "./format.ts";
import type { LedgerSnapshot, SnapshotFinding } from "./ledger-snapshot.ts";
import { computeNoticeFigures, formatFiguresSentence, selectNoticeFindings } from "./notice-figures.ts";

/** Contact channels printed in the invitation to public supervision. */
export interface NoticeContacts {
  phones: string[];
  emails: string[];
  /** Postal addresses or named mailboxes. */
  postal: string[];
}

/** The parts of a notice a clerk writes; everything else comes from the ledger. */
export interface NoticeTexts {
  /** Overrides the generated title (default: <党组织>关于巡察整改进展情况的通报). */
  title?: string;
  /** Paragraphs of 一、组织落实情况 (the figures sentence is appended after them). */
  organisation: string[];
  /** Paragraphs of 三、下一步工作安排. */
  nextSteps: string[];
  contacts: NoticeContacts;
  publicPeriod: { start: string | null; end: string | null } | null;
  /** Signature (发文机关署名); defaults to the unit's Party organisation. */
  issuer?: string | null;
  /** Date of the notice (成文日期), YYYY-MM-DD. */
  date: string | null;
}

/** One finding as the notice prints it under 二、整改进展情况. */
export interface NoticeItem {
  /** Number as written ("1", "问题一"). */
  number: string;
  title: string;
  subPoints: string[];
  status: Status | null;
  /** Status words printed after 整改结果： (null prints no result line). */
  statusText: string | null;
  /** "整改情况" or "阶段性整改情况" (for phased items). */
  progressLabel: string;
  progressText: string | null;
  /** Printed under 整改计划： when present. */
  planText: string | null;
}

/** A category (方面) of findings; label null when the notice has no category level. */
export interface NoticeCategory {
  label: string | null;
  items: NoticeItem[];
}

/** A section heading as printed, without its number, and its body paragraphs. */
export interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

/** The public progress notice (整改进展情况的通报) as structured data. */
export interface NoticeModel {
  title: string;
  /** How the title breaks over lines (issuer on the first line when the title starts with it). */
  titleLines: string[];
  opening: string;
  organisation: NoticeSection;
  /** Figures the notice states (all of them when built from a ledger). */
  figures: ClaimedSummary;
  /** The figures paragraph closing section 一; null when no figure is stated. */
  figuresSentence: string | null;
  progress: { heading: string; categories: NoticeCategory[] };
  nextSteps: NoticeSection;
  /** The invitation to public supervision with channels and period; null when the notice has none. */
  supervision: string | null;
  contacts: NoticeContacts;
  publicPeriod: { start: string | null; end: string | null } | null;
  issuer: string | null;
  date: string | null;
}

const DEFAULT_TITLE_TAIL = "关于巡察整改进展情况的通报";

// A 二号 (22 pt) title line holds 20 characters in the 156 mm type area.
const TITLE_LINE_CHARS = 20;
// Breaking after these words keeps the phrases of a title whole (…巡察组 / 反馈意见…).
const TITLE_BREAK_AFTER = /(?:巡察组|巡视组|关于|的|意见|情况|工作)/g;

function breakLongTitleLine(line: string): string[] {
  if (line.length <= TITLE_LINE_CHARS) return [line];
  const middle = line.length / 2;
  let best: number | null = null;
  for (const match of line.matchAll(TITLE_BREAK_AFTER)) {
    const at = (match.index ?? 0) + match[0].length;
    const isUsable = at > 2 && at < line.length - 2;
    if (isUsable && (best === null || Math.abs(at - middle) < Math.abs(best - middle))) best = at;
  }
  const cut = best ?? Math.ceil(middle);
  return [...breakLongTitleLine(line.slice(0, cut)), ...breakLongTitleLine(line.slice(cut))];
}

/** Splits a title into printed lines: the issuer on its own line, then lines of at most 20 characters broken between phrases. */
export function splitTitleLines(title: string, issuer: string | null): string[] {
  let lines = [title];
  if (issuer && title.startsWith(issuer) && title.length > issuer.length) {
    lines = [issuer, title.slice(issuer.length)];
  } else {
    const at = title.indexOf("关于");
    if (at > 0) lines = [title.slice(0, at), title.slice(at)];
  }
  return lines.flatMap(breakLongTitleLine);
}

/** Writes the invitation to public supervision; null when there is neither a channel nor a period. */
export function formatSupervisionParagraph(
  contacts: NoticeContacts,
  publicPeriod: { start: string | null; end: string | null } | null,
): string | null {
  const channels: string[] = [];
  if (contacts.phones.length > 0) channels.push(`联系电话：${contacts.phones.join("、")}`);
  if (contacts.emails.length > 0) channels.push(`电子邮箱：${contacts.emails.join("、")}`);
  if (contacts.postal.length > 0) channels.push(`邮政信箱：${contacts.postal.join("、")}`);
  const period = publicPeriod ? formatChineseDateRange(publicPeriod.start, publicPeriod.end) : "";
  if (channels.length === 0 && period === "") return null;
  const parts = ["本通报公开后，真诚接受社会各界和广大群众监督。"];
  if (period) parts.push(`公示时间为${period}。`);
  if (channels.length > 0) parts.push(`对整改工作有意见建议的，可通过以下方式反映：${channels.join("；")}。`);
  return parts.join("");
}

function formatOpening(options: {
  level: string | null;
  start: string | null;
  end: string | null;
  by: string | null;
  unit: string;
  kindLabel: string;
  feedbackDate: string | null;
}): string {
  const group = options.by ?? "巡察组";
  const period = formatChineseDateRange(options.start, options.end);
  const first = `根据${options.level ?? ""}统一部署，${period ? `${period}，` : ""}${group}对${options.unit}进行了${options.kindLabel}。`;
  const feedback = options.feedbackDate ? `${formatChineseDate(options.feedbackDate)}，` : "";
  const second = `${feedback}${group}向${options.unit}反馈了巡察意见。`;
  return `${first}${second}按照巡察工作有关要求，现将整改进展情况予以公布。`;
}

function progressLabelOf(status: Status | null): string {
  return status === "phased" ? "阶段性整改情况" : "整改情况";
}

function groupByCategory(findings: readonly SnapshotFinding[]): { label: string | null; findings: SnapshotFinding[] }[] {
  const groups: { label: string | null; findings: SnapshotFinding[] }[] = [];
  for (const finding of findings) {
    const last = groups.at(-1);
    if (last && last.label === finding.category) last.findings.push(finding);
    else groups.push({ label: finding.category, findings: [finding] });
  }
  return groups;
}

function toNoticeItem(finding: SnapshotFinding): NoticeItem {
  const isOpen = bucketOfStatus(finding.status) !== "completed";
  return {
    number: finding.number || String(finding.seq),
    title: finding.title,
    subPoints: finding.subPoints,
    status: finding.status,
    statusText: labelStatus(finding.status),
    progressLabel: progressLabelOf(finding.status),
    progressText: finding.progressText ?? summariseMeasures(finding),
    planText: isOpen ? (finding.planText ?? "（整改计划待补充）") : null,
  };
}

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

// When no 整改情况 text was written, the notice lists the measures as 一是…二是… with their progress.
function summariseMeasures(finding: SnapshotFinding): string | null {
  if (finding.measures.length === 0) return null;
  return finding.measures
    .map((measure, index) => {
      const ordinal = index < ORDINALS.length ? `${ORDINALS[index]}是` : `${index + 1}.`;
      const text = measure.text.replace(/[。；;]+$/, "");
      const progress = measure.progress ? `，${measure.progress.replace(/[。；;]+$/, "")}` : "";
      return `${ordinal}${text}${progress}。`;
    })
    .join("");
}

/** Builds the public progress notice from a ledger snapshot and the clerk's texts; every figure comes from the ledger. */
export function buildNoticeModelFromLedger(snapshot: LedgerSnapshot, texts: NoticeTexts): NoticeModel {
  const issuer = texts.issuer ?? snapshot.org.partyOrgName ?? snapshot.org.name;
  const title = texts.title ?? `${issuer}${DEFAULT_TITLE_TAIL}`;
  const unit = (snapshot.org.partyOrgName ?? snapshot.org.name).replace(/^中共/, "");
  const figures = computeNoticeFigures(snapshot);
  const { inspection } = snapshot;
  return {
    title,
    titleLines: splitTitleLines(title, issuer),
    opening: formatOpening({
      level: inspection.level,
      start: inspection.startDate,
      end: inspection.endDate,
      by: inspection.groupName,
      unit,
      kindLabel: labelInspectionKind(inspection.kind),
      feedbackDate: inspection.feedbackDate,
    }),
    organisation: { heading: "组织落实情况", paragraphs: texts.organisation },
    figures,
    figuresSentence: formatFiguresSentence(figures, { level: inspection.level }),
    progress: {
      heading: "整改进展情况",
      categories: groupByCategory(selectNoticeFindings(snapshot)).map((group) => ({
        label: group.label,
        items: group.findings.map(toNoticeItem),
      })),
    },
    nextSteps: { heading: "下一步工作安排", paragraphs: texts.nextSteps },
    supervision: formatSupervisionParagraph(texts.contacts, texts.publicPeriod),
    contacts: texts.contacts,
    publicPeriod: texts.publicPeriod,
    issuer,
    date: texts.date,
  };
}

function sectionHeading(sections: readonly string[], index: number, fallback: string): string {
  const written = sections[index];
  return written ? splitHeadingNumber(written).text || fallback : fallback;
}

/** Builds a notice from a parsed notice (the parse contract), so any parsed notice can be re-rendered in the standard format. */
export function buildNoticeModelFromParsed(parsed: ParsedNotice): NoticeModel {
  const issuer = parsed.issuer;
  const title = parsed.title ?? `${issuer ?? ""}${DEFAULT_TITLE_TAIL}`;
  const unit = (issuer ?? "本单位").replace(/^中共/, "");
  const quotes = parsed.claimedSummary.quotes ?? [];
  // The notice's own figure sentences are kept as written: they are what its figures were read from.
  const figuresSentence = quotes.length > 0 ? quotes.join("") : formatFiguresSentence(parsed.claimedSummary);
  return {
    title,
    titleLines: splitTitleLines(title, issuer),
    opening: formatOpening({
      level: parsed.inspection.level,
      start: parsed.inspection.start,
      end: parsed.inspection.end,
      by: parsed.inspection.by,
      unit,
      kindLabel: "巡察",
      feedbackDate: parsed.inspection.feedbackDate,
    }),
    organisation: { heading: sectionHeading(parsed.sections, 0, "组织落实情况"), paragraphs: [] },
    figures: parsed.claimedSummary,
    figuresSentence,
    progress: {
      heading: sectionHeading(parsed.sections, 1, "整改进展情况"),
      categories: parsed.categories.map((category) => ({
        label: category.label,
        items: category.problems.map((problem) => ({
          number: problem.number,
          title: problem.title,
          subPoints: problem.subPoints,
          status: problem.status,
          statusText: problem.statusText ?? (problem.status ? labelStatus(problem.status) : null),
          progressLabel: progressLabelOf(problem.status),
          progressText: problem.progressText ?? null,
          planText: problem.hasPlan ? (problem.planText ?? "（略）") : null,
        })),
      })),
    },
    nextSteps: { heading: sectionHeading(parsed.sections, 2, "下一步工作安排"), paragraphs: [] },
    supervision: formatSupervisionParagraph(parsed.contacts, parsed.publicPeriod),
    contacts: parsed.contacts,
    publicPeriod: parsed.publicPeriod,
    issuer,
    date: parsed.publishedDate,
  };
}

function stripFinalStop(text: string): string {
  return text.replace(/[。．.；;，,\s]+$/, "");
}

/** Formats a finding's headline as notices print it: "1.反馈问题：<title>。一是…。二是…。" (or "问题一：<title>。"). */
export function formatItemHeadline(item: NoticeItem): { number: string; text: string } {
  const subPoints = item.subPoints.map((point) => `${stripFinalStop(point)}。`).join("");
  const text = `${stripFinalStop(item.title)}。${subPoints}`;
  if (/^\d+$/.test(item.number)) return { number: `${item.number}.`, text: `反馈问题：${text}` };
  return { number: item.number ? `${item.number}：` : "", text };
}

/** Lays a notice out as a generic document: title, opening, 一、二、三、 sections, supervision, signature. */
export function buildNoticeDocument(notice: NoticeModel): DocumentModel {
  const blocks: DocumentBlock[] = [{ kind: "title", lines: notice.titleLines }, createParagraph(notice.opening)];
  blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, 1), text: notice.organisation.heading });
  for (const paragraph of notice.organisation.paragraphs) blocks.push(createParagraph(paragraph));
  if (notice.figuresSentence) blocks.push(createParagraph(notice.figuresSentence));
  blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, 2), text: notice.progress.heading });
  let categoryIndex = 0;
  for (const category of notice.progress.categories) {
    if (category.label !== null) {
      categoryIndex += 1;
      const written = splitHeadingNumber(category.label);
      const number = written.number || formatHeadingNumber(2, categoryIndex);
      blocks.push({ kind: "heading", level: 2, number, text: written.text });
    }
    for (const item of category.items) {
      const headline = formatItemHeadline(item);
      blocks.push({ kind: "heading", level: 3, number: headline.number, text: headline.text });
      if (item.statusText) blocks.push(createLabelledParagraph("整改结果：", `${stripFinalStop(item.statusText)}。`));
      if (item.progressText) blocks.push(createLabelledParagraph(`${item.progressLabel}：`, item.progressText));
      if (item.planText) blocks.push(createLabelledParagraph("整改计划：", item.planText));
    }
  }
  blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, 3), text: notice.nextSteps.heading });
  for (const paragraph of notice.nextSteps.paragraphs) blocks.push(createParagraph(paragraph));
  if (notice.supervision) blocks.push(createParagraph(notice.supervision));
  const signature = [notice.issuer ?? "", formatChineseDate(notice.date)].filter((line) => line !== "");
  if (signature.length > 0) blocks.push({ kind: "signature", lines: signature });
  return { title: notice.title, blocks };
}
