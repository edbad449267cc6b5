// What stands between a notice draft and its approval: its figures against the ledger, the checker's
// errors (which block) and warnings (each acknowledged by a person before approval).
import { createHash } from "node:crypto";
import type { AcknowledgementRow } from "../repositories/notice.repository.ts";
import {
  buildNoticeDocument,
  buildNoticeModelFromLedger,
  compareNoticeFigures,
  computeNoticeFigures,
  isCompletedStatus,
  labelStatus,
  parseNotice,
  renderText,
  type CheckSeverity,
  type ClaimedSummary,
  type LedgerSnapshot,
  type NoticeFigureMismatch,
  type NoticeFigures,
  type NoticeTexts,
} from "@zhenggai/core";

/** The stored parts of a notice the check reads. */
export interface NoticeTextSource {
  title: string;
  texts: Record<string, string>;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  issuer: string | null;
  noticeDate: string | null;
  publicStart: string | null;
  publicEnd: string | null;
}

/** One item listed before approval: an error blocks it; a warning must be acknowledged first. */
export interface NoticeCheckWarning {
  /** A checker code (CLAIM_CONTRADICTED, …), COMPLETED_WITH_OPEN_MEASURES or PLAN_MISSING. */
  code: string;
  severity: CheckSeverity;
  /** Chinese message. */
  message: string;
  /** Numbers of the findings concerned, as written in the ledger. */
  findingNumbers?: string[];
  evidence?: string;
  /** Stable key of this warning (sha256 of code and message): what an acknowledgement refers to. */
  key?: string;
  /** A warning (severity "warning") must be acknowledged one by one before approval. */
  needsAcknowledgement?: boolean;
  /** Who acknowledged it and when, once someone has. */
  acknowledgement?: NoticeAcknowledgement | null;
}

/** A person's acknowledgement of one warning of a notice's check. */
export type NoticeAcknowledgement = AcknowledgementRow;

/** The result of checking a notice against its ledger. */
export interface NoticeCheck {
  /** The figures computed from the ledger now (send them back when approving). */
  figures: NoticeFigures;
  /** Figures the notice states that differ from the ledger; any of these blocks approval. */
  mismatches: NoticeFigureMismatch[];
  warnings: NoticeCheckWarning[];
  canApprove: boolean;
  /** Why approval is refused, in Chinese (empty when it can be approved). */
  blockers: string[];
}

function splitParagraphs(text: string | undefined): string[] {
  return (text ?? "").split(/\n+/).map((line) => line.trim()).filter((line) => line !== "");
}

/**
 * The clerk-written texts of a stored notice as core's NoticeTexts. Convention for `notices.texts`:
 * `organisation` (一、组织落实情况) and `nextSteps` (三、下一步工作安排), paragraphs separated by newlines.
 */
export function noticeTextsOf(notice: NoticeTextSource): NoticeTexts {
  const hasPeriod = notice.publicStart !== null || notice.publicEnd !== null;
  return {
    title: notice.title,
    organisation: splitParagraphs(notice.texts.organisation),
    nextSteps: splitParagraphs(notice.texts.nextSteps),
    contacts: notice.contacts ?? { phones: [], emails: [], postal: [] },
    publicPeriod: hasPeriod ? { start: notice.publicStart, end: notice.publicEnd } : null,
    issuer: notice.issuer,
    date: notice.noticeDate,
  };
}

/** Figures the clerk typed into the notice's own paragraphs, read with the notice parser (empty when none). */
export function readFiguresInTexts(notice: NoticeTextSource): ClaimedSummary {
  const paragraphs = [...splitParagraphs(notice.texts.organisation), ...splitParagraphs(notice.texts.nextSteps)];
  if (paragraphs.length === 0) return {};
  const { quotes, ...figures } = parseNotice(paragraphs.join("\n\n")).claimedSummary;
  void quotes;
  return figures;
}

function isStatedFigures(value: unknown): value is ClaimedSummary {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

/**
 * Checks a notice against the ledger snapshot: figures typed into its texts and the figures the
 * approver reviewed (`statedFigures`) must equal the ledger's; completed findings with open
 * measures and the checker's findings on the rendered notice are listed as warnings.
 */
export function checkNoticeAgainstLedger(snapshot: LedgerSnapshot, notice: NoticeTextSource, statedFigures?: unknown): NoticeCheck {
  const figures = computeNoticeFigures(snapshot);
  // Paragraphs need not state figures at all, so only figures they state and get wrong count.
  const mismatches = compareNoticeFigures(figures, readFiguresInTexts(notice)).filter((mismatch) => mismatch.kind === "different");
  if (isStatedFigures(statedFigures)) {
    for (const mismatch of compareNoticeFigures(figures, statedFigures)) {
      if (!mismatches.some((known) => known.field === mismatch.field)) mismatches.push(mismatch);
    }
  }
  const warnings: NoticeCheckWarning[] = [];
  for (const finding of snapshot.findings) {
    const open = finding.measures.filter((measure) => !isCompletedStatus(measure.status));
    if (isCompletedStatus(finding.status) && open.length > 0) {
      warnings.push({
        code: "COMPLETED_WITH_OPEN_MEASURES",
        severity: "error",
        message: `问题 ${finding.number}（${finding.title}）标记为“${labelStatus(finding.status)}”，但仍有${open.length}条整改措施未完成`,
        findingNumbers: [finding.number],
      });
    }
  }
  const withoutPlan = snapshot.findings.filter((finding) => !isCompletedStatus(finding.status) && !finding.planText?.trim());
  if (withoutPlan.length > 0) {
    // The notice would print a placeholder under 整改计划 for these: fill them in before publishing.
    warnings.push({
      code: "PLAN_MISSING",
      severity: "warning",
      message: `${withoutPlan.length}个未完成的问题没有填写整改计划，通报中将显示“整改计划待补充”：${withoutPlan.map((f) => f.number).join("、")}`,
      findingNumbers: withoutPlan.map((f) => f.number),
    });
  }
  const text = renderText(buildNoticeDocument(buildNoticeModelFromLedger(snapshot, noticeTextsOf(notice))));
  const parsed = parseNotice(text);
  const problems = parsed.categories.flatMap((category) => category.problems);
  for (const finding of parsed.findings) {
    warnings.push({
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      findingNumbers: finding.problemSeqs?.map((seq) => problems.find((problem) => problem.seq === seq)?.number ?? String(seq)),
      evidence: finding.evidence,
    });
  }
  for (const warning of warnings) {
    warning.key = warningKeyOf(warning);
    warning.needsAcknowledgement = warning.severity === "warning";
    warning.acknowledgement = null;
  }
  return { figures, mismatches, warnings, canApprove: mismatches.length === 0, blockers: [] };
}

/** The stable key of a warning: the same code and message give the same key. */
export function warningKeyOf(warning: Pick<NoticeCheckWarning, "code" | "message">): string {
  return createHash("sha256").update(`${warning.code}\n${warning.message}`).digest("hex");
}

/**
 * The publishing gate: figure mismatches and errors block approval; each warning blocks until a
 * person has acknowledged it (by its key); notes (info) never block.
 */
export function applyPublishingGate(check: NoticeCheck, acknowledgements: readonly NoticeAcknowledgement[]): NoticeCheck {
  const warnings = check.warnings.map((warning) => ({
    ...warning,
    acknowledgement: acknowledgements.find((ack) => ack.warningKey === warning.key) ?? null,
  }));
  const blockers: string[] = [];
  if (check.mismatches.length > 0) blockers.push(describeFigureMismatches(check.mismatches));
  const errors = warnings.filter((w) => w.severity === "error");
  if (errors.length > 0) blockers.push(`检查发现 ${errors.length} 个错误，须先改正：${errors.map((w) => w.message).join("；")}`);
  const open = warnings.filter((w) => w.needsAcknowledgement && !w.acknowledgement);
  if (open.length > 0) blockers.push(`还有 ${open.length} 条提醒尚未逐条确认：${open.map((w) => w.message).join("；")}`);
  return { ...check, warnings, blockers, canApprove: blockers.length === 0 };
}

/** The Chinese message refusing approval, listing every mismatch. */
export function describeFigureMismatches(mismatches: readonly NoticeFigureMismatch[]): string {
  return `通报中的数字与台账统计不一致，不能审核通过：${mismatches.map((mismatch) => mismatch.message).join("；")}。请修改通报或核实台账后重试`;
}
