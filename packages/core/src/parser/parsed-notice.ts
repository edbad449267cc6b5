/**
 * The parse contract: what `zhenggai parse FILE --json` prints.
 * Mirrors ../shared/contracts/notice.schema.json (schemaVersion 1) field for field.
 */

/** YYYY-MM-DD, YYYY-MM or YYYY; null when the text gives no readable date. */
export type PartialDate = string | null;

/** Status codes a parsed problem may carry (null when the notice states none). */
export type ParsedStatus =
  | "completed"
  | "completed_long_term"
  | "phased"
  | "in_progress"
  | "not_completed";

/** Codes of the consistency checker's findings. */
export type CheckFindingCode =
  | "COUNT_MISMATCH"
  | "NUMBERING_DUPLICATE"
  | "NUMBERING_GAP"
  | "STATUS_MISSING"
  | "CLAIM_CONTRADICTED"
  | "DATE_AFTER_PUBLICATION"
  | "DUPLICATE_TEXT"
  | "OUT_OF_ORDER"
  | "ISSUER_MISMATCH"
  | "MISSING_DISCLOSURE"
  | "NO_CONCRETE_EVIDENCE";

/** Severity of a checker finding. */
export type CheckSeverity = "error" | "warning" | "info";

/** One thing the consistency checker found in a notice. */
export interface CheckFinding {
  code: CheckFindingCode;
  severity: CheckSeverity;
  /** Chinese message for the user. */
  message: string;
  problemSeqs?: number[];
  /** The words in the text that triggered it. */
  evidence?: string;
}

/** One problem (反馈问题) as the notice prints it. */
export interface ParsedProblem {
  number: string;
  seq: number;
  title: string;
  subPoints: string[];
  status: ParsedStatus | null;
  statusText: string | null;
  hasPlan: boolean;
  progressText?: string;
  planText?: string | null;
  moneyAmounts: string[];
  docRefs: string[];
}

/** A category (方面) grouping problems; label null when the notice has no category level. */
export interface ParsedCategory {
  label: string | null;
  problems: ParsedProblem[];
}

/** Money refunded or recovered, as claimed. */
export interface ClaimedFunds {
  yuan: number;
  text: string;
  label?: string;
}

/** Aggregate figures the notice itself claims; only keys the text states. */
export interface ClaimedSummary {
  asOf?: string;
  problemsTotal?: number;
  completed?: number;
  phased?: number;
  inProgress?: number;
  notCompleted?: number;
  longTerm?: number;
  completionRate?: number;
  measuresTotal?: number;
  rulesMade?: number;
  immediateFix?: { total?: number; completed?: number; notices?: number };
  petitions?: { total?: number; closed?: number };
  clues?: { total?: number; transferred?: number; closed?: number; filed?: number; people?: number };
  accountability?: { total?: number; byType?: Record<string, number> };
  categories?: number;
  aspects?: number;
  specificProblems?: number;
  allRectified?: boolean;
  quotes?: string[];
  funds?: ClaimedFunds[];
}

/** The whole parsed notice. */
export interface ParsedNotice {
  schemaVersion: 1;
  source?: { file?: string; format?: "txt" | "md" | "docx" | "pdf" | "html" };
  issuer: string | null;
  title: string | null;
  inspection: {
    by: string | null;
    level: string | null;
    start: PartialDate;
    end: PartialDate;
    feedbackDate: PartialDate;
  };
  publishedDate: PartialDate;
  publicPeriod: { start: PartialDate; end: PartialDate } | null;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  claimedSummary: ClaimedSummary;
  sections: string[];
  categories: ParsedCategory[];
  findings: CheckFinding[];
}
