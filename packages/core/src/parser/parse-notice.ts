// parseNotice: text of a rectification notice → the ParsedNotice contract, with the checker's findings filled in.
import type { ParsedNotice, ParsedProblem } from "./parsed-notice.ts";
import type { NoticeCheckContext } from "../checks/check-context.ts";
import { checkNotice } from "../checks/check-notice.ts";
import { checkStructure, looksLikeNotice, type NoticeFinding } from "../checks/structure-check.ts";
import { normalizeNoticeText } from "./normalize-text.ts";
import { buildParagraphs, splitInlineLabels, type Paragraph } from "./paragraphs.ts";
import { hasPublicInvitation, isIssuerName, readContacts, readInspection, readPublicPeriod, readSignature, readSpeakerIssuer, readTitle } from "./header.ts";
import { readStructure, type ProblemDraft } from "./structure.ts";
import { readClaimedSummary, readItemFunds, settleClaimedSummary } from "./summary.ts";
import { findDocRefs, findMoney, uniqueStrings } from "./amounts.ts";
import { findDates, formatDate, parseFormattedDate } from "./dates.ts";
import { readTextView, restoreNoticeText } from "./script-view.ts";

/** File formats a notice can come from. */
export type NoticeFormat = "txt" | "md" | "docx" | "pdf" | "html";

/** Where the text came from; both fields are copied into `source`. */
export interface ParseNoticeOptions {
  /** File name (any directory part is dropped). */
  file?: string;
  format?: NoticeFormat;
}

/** The parsed notice together with what the checker needs from the raw text. */
export interface NoticeAnalysis {
  notice: ParsedNotice;
  context: NoticeCheckContext;
  /** Every finding of the check: the contract's findings, led by STRUCTURE_NOT_FOUND when no problem list was read. */
  findings: NoticeFinding[];
}

function toProblem(draft: ProblemDraft): ParsedProblem {
  const ownText = [draft.headline, ...draft.description, ...draft.progress, ...draft.plan].join("");
  return {
    number: draft.number,
    seq: draft.seq,
    title: draft.title,
    subPoints: draft.subPoints,
    status: draft.status,
    statusText: draft.statusText,
    hasPlan: draft.hasPlan,
    progressText: draft.progress.join(""),
    planText: draft.hasPlan ? draft.plan.join("") : null,
    moneyAmounts: uniqueStrings(findMoney(ownText).map((money) => money.text)),
    docRefs: uniqueStrings(findDocRefs(ownText)),
  };
}

function isAllCompleted(summary: ParsedNotice["claimedSummary"]): boolean {
  const total = summary.problemsTotal;
  const open = (summary.phased ?? 0) + (summary.inProgress ?? 0) + (summary.notCompleted ?? 0);
  return total !== undefined && total > 0 && summary.completed === total && open === 0;
}

function readMetadataDate(raw: string | null): string | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, "");
  const date = findDates(compact)[0];
  return date ? formatDate(date.parts, date.isDamaged) : null;
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** Parses a notice and returns it with the checker's context (used by `parseNotice` and by callers that want both). */
export function analyzeNotice(text: string, options: ParseNoticeOptions = {}): NoticeAnalysis {
  // Traditional script and mirror pinyin are read on a simplified copy; output fields are restored below.
  const view = readTextView(text);
  const normalized = normalizeNoticeText(view ? view.text : text);
  const paragraphs = splitInlineLabels(buildParagraphs(normalized.lines));
  const titleInfo = readTitle(paragraphs);
  const signature = readSignature(paragraphs);
  const signatureSet = new Set(signature.indices);
  const body: Paragraph[] = [];
  for (let i = titleInfo.bodyStart; i < paragraphs.length; i++) {
    if (!signatureSet.has(i)) body.push({ ...paragraphs[i], index: body.length });
  }
  const structure = readStructure(body);
  const outside = structure.outsideIndices.map((index) => body[index]);
  const problemIndices = structure.categories.flatMap((category) => category.problems.map((problem) => problem.paragraphIndices[0]));
  const firstProblem = problemIndices.reduce((min, index) => Math.min(min, index), body.length);
  const intro = outside.filter((paragraph) => paragraph.index < firstProblem).slice(0, 8);
  const introCompact = (intro.length > 0 ? intro : body.slice(0, 3)).map((paragraph) => paragraph.compact).join("");
  const outsideCompact = outside.map((paragraph) => paragraph.compact).join("\n");
  const trailing = paragraphs.slice(signature.indices.length > 0 ? signature.indices[signature.indices.length - 1] + 1 : paragraphs.length);
  const contactText = [outsideCompact, ...trailing.map((paragraph) => paragraph.compact)].join("\n");
  // Phones are read with their spaces: numbers printed side by side are separate numbers.
  const contactSpaced = [...outside, ...trailing].map((paragraph) => paragraph.text).join("\n");

  const summaryReading = readClaimedSummary(outside.map((paragraph) => paragraph.text));
  const drafts = structure.categories.flatMap((category) => category.problems);
  for (const draft of drafts) {
    for (const fund of readItemFunds([...draft.progress, ...draft.plan].join(""))) {
      const funds = (summaryReading.summary.funds ??= []);
      if (!funds.some((known) => known.yuan === fund.yuan && known.text === fund.text)) funds.push(fund);
    }
  }
  settleClaimedSummary(summaryReading.summary, drafts.length);
  const publishedDate = signature.date ?? readMetadataDate(normalized.metadataDate);
  const inspection = readInspection(introCompact, parseFormattedDate(publishedDate));
  const notice: ParsedNotice = {
    schemaVersion: 1,
    ...(options.file !== undefined || options.format !== undefined
      ? { source: { ...(options.file !== undefined ? { file: baseName(options.file) } : {}), ...(options.format !== undefined ? { format: options.format } : {}) } }
      : {}),
    // Signature, then title; a report's speaker line (市审计局局长 …) or the page's 来源： when neither names one.
    issuer: signature.issuer ?? titleInfo.titleIssuer ?? readSpeakerIssuer(paragraphs) ?? (isIssuerName(normalized.metadataSource) ? normalized.metadataSource : null),
    title: titleInfo.title,
    inspection,
    publishedDate,
    publicPeriod: readPublicPeriod(contactText, publishedDate),
    contacts: readContacts(contactSpaced),
    claimedSummary: summaryReading.summary,
    sections: structure.sections,
    categories: structure.categories.map((category) => ({ label: category.label, problems: category.problems.map(toProblem) })),
    findings: [],
  };
  const context: NoticeCheckContext = {
    problems: structure.categories.flatMap((category, categoryIndex) =>
      category.problems.map((problem) => ({ seq: problem.seq, value: problem.value, categoryIndex, statusSource: problem.statusSource })),
    ),
    titleIssuer: titleInfo.titleIssuer,
    signatureIssuer: signature.issuer,
    hasPublicInvitation: hasPublicInvitation(contactText),
    hasDateLine: signature.hasDateLine,
    outOfOrder: structure.outOfOrder,
    // 已完成N个 where N is the stated total claims everything done, as 所有问题均已整改完毕 does.
    globalClaim: summaryReading.globalClaim ?? (isAllCompleted(summaryReading.summary) ? "all" : null),
  };
  notice.findings = checkNotice(notice, context);
  if (view) restoreNoticeText(notice, view.restore);
  const hasProblems = notice.categories.some((category) => category.problems.length > 0);
  const structureFinding = hasProblems ? null : checkStructure(notice, looksLikeNotice(paragraphs.map((paragraph) => paragraph.compact).join("").slice(0, 20_000)));
  return { notice, context, findings: structureFinding ? [structureFinding, ...notice.findings] : notice.findings };
}

/** Parses the text of a rectification notice (巡察整改进展情况的通报) into the ParsedNotice contract, findings included; never throws on bad input. */
export function parseNotice(text: string, options: ParseNoticeOptions = {}): ParsedNotice {
  return analyzeNotice(text, options).notice;
}
