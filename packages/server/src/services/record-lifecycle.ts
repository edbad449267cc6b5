// The rules of what may be changed, voided (作废) or deleted: evidence is proof in discipline matters,
// so a record holding evidence, progress, sign-offs, registers or notices is never deleted, and a
// signed record is never changed in place.
import { checkDueDate, FIELD_LIMITS, isCompletedStatus, type MeasureKind } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { countHoldings, type Holdings, type HoldingsScope } from "../repositories/holdings.repository.ts";
import type { FindingRow, InspectionRow, MeasureRow } from "../repositories/ledger.repository.ts";
import { findRowById } from "../repositories/sql.ts";
import { ensure, ensureNoProblems, found } from "./validation.ts";

const HOLDING_WORDS: Record<keyof Holdings, string> = {
  evidence: "份佐证材料",
  progress: "条整改进展",
  closures: "次销号申请",
  reviews: "次回头看记录",
  registers: "条登记（建章立制、问责、清退追缴等）",
  notices: "份通报",
  directives: "份督办单",
  extensions: "次延期申请",
  interviews: "条约谈记录",
};

/** Lists what a record holds in Chinese ("2份佐证材料、1份通报"); empty when it holds nothing. */
export function describeHoldings(holdings: Holdings): string {
  return (Object.keys(HOLDING_WORDS) as (keyof Holdings)[])
    .filter((key) => holdings[key] > 0)
    .map((key) => `${holdings[key]}${HOLDING_WORDS[key]}`)
    .join("、");
}

/**
 * Refuses (409) to delete a record that holds anything: deletion is only for empty records; the
 * others are voided or, for a round, archived.
 */
export async function ensureDeletable(q: Queryable, scope: HoldingsScope, what: string, instead: string): Promise<void> {
  const held = describeHoldings(await countHoldings(q, scope));
  if (held) {
    throw new AppError("CONFLICT", `该${what}已有${held}，不能删除，只能${instead}。删除仅适用于没有任何材料的空记录。`, { refusal: "HAS_RECORDS" });
  }
}

/** Checks a void (作废) reason: required, at most FIELD_LIMITS.reason characters. */
export function readReason(reason: string | undefined, action = "作废"): string {
  const text = reason?.trim() ?? "";
  ensure(text.length > 0, `请填写${action}原因。`);
  ensure(text.length <= FIELD_LIMITS.reason, `${action}原因最多 ${FIELD_LIMITS.reason} 个字。`);
  return text;
}

/** Refuses to change a voided record. */
export function ensureNotVoided(record: { voidedAt?: string | null }, what: string): void {
  if (record.voidedAt) throw new AppError("CONFLICT", `该${what}已作废，不能再修改。`, { refusal: "VOIDED" });
}

/** Refuses to write in an archived round (the database refuses too; this gives the reason first). */
export function ensureRoundOpen(round: Pick<InspectionRow, "archivedAt">): void {
  if (round.archivedAt) throw new AppError("CONFLICT", ARCHIVED_MESSAGE, { refusal: "ARCHIVED" });
}

/** What users read when they try to change an archived round. */
export const ARCHIVED_MESSAGE = "该巡察轮次已归档，只能查看，不能修改；如需修改，请先取消归档。";

/**
 * A measure is open while it is not signed off and no sign-off is pending: only then are the
 * measure, its progress and its evidence edited or voided in place.
 */
export async function ensureMeasureOpen(q: Queryable, measure: Pick<MeasureRow, "id" | "status"> & { voidedAt?: string | null }, what = "整改措施"): Promise<void> {
  ensureNotVoided(measure, "整改措施");
  if (isCompletedStatus(measure.status)) {
    throw new AppError("CONFLICT", `该措施已签字销号，${what}不能直接修改或作废；如需更正，请新增一条更正记录。`, { refusal: "SIGNED" });
  }
  const pending = await q.query("select 1 from closures where measure_id = $1 and state = 'pending'", [measure.id]);
  if (pending.length > 0) {
    throw new AppError("CONFLICT", `该措施的销号申请正在签字确认中，${what}不能修改或作废；请先撤回销号申请。`, { refusal: "SIGNOFF_PENDING" });
  }
}

/**
 * True when a record of a measure (progress report, evidence) was created before a sign-off that
 * was approved: it underpins a signed decision and is corrected, never changed.
 */
export async function isUnderSignedClosure(q: Queryable, measureId: number, createdAt: string): Promise<boolean> {
  const rows = await q.query(
    "select 1 from closures where measure_id = $1 and state = 'approved' and submitted_at >= $2::timestamptz limit 1",
    [measureId, createdAt],
  );
  return rows.length > 0;
}

/** Loads the finding and round a measure is written under, refusing a voided finding or an archived round. */
export async function loadOpenFinding(q: Queryable, findingId: number): Promise<{ finding: FindingRow; inspection: InspectionRow }> {
  const finding = found(await findRowById<FindingRow>(q, "findings", findingId), "问题");
  ensureNotVoided(finding, "问题");
  const inspection = found(await findRowById<InspectionRow>(q, "inspections", finding.inspectionId), "巡察轮次");
  ensureRoundOpen(inspection);
  return { finding, inspection };
}

/** Refuses a measure's due date before the round's feedback, unless the measure or its finding is 立行立改. */
export function ensureMeasureDueDate(context: { finding: FindingRow; inspection: InspectionRow }, measure: { dueDate?: string | null; kind?: MeasureKind }): void {
  const isImmediate = measure.kind === "immediate" || context.finding.source === "immediate";
  ensureNoProblems(checkDueDate({ dueDate: measure.dueDate, feedbackDate: context.inspection.feedbackDate, isImmediate }));
}
