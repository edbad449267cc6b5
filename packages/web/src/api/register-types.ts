// Shapes of the answers about registers, voiding, archiving and the publishing gate.
import type { RegisterSummary } from "@zhenggai/core";
import type { Finding, Measure, Page } from "./types.ts";

export type { RegisterSummary } from "@zhenggai/core";

/** A register record: its fields by name, plus the common columns. */
export type RegisterRecord = Record<string, unknown> & {
  id: number;
  orgId: number;
  inspectionId: number | null;
  version: number;
  voidedAt?: string | null;
  voidReason?: string | null;
};

/** GET /api/{register}: a page of records with the totals. */
export type RegisterPage = Page<RegisterRecord> & { summary: RegisterSummary };

/** GET /api/findings/:id: the finding with its measures (voided ones marked). */
export type FindingDetail = Finding & { measures: Measure[]; isSigned: boolean; canManage: boolean };

/** Who acknowledged a warning of a notice's check, and when. */
export interface NoticeAcknowledgement {
  warningKey: string;
  code: string;
  message: string;
  note: string | null;
  acknowledgedByName: string;
  acknowledgedAt: string;
}

/** One item of a notice's check: an error blocks approval; a warning must be acknowledged first. */
export interface NoticeCheckWarning {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  evidence?: string;
  findingNumbers?: string[];
  key?: string;
  needsAcknowledgement?: boolean;
  acknowledgement?: NoticeAcknowledgement | null;
}
