import { isCompletedStatus, type Status } from "../domain/status.ts";
import type { ParsedNotice, ParsedProblem, ParsedStatus } from "../parser/parsed-notice.ts";
import type { LedgerSnapshot, SnapshotFinding } from "../reports/ledger-snapshot.ts";
import { isOverdue } from "../workflow/deadline.ts";
import { checkNotice } from "./check-notice.ts";

/** What the ledger view flags on a finding for the 整改办 and supervisors to look at. */
export type LedgerFlag =
  | "OVERDUE"
  | "NO_MEASURES"
  | "INCOMPLETE_RESPONSIBILITY"
  | "CLAIM_CONTRADICTED"
  | "NO_EVIDENCE";

/** All ledger flags in display order. */
export const LEDGER_FLAGS: readonly LedgerFlag[] = ["OVERDUE", "NO_MEASURES", "INCOMPLETE_RESPONSIBILITY", "CLAIM_CONTRADICTED", "NO_EVIDENCE"];

/** Returns the Chinese label of a ledger flag. */
export function labelLedgerFlag(flag: LedgerFlag): string {
  switch (flag) {
    case "OVERDUE":
      return "有逾期措施";
    case "NO_MEASURES":
      return "未制定整改措施";
    case "INCOMPLETE_RESPONSIBILITY":
      return "责任或时限不全";
    case "CLAIM_CONTRADICTED":
      return "完成表述与内容矛盾";
    case "NO_EVIDENCE":
      return "销号缺少佐证材料";
  }
}

function toParsedStatus(status: Status): ParsedStatus | null {
  return status === "not_started" ? null : status;
}

function progressOf(finding: SnapshotFinding): string {
  return [finding.progressText, ...finding.measures.map((m) => m.progress)].filter((t): t is string => !!t).join("");
}

/**
 * Flags each finding of a ledger: overdue measures, no measures, a measure without department,
 * owner or (unless 长期坚持) due date, completion whose own texts speak of unfinished or future work
 * (the notice checker's CLAIM_CONTRADICTED run over the ledger), and closed measures without evidence.
 * Returns finding id → flags (findings without flags are omitted).
 */
export function flagLedgerFindings(snapshot: LedgerSnapshot, today: string): Record<string, LedgerFlag[]> {
  const problems: ParsedProblem[] = snapshot.findings.map((finding, index) => ({
    number: finding.number,
    seq: index + 1,
    title: finding.title,
    subPoints: finding.subPoints,
    status: toParsedStatus(finding.status),
    statusText: null,
    hasPlan: !!finding.planText,
    progressText: progressOf(finding),
    planText: null,
    moneyAmounts: [],
    docRefs: [],
  }));
  const notice: ParsedNotice = {
    schemaVersion: 1,
    issuer: null,
    title: null,
    inspection: { by: null, level: null, start: null, end: null, feedbackDate: snapshot.inspection.feedbackDate },
    publishedDate: snapshot.asOf,
    publicPeriod: null,
    contacts: { phones: [], emails: [], postal: [] },
    claimedSummary: {},
    sections: [],
    categories: [{ label: null, problems }],
    findings: [],
  };
  const contradicted = new Set(
    checkNotice(notice)
      .filter((f) => f.code === "CLAIM_CONTRADICTED")
      .flatMap((f) => f.problemSeqs ?? []),
  );
  const flags: Record<string, LedgerFlag[]> = {};
  snapshot.findings.forEach((finding, index) => {
    const list: LedgerFlag[] = [];
    if (finding.measures.some((m) => isOverdue(m.status, m.dueDate, today))) list.push("OVERDUE");
    if (finding.measures.length === 0) list.push("NO_MEASURES");
    if (finding.measures.some((m) => !m.department || !m.owner || (m.kind !== "long_term" && !m.dueDate))) list.push("INCOMPLETE_RESPONSIBILITY");
    if (isCompletedStatus(finding.status) && contradicted.has(index + 1)) list.push("CLAIM_CONTRADICTED");
    if (finding.measures.some((m) => isCompletedStatus(m.status) && m.evidenceCount === 0)) list.push("NO_EVIDENCE");
    if (list.length) flags[finding.id] = list;
  });
  return flags;
}
