import type { AccountabilityKind, FindingSource, InspectionKind, MeasureKind, RecoveryKind } from "../domain/kinds.ts";
import type { Status } from "../domain/status.ts";

/** A measure as it stands in a ledger snapshot. */
export interface SnapshotMeasure {
  id: string;
  seq: number;
  text: string;
  kind: MeasureKind;
  leader: string | null;
  department: string | null;
  owner: string | null;
  dueDate: string | null;
  status: Status;
  /** Latest progress report text, if any. */
  progress: string | null;
  evidenceCount: number;
  note: string | null;
  /** Due date first set (原定时限) when an approved extension moved it; absent or equal otherwise. */
  originalDueDate?: string | null;
}

/** A finding (反馈问题) with its measures. */
export interface SnapshotFinding {
  id: string;
  seq: number;
  /** Number as written, e.g. "1" or "问题一". */
  number: string;
  category: string | null;
  title: string;
  subPoints: string[];
  source: FindingSource;
  status: Status;
  leadLeader: string | null;
  leadDepartment: string | null;
  dueDate: string | null;
  /** 整改情况 text shown in notices. */
  progressText: string | null;
  /** 整改计划 text shown in notices for items not completed. */
  planText: string | null;
  measures: SnapshotMeasure[];
}

/** Outcome registers counted in notices. */
export interface SnapshotRegisters {
  rules: { title: string; docNumber: string | null; issuedDate: string | null }[];
  accountability: { kind: AccountabilityKind; personName: string | null; date: string | null }[];
  recoveries: { kind: RecoveryKind; amountFen: number; note: string | null }[];
  petitions: { total: number; closed: number };
  leads: { total: number; transferred: number; closed: number };
}

/** Everything a notice, report or ledger export needs about one inspection round, at one moment. */
export interface LedgerSnapshot {
  /** The inspected unit. */
  org: { id: string; name: string; partyOrgName: string | null };
  inspection: {
    id: string;
    name: string;
    kind: InspectionKind;
    /** Inspection group, e.g. 市委第一巡察组. */
    groupName: string | null;
    /** e.g. 市委 / 区委 / 县委 / 省委. */
    level: string | null;
    startDate: string | null;
    endDate: string | null;
    feedbackDate: string | null;
    feedbackDocNumbers: string[];
  };
  /** Date (YYYY-MM-DD, Asia/Shanghai) the snapshot was taken. */
  asOf: string;
  findings: SnapshotFinding[];
  registers: SnapshotRegisters;
}
