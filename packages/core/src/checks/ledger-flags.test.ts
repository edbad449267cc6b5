import { describe, expect, it } from "vitest";
import type { LedgerSnapshot, SnapshotFinding, SnapshotMeasure } from "../reports/ledger-snapshot.ts";
import { flagLedgerFindings } from "./ledger-flags.ts";

function measure(overrides: Partial<SnapshotMeasure>): SnapshotMeasure {
  return { id: "m", seq: 1, text: "措施", kind: "deadline", leader: "甲", department: "一股", owner: "乙", dueDate: "2026-12-31", status: "in_progress", progress: null, evidenceCount: 1, note: null, ...overrides };
}

function finding(id: string, overrides: Partial<SnapshotFinding>): SnapshotFinding {
  return { id, seq: 1, number: id, category: null, title: `问题${id}`, subPoints: [], source: "feedback", status: "in_progress", leadLeader: null, leadDepartment: null, dueDate: null, progressText: null, planText: null, measures: [measure({})], ...overrides };
}

function snapshot(findings: SnapshotFinding[]): LedgerSnapshot {
  return {
    org: { id: "1", name: "测试单位", partyOrgName: null },
    inspection: { id: "1", name: "测试轮次", kind: "regular", groupName: null, level: null, startDate: null, endDate: null, feedbackDate: "2026-01-10" },
    asOf: "2026-07-01",
    findings,
    registers: { rules: [], accountability: [], recoveries: [], petitions: { total: 0, closed: 0 }, leads: { total: 0, transferred: 0, closed: 0 } },
  } as unknown as LedgerSnapshot;
}

describe("flagLedgerFindings", () => {
  it("flags overdue, missing measures, incomplete responsibility, contradicted completion and missing evidence", () => {
    const flags = flagLedgerFindings(
      snapshot([
        finding("1", { measures: [measure({ dueDate: "2026-06-01" })] }),
        finding("2", { measures: [] }),
        finding("3", { measures: [measure({ owner: null })] }),
        finding("4", { status: "completed", progressText: "已修订制度，力争年底前完成全部整改。", measures: [measure({ status: "completed" })] }),
        finding("5", { status: "completed", measures: [measure({ status: "completed", evidenceCount: 0 })] }),
        finding("6", { status: "completed", progressText: "已修订并印发管理办法。", measures: [measure({ status: "completed" })] }),
        finding("7", { measures: [measure({ kind: "long_term", dueDate: null })] }),
      ]),
      "2026-07-01",
    );
    expect(flags).toEqual({
      "1": ["OVERDUE"],
      "2": ["NO_MEASURES"],
      "3": ["INCOMPLETE_RESPONSIBILITY"],
      "4": ["CLAIM_CONTRADICTED"],
      "5": ["NO_EVIDENCE"],
    });
  });
});
