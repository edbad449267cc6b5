import type { SnapshotFinding } from "@zhenggai/core";

/**
 * The parts of a ledger the Excel sheet carries, for round-trip comparisons. A dated 立行立改
 * measure prints as its date (the sheet has no column for the kind); evidence files are not in a
 * sheet, only their count, which a database import cannot restore.
 */
export function comparableLedger(findings: readonly SnapshotFinding[], options: { withEvidenceCount: boolean }) {
  return findings.map((finding) => ({
    number: finding.number,
    category: finding.category,
    title: finding.title,
    subPoints: finding.subPoints,
    status: finding.status,
    measures: finding.measures.map((measure) => ({
      text: measure.text,
      kind: measure.kind === "immediate" && measure.dueDate !== null ? "deadline" : measure.kind,
      leader: measure.leader,
      department: measure.department,
      owner: measure.owner,
      dueDate: measure.dueDate,
      status: measure.status,
      progress: measure.progress,
      ...(options.withEvidenceCount ? { evidenceCount: measure.evidenceCount } : {}),
      note: measure.note,
    })),
  }));
}
