import type { EvidenceCategory, Status } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** Columns of a record voided (作废) and edited in place while its measure is open. */
interface VoidableRecord {
  voidedAt: string | null;
  voidedBy: number | null;
  voidedByName?: string | null;
  voidReason: string | null;
  version: number;
  updatedAt: string;
}

/** A progress report (整改进展) as stored. */
export interface ProgressReportRow extends VoidableRecord {
  id: number;
  measureId: number;
  orgId: number;
  reportDate: string;
  text: string;
  figures: Record<string, number>;
  authorId: number | null;
  authorName?: string | null;
  createdAt: string;
  /** The report this one corrects (a signed report is corrected by a new one, never edited). */
  correctsId: number | null;
}

/** An evidence item (佐证材料) as stored. */
export interface EvidenceRow extends VoidableRecord {
  id: number;
  measureId: number;
  orgId: number;
  sha256: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  effectiveDate: string | null;
  description: string | null;
  uploadedBy: number | null;
  uploaderName?: string | null;
  createdAt: string;
  category: EvidenceCategory;
  correctsId: number | null;
}

/** A closure (销号申请) as stored. */
export interface ClosureRow {
  id: number;
  measureId: number;
  orgId: number;
  targetStatus: Extract<Status, "completed" | "completed_long_term">;
  state: "pending" | "approved" | "returned" | "withdrawn";
  chain: { role: string; label: string; assigneeId?: string | null; assigneeName?: string | null }[];
  note: string | null;
  submittedBy: number;
  submittedAt: string;
  decidedAt: string | null;
  /** Set when a 回头看 rebound reopened the measure after this closure was approved; the sign-off stays as it was. */
  reopenedAt: string | null;
  reopenReviewId: number | null;
}

/** One decision on a closure. */
export interface ClosureDecisionRow {
  id: number;
  closureId: number;
  stepIndex: number;
  userId: number;
  userName?: string;
  decision: "approved" | "returned";
  /** 审核意见 of the decision (required to return, "同意" by default to approve). */
  reason: string | null;
  /** The assignee this decision was signed for (代签), null when signed in person. */
  onBehalfOf: number | null;
  onBehalfOfName?: string | null;
  decidedAt: string;
}

/** A 回头看 review as stored. */
export interface ReviewRow {
  id: number;
  measureId: number;
  orgId: number;
  reviewDate: string;
  outcome: "confirmed" | "rebound";
  /** 自查 by the unit itself or 督查 by a supervisor (巡察办 / 纪检监察组). */
  kind: "self" | "supervision";
  /** The new due date a rebound set. */
  newDueDate: string | null;
  note: string | null;
  reviewedBy: number | null;
  reviewerName?: string | null;
  createdAt: string;
}

/** Progress reports of a measure (voided ones too, marked), newest first, with author names. */
export async function listProgressReports(q: Queryable, measureId: number): Promise<ProgressReportRow[]> {
  const rows = await q.query(
    `select p.*, u.display_name as author_name, v.display_name as voided_by_name from progress_reports p
       left join users u on u.id = p.author_id left join users v on v.id = p.voided_by
      where p.measure_id = $1 order by p.report_date desc, p.id desc`,
    [measureId],
  );
  return rows.map((r) => camelizeRow<ProgressReportRow>(r));
}

/** Evidence of a measure (voided items too, marked), newest first. */
export async function listEvidence(q: Queryable, measureId: number): Promise<EvidenceRow[]> {
  const rows = await q.query(
    `select e.*, u.display_name as uploader_name, v.display_name as voided_by_name from evidence e
       left join users u on u.id = e.uploaded_by left join users v on v.id = e.voided_by
      where e.measure_id = $1 order by e.id desc`,
    [measureId],
  );
  return rows.map((r) => camelizeRow<EvidenceRow>(r));
}

/** Closures of a measure with their decisions, newest first. */
export async function listClosures(q: Queryable, measureId: number): Promise<(ClosureRow & { submitterName: string; decisions: ClosureDecisionRow[] })[]> {
  const closures = (
    await q.query(
      `select c.*, u.display_name as submitter_name from closures c join users u on u.id = c.submitted_by
        where c.measure_id = $1 order by c.id desc`,
      [measureId],
    )
  ).map((r) => camelizeRow<ClosureRow & { submitterName: string }>(r));
  const decisions = await listDecisions(q, closures.map((c) => c.id));
  return closures.map((c) => ({ ...c, decisions: decisions.filter((d) => d.closureId === c.id) }));
}

/** Decisions of some closures, in order. */
export async function listDecisions(q: Queryable, closureIds: number[]): Promise<ClosureDecisionRow[]> {
  if (closureIds.length === 0) return [];
  const rows = await q.query(
    `select d.*, u.display_name as user_name, b.display_name as on_behalf_of_name
       from closure_decisions d join users u on u.id = d.user_id left join users b on b.id = d.on_behalf_of
      where d.closure_id = any($1::bigint[]) order by d.id`,
    [closureIds],
  );
  return rows.map((r) => camelizeRow<ClosureDecisionRow>(r));
}

/** Reviews of a measure, newest first. */
export async function listReviews(q: Queryable, measureId: number): Promise<ReviewRow[]> {
  const rows = await q.query(
    `select r.*, u.display_name as reviewer_name from reviews r left join users u on u.id = r.reviewed_by
      where r.measure_id = $1 order by r.review_date desc, r.id desc`,
    [measureId],
  );
  return rows.map((r) => camelizeRow<ReviewRow>(r));
}

/** Pending closures whose next step the given roles could decide, within visible orgs. */
export async function listPendingClosures(
  q: Queryable,
  visibleOrgIds: number[],
): Promise<(ClosureRow & { measureText: string; findingTitle: string; inspectionId: number; departmentId: number | null; approvals: number; submitterName: string })[]> {
  const rows = await q.query(
    `select c.*, m.text as measure_text, f.title as finding_title, f.inspection_id, m.department_id,
            u.display_name as submitter_name,
            (select count(*) from closure_decisions d where d.closure_id = c.id and d.decision = 'approved') as approvals
       from closures c join measures m on m.id = c.measure_id join findings f on f.id = m.finding_id
       join users u on u.id = c.submitted_by
      where c.state = 'pending' and (m.org_id = any($1::bigint[]) or m.department_id = any($1::bigint[]))
      order by c.submitted_at`,
    [visibleOrgIds],
  );
  return rows.map((r) => camelizeRow(r));
}
