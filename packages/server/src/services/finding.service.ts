import { checkDueDate, FINDING_FIELD_LABELS, flagLedgerFindings, isCompletedStatus, labelStatus, rollupFindingStatus, STATUSES, type FindingSource, type LedgerFlag, type LedgerSnapshot, type RegisterField, type Status } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import {
  listFindings,
  listMeasuresOfFinding,
  nextFindingSeq,
  setFindingStatus,
  type FindingRow,
  type InspectionRow,
  type LedgerFilter,
  type MeasureRow,
} from "../repositories/ledger.repository.ts";
import { isInSubtree } from "../repositories/org.repository.ts";
import { deleteRowById, findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import { listAuditEntries, type AuditEntry } from "../repositories/audit.repository.ts";
import { AppError } from "../errors.ts";
import { writeRegisterWorkbook } from "../exports/xlsx/register-writer.ts";
import { AccessScope, type Actor } from "./access.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import { ensureDeletable, ensureNotVoided, ensureRoundOpen, readReason } from "./record-lifecycle.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, ensureNoProblems, found, staleVersion } from "./validation.ts";

/** Editable fields of a finding. */
export interface FindingInput {
  number?: string;
  category?: string | null;
  title: string;
  subPoints?: string[];
  source?: FindingSource;
  leadLeader?: string | null;
  leadDepartmentId?: number | null;
  dueDate?: string | null;
  progressText?: string | null;
  planText?: string | null;
}

/** Ensures a department belongs to the unit whose ledger it is used in. */
export async function ensureDepartmentOfUnit(q: Queryable, unitId: number, departmentId: number | null | undefined): Promise<void> {
  if (departmentId === null || departmentId === undefined) return;
  ensure(await isInSubtree(q, unitId, departmentId), "责任部门须是本单位的下属部门");
}

/** Recomputes a finding's status from its measures (only when it has any). */
export async function rollupFinding(q: Queryable, findingId: number): Promise<Status | null> {
  const measures = await listMeasuresOfFinding(q, findingId);
  if (measures.length === 0) return null;
  const status = rollupFindingStatus(measures.map((m) => m.status));
  await setFindingStatus(q, findingId, status);
  return status;
}

/**
 * The round's ledger as the actor may read it: whole for the unit's readers, only their own
 * departments' measures for department staff, so flags reveal nothing about other departments.
 */
async function visibleSnapshot(q: Queryable, scope: AccessScope, inspection: InspectionRow, today: string): Promise<LedgerSnapshot> {
  const snapshot = await buildLedgerSnapshot(q, inspection, today);
  if (scope.can("read", [inspection.orgId])) return snapshot;
  const rows = await q.query<{ id: number }>(
    "select m.id from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1 and m.department_id = any($2::bigint[])",
    [inspection.id, scope.visibleOrgIds()],
  );
  const visible = new Set(rows.map((row) => String(row.id)));
  return { ...snapshot, findings: snapshot.findings.map((finding) => ({ ...finding, measures: finding.measures.filter((m) => visible.has(m.id)) })) };
}

/** Findings (反馈问题) of a round's ledger. */
export class FindingService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.today = today;
  }

  /**
   * Lists findings with the ledger filters. Within one round each finding also carries its checker
   * flags (overdue, no measures, incomplete responsibility, contradicted completion, no evidence),
   * which can be filtered on.
   */
  async listFindings(
    actor: Actor,
    filter: Omit<LedgerFilter, "visibleOrgIds" | "overdueOn" | "findingIds"> & { isOverdue?: boolean; flag?: LedgerFlag },
  ): Promise<Page<FindingRow & { measureCount: number; leadDepartmentName: string | null; flags: LedgerFlag[] }>> {
    const scope = await AccessScope.load(this.db, actor);
    const { isOverdue, flag, ...rest } = filter;
    let flags: Record<string, LedgerFlag[]> = {};
    if (filter.inspectionId) {
      const inspection = await findRowById<InspectionRow>(this.db, "inspections", filter.inspectionId);
      if (inspection) flags = flagLedgerFindings(await visibleSnapshot(this.db, scope, inspection, this.today()), this.today());
    }
    const findingIds = flag ? Object.entries(flags).filter(([, list]) => list.includes(flag)).map(([id]) => Number(id)) : undefined;
    const page = await listFindings(this.db, {
      ...rest,
      findingIds,
      visibleOrgIds: scope.visibleOrgIds(),
      overdueOn: isOverdue ? this.today() : undefined,
    });
    return { ...page, items: page.items.map((item) => ({ ...item, flags: flags[String(item.id)] ?? [] })) };
  }

  /** Reads a finding with its measures (voided ones included, marked), and what the actor may do with it. */
  async getFinding(actor: Actor, id: number): Promise<FindingRow & { measures: MeasureRow[]; isSigned: boolean; canManage: boolean }> {
    const scope = await AccessScope.load(this.db, actor);
    const finding = found(await findRowById<FindingRow>(this.db, "findings", id), "问题");
    const measures = await listMeasuresOfFinding(this.db, id, { includeVoided: true });
    const orgIds = [finding.orgId, finding.leadDepartmentId, ...measures.map((m) => m.departmentId)];
    scope.require("read", orgIds, "问题");
    // Department staff see the finding through their own measures only, not other departments'.
    const visible = scope.can("read", [finding.orgId]) ? measures : measures.filter((m) => scope.can("read", [m.departmentId]));
    return { ...finding, measures: visible, isSigned: isSigned(measures), canManage: scope.can("manage_ledger", [finding.orgId]) };
  }

  /** The finding's history: every change and void, newest first. */
  async getFindingHistory(actor: Actor, id: number): Promise<AuditEntry[]> {
    const finding = await this.getFinding(actor, id);
    const scope = await AccessScope.load(this.db, actor);
    const page = await listAuditEntries(this.db, { orgIds: scope.visibleOrgIds(), entity: "finding", entityId: String(finding.id), page: 1, pageSize: 200 });
    return page.items;
  }

  /** Adds a finding to a round. */
  async createFinding(actor: Actor, inspectionId: number, input: FindingInput): Promise<FindingRow> {
    ensure(input.title?.trim(), "请填写问题标题");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", inspectionId), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [inspection.orgId], "巡察轮次");
      ensureRoundOpen(inspection);
      ensureNoProblems(checkDueDate({ dueDate: input.dueDate, feedbackDate: inspection.feedbackDate, isImmediate: input.source === "immediate" }));
      await ensureDepartmentOfUnit(tx, inspection.orgId, input.leadDepartmentId);
      const seq = await nextFindingSeq(tx, inspectionId);
      const row = await insertRow<FindingRow>(tx, "findings", {
        values: {
          ...input,
          inspectionId,
          orgId: inspection.orgId,
          seq,
          number: input.number?.trim() || String(seq),
          title: input.title.trim(),
          subPoints: input.subPoints ?? [],
        },
        jsonFields: ["subPoints"],
      });
      await audit({ action: "create", entity: "finding", entityId: row.id, orgId: row.orgId, after: row });
      return row;
    });
  }

  /** Updates a finding (optimistic concurrency on `version`); status is derived and not editable here. */
  async updateFinding(actor: Actor, id: number, input: Partial<FindingInput> & { version: number }): Promise<FindingRow> {
    if (input.title !== undefined) ensure(input.title.trim(), "请填写问题标题");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<FindingRow>(tx, "findings", id, true), "问题");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "问题");
      ensureNotVoided(before, "问题");
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", before.inspectionId), "巡察轮次");
      ensureRoundOpen(inspection);
      const { version, ...values } = input;
      if (isSigned(await listMeasuresOfFinding(tx, id))) {
        // Signed facts are not rewritten: what the problem was stays; the texts the notice prints may still be written.
        const locked = (Object.keys(values) as (keyof FindingInput)[]).filter(
          (key) => values[key] !== undefined && !SUMMARY_FIELDS.includes(key) && JSON.stringify(key === "title" ? values.title?.trim() : values[key]) !== JSON.stringify(before[key as keyof FindingRow]),
        );
        if (locked.length > 0) {
          throw new AppError("CONFLICT", `该问题已有整改措施签字销号，${locked.map((k) => FINDING_LABELS[k]).join("、")}不能直接修改；整改情况和整改计划仍可填写。`, { refusal: "SIGNED", fields: locked });
        }
      }
      // Dates already stored (an imported ledger's, say) are checked when they or the source change.
      if ((values.dueDate !== undefined && values.dueDate !== before.dueDate) || (values.source !== undefined && values.source !== before.source)) {
        ensureNoProblems(checkDueDate({ dueDate: values.dueDate === undefined ? before.dueDate : values.dueDate, feedbackDate: inspection.feedbackDate, isImmediate: (values.source ?? before.source) === "immediate" }));
      }
      await ensureDepartmentOfUnit(tx, before.orgId, input.leadDepartmentId);
      const after = await updateRowVersioned<FindingRow>(tx, "findings", id, version, {
        values: { ...values, title: values.title?.trim() },
        jsonFields: ["subPoints"],
      });
      if (!after) staleVersion("问题");
      await audit({ action: "update", entity: "finding", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** The round's 立行立改 items (findings fixed on the spot) as an Excel workbook, voided ones marked. */
  async exportImmediateFixes(actor: Actor, inspectionId: number): Promise<{ fileName: string; bytes: Uint8Array }> {
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    (await AccessScope.load(this.db, actor)).require("read", [inspection.orgId], "巡察轮次");
    const page = await listFindings(this.db, { visibleOrgIds: [inspection.orgId], inspectionId, isImmediate: true, includeVoided: true, page: 1, pageSize: 10_000 });
    const bytes = await writeRegisterWorkbook({ title: `${inspection.name}立行立改事项登记表`, sheetName: "立行立改", fields: IMMEDIATE_FIX_COLUMNS, rows: page.items, findings: [] });
    return { fileName: `立行立改事项登记表-${inspection.name}.xlsx`, bytes };
  }

  /**
   * Voids a finding (作废) with a reason: it keeps its content and history but leaves the ledger's
   * figures. Refused once any of its measures is signed off or awaiting sign-off.
   */
  async voidFinding(actor: Actor, id: number, input: { version: number; reason: string }): Promise<FindingRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<FindingRow>(tx, "findings", id, true), "问题");
      (await AccessScope.load(tx, actor)).require("manage_ledger", [before.orgId], "问题");
      ensureNotVoided(before, "问题");
      const measures = await listMeasuresOfFinding(tx, id);
      if (isSigned(measures)) throw new AppError("CONFLICT", "该问题已有整改措施签字销号，不能作废。", { refusal: "SIGNED" });
      const pending = await tx.query("select 1 from closures c join measures m on m.id = c.measure_id where m.finding_id = $1 and c.state = 'pending'", [id]);
      if (pending.length > 0) throw new AppError("CONFLICT", "该问题有整改措施正在签字确认中，不能作废；请先撤回销号申请。", { refusal: "SIGNOFF_PENDING" });
      const after = await updateRowVersioned<FindingRow>(tx, "findings", id, input.version, { values: { voidedAt: new Date().toISOString(), voidedBy: actor.userId, voidReason: reason } });
      if (!after) staleVersion("问题");
      await audit({ action: "void", entity: "finding", entityId: id, orgId: before.orgId, before: { voidedAt: null }, after: { voidedAt: after.voidedAt, reason } });
      return after;
    });
  }

  /**
   * Deletes an empty finding with its empty measures (each audited). A finding whose measures hold
   * evidence, progress or sign-offs, or that registers point to, is refused (409): void it instead.
   */
  async deleteFinding(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<FindingRow>(tx, "findings", id, true), "问题");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "问题");
      if (before.version !== version) staleVersion("问题");
      await ensureDeletable(tx, { findingId: id }, "问题", "作废");
      for (const measure of await listMeasuresOfFinding(tx, id, { includeVoided: true })) {
        await deleteRowById(tx, "measures", measure.id);
        await audit({ action: "delete", entity: "measure", entityId: measure.id, orgId: measure.departmentId ?? measure.orgId, before: measure });
      }
      await deleteRowById(tx, "findings", id);
      await audit({ action: "delete", entity: "finding", entityId: id, orgId: before.orgId, before });
    });
  }
}

// Columns of the 立行立改 register's spreadsheet.
const IMMEDIATE_FIX_COLUMNS: Readonly<Record<string, RegisterField>> = {
  number: { type: "text", label: "编号" },
  category: { type: "text", label: "问题方面" },
  title: { type: "text", label: "问题", isMultiline: true },
  dueDate: { type: "date", label: "完成时限" },
  status: { type: "choice", label: "整改状态", choices: STATUSES.map((s) => ({ value: s, label: labelStatus(s) })) },
  measureCount: { type: "integer", label: "整改措施数" },
  progressText: { type: "text", label: "整改情况", isMultiline: true },
};

// Texts a notice prints for a finding (整改情况, 整改计划): written after sign-off too.
const SUMMARY_FIELDS: readonly (keyof FindingInput)[] = ["progressText", "planText"];

// Every editable field has a label for messages (a new field without one fails the type check).
const FINDING_LABELS: Record<keyof FindingInput, string> = FINDING_FIELD_LABELS;

/** True when any live measure of the finding is signed off (completed). */
function isSigned(measures: readonly MeasureRow[]): boolean {
  return measures.some((measure) => !measure.voidedAt && isCompletedStatus(measure.status));
}
