import { checkTransition, defaultClockRules, FIELD_LIMITS, isEvidenceCategory, type ClockRules, type DeadlineLight, type EvidenceCategory, type MeasureKind, type Status } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { ensureContentMatchesExtension } from "../files/content-sniffing.ts";
import { FileStore } from "../files/file-store.ts";
import {
  countEvidence,
  listMeasures,
  nextMeasureSeq,
  type FindingRow,
  type LedgerFilter,
  type MeasureListItem,
  type MeasureRow,
} from "../repositories/ledger.repository.ts";
import { listAuditEntries, type AuditEntry } from "../repositories/audit.repository.ts";
import { deleteRowById, findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import {
  listClosures,
  listEvidence,
  listProgressReports,
  listReviews,
  type EvidenceRow,
  type ProgressReportRow,
} from "../repositories/workflow.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { defaultDueDateFor, LightBook } from "./clock.service.ts";
import { ensureDepartmentOfUnit, rollupFinding } from "./finding.service.ts";
import { notifyMeasureAssigned } from "./notification-events.ts";
import { ensureDeletable, ensureMeasureDueDate, ensureMeasureOpen, ensureNotVoided, loadOpenFinding } from "./record-lifecycle.ts";
import { resolveMeasurePeople } from "./people.service.ts";
import type { AuditFn } from "./transaction.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

/** Editable fields of a measure (owner triple, deadline, kind). */
export interface MeasureInput {
  text: string;
  kind?: MeasureKind;
  leaderName?: string | null;
  leaderUserId?: number | null;
  departmentId?: number | null;
  ownerName?: string | null;
  ownerUserId?: number | null;
  dueDate?: string | null;
  note?: string | null;
}

/** Evidence upload metadata. */
export interface EvidenceInput {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  effectiveDate?: string | null;
  description?: string | null;
  category?: EvidenceCategory;
}

/** Upload types accepted as evidence: documents, sheets, PDFs and pictures. */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  txt: "text/plain",
  ofd: "application/ofd",
  zip: "application/zip",
};

/**
 * The org an audit entry about a measure is filed under: its responsible department when it has one
 * (the unit's office still sees it, departments being inside the unit's subtree), else the unit.
 */
export function auditOrgOf(measure: Pick<MeasureRow, "orgId" | "departmentId">): number {
  return measure.departmentId ?? measure.orgId;
}

/** True when a measure changed hands (responsible department, leader or owner): the new people are told. */
function isReassigned(before: MeasureRow, after: MeasureRow): boolean {
  return (["departmentId", "leaderUserId", "ownerUserId", "leaderName", "ownerName"] as const).some((key) => before[key] !== after[key]);
}

/** Loads a measure for an action, checking scope on the unit and the responsible department. */
export async function loadMeasureFor(
  q: Queryable,
  actor: Actor,
  id: number,
  action: Parameters<AccessScope["require"]>[0],
  forUpdate = false,
): Promise<{ measure: MeasureRow; scope: AccessScope }> {
  const measure = found(await findRowById<MeasureRow>(q, "measures", id, forUpdate), "整改措施");
  const scope = await AccessScope.load(q, actor);
  scope.require(action, [measure.orgId, measure.departmentId], "整改措施");
  return { measure, scope };
}

/** Applies a status change through the core transition table, then rolls the finding up. */
export async function applyMeasureStatus(
  tx: Queryable,
  audit: AuditFn,
  measure: MeasureRow,
  to: Status,
  context: { via: "manual" | "closure" | "review" | "import"; isSignoffComplete: boolean; reason?: string },
): Promise<MeasureRow> {
  const evidenceCount = await countEvidence(tx, measure.id);
  const check = checkTransition(measure.status, to, { via: context.via, evidenceCount, isSignoffComplete: context.isSignoffComplete });
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.message, { refusal: check.refusal });
  const rows = await tx.query<{ version: number }>(
    "update measures set status = $2, version = version + 1, updated_at = now() where id = $1 returning version",
    [measure.id, to],
  );
  const after = { ...measure, status: to, version: rows[0].version };
  await audit({
    action: "status",
    entity: "measure",
    entityId: measure.id,
    orgId: auditOrgOf(measure),
    before: { status: measure.status },
    after: { status: to, via: context.via, reason: context.reason ?? null },
  });
  await rollupFinding(tx, measure.findingId);
  return after;
}

/** Measures (整改措施): the 任务清单 and 责任清单, progress and evidence. */
export class MeasureService {
  private readonly db: Database;
  private readonly files: FileStore;
  private readonly today: () => string;

  private readonly fallbackRules: () => ClockRules;

  constructor(db: Database, files: FileStore, today: () => string, fallbackRules: () => ClockRules = () => defaultClockRules()) {
    this.db = db;
    this.files = files;
    this.today = today;
    this.fallbackRules = fallbackRules;
  }

  /** Lists measures with the ledger filters (`mine` = owned by the actor). */
  async listMeasures(
    actor: Actor,
    filter: Omit<LedgerFilter, "scope" | "visibleOrgIds" | "overdueOn" | "ownerUserId"> & { isOverdue?: boolean; isMine?: boolean },
  ): Promise<Page<MeasureListItem & { light: DeadlineLight }>> {
    const scope = await AccessScope.load(this.db, actor);
    const { isOverdue, isMine, ...rest } = filter;
    const page = await listMeasures(this.db, {
      ...rest,
      scope: scope.orgFilter(),
      overdueOn: isOverdue ? this.today() : undefined,
      ownerUserId: isMine ? actor.userId : undefined,
    });
    // The 红黄绿 light of each item under its unit's deadline rules (the same rules the reminders use).
    const lights = new LightBook(this.db, this.today(), this.fallbackRules());
    await lights.preload(page.items.map((m) => m.orgId));
    return { ...page, items: await Promise.all(page.items.map(async (m) => ({ ...m, light: await lights.lightOf(m.orgId, m.status, m.dueDate) }))) };
  }

  /** Reads a measure with everything its page shows. */
  async getMeasure(actor: Actor, id: number): Promise<{
    measure: MeasureRow & { light: DeadlineLight };
    finding: FindingRow;
    progress: ProgressReportRow[];
    evidence: EvidenceRow[];
    closures: Awaited<ReturnType<typeof listClosures>>;
    reviews: Awaited<ReturnType<typeof listReviews>>;
    history: AuditEntry[];
    permissions: Record<string, boolean>;
  }> {
    const { measure, scope } = await loadMeasureFor(this.db, actor, id, "read");
    const finding = found(await findRowById<FindingRow>(this.db, "findings", measure.findingId), "问题");
    const orgIds = [measure.orgId, measure.departmentId];
    const history = await listAuditEntries(this.db, { orgIds: [measure.orgId, auditOrgOf(measure)], entity: "measure", entityId: String(id), page: 1, pageSize: 200 });
    const light: DeadlineLight = await new LightBook(this.db, this.today(), this.fallbackRules()).lightOf(measure.orgId, measure.status, measure.dueDate);
    return {
      measure: { ...measure, light },
      finding,
      progress: await listProgressReports(this.db, id),
      evidence: await listEvidence(this.db, id),
      closures: await listClosures(this.db, id),
      reviews: await listReviews(this.db, id),
      history: history.items,
      permissions: {
        canEdit: scope.can("manage_ledger", [measure.orgId]),
        canReport: scope.can("report_progress", orgIds),
        canSubmitClosure: scope.can("submit_closure", orgIds),
        canReview: scope.can("review", orgIds),
        canSelfReview: scope.can("self_review", orgIds),
      },
    };
  }

  /** Adds a measure to a finding. */
  async createMeasure(actor: Actor, findingId: number, input: MeasureInput): Promise<MeasureRow> {
    ensure(input.text?.trim(), "请填写整改措施");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const finding = found(await findRowById<FindingRow>(tx, "findings", findingId, true), "问题");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [finding.orgId], "问题");
      ensureMeasureDueDate(await loadOpenFinding(tx, findingId), input);
      await ensureDepartmentOfUnit(tx, finding.orgId, input.departmentId);
      const people = await resolveMeasurePeople(tx, finding.orgId, input);
      // No due date given: the round's deadline rules give the default for the measure's kind.
      const dueDate = input.dueDate !== undefined ? input.dueDate : await defaultDueDateFor(tx, finding, input.kind ?? "deadline");
      const row = await insertRow<MeasureRow>(tx, "measures", {
        values: {
          ...people,
          dueDate,
          text: input.text.trim(),
          findingId,
          orgId: finding.orgId,
          seq: await nextMeasureSeq(tx, findingId),
          originalDueDate: dueDate ?? null,
        },
      });
      await audit({ action: "create", entity: "measure", entityId: row.id, orgId: auditOrgOf(row), after: row });
      await notifyMeasureAssigned(tx, row, actor.userId);
      await rollupFinding(tx, findingId);
      return row;
    });
  }

  /** Updates a measure's text and responsibility (optimistic concurrency on `version`). */
  async updateMeasure(actor: Actor, id: number, input: Partial<MeasureInput> & { version: number }): Promise<MeasureRow> {
    if (input.text !== undefined) ensure(input.text.trim(), "请填写整改措施");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure: before } = await loadMeasureFor(tx, actor, id, "manage_ledger", true);
      await ensureMeasureOpen(tx, before);
      if ((input.dueDate !== undefined && input.dueDate !== before.dueDate) || (input.kind !== undefined && input.kind !== before.kind)) {
        ensureMeasureDueDate(await loadOpenFinding(tx, before.findingId), { dueDate: input.dueDate === undefined ? before.dueDate : input.dueDate, kind: input.kind ?? before.kind });
      }
      await ensureDepartmentOfUnit(tx, before.orgId, input.departmentId);
      const { version, ...rest } = input;
      const values = await resolveMeasurePeople(tx, before.orgId, rest, before);
      const after = await updateRowVersioned<MeasureRow>(tx, "measures", id, version, { values: { ...values, text: values.text?.trim() } });
      if (!after) staleVersion("整改措施");
      await audit({ action: "update", entity: "measure", entityId: id, orgId: auditOrgOf(before), before, after });
      if (isReassigned(before, after)) await notifyMeasureAssigned(tx, after, actor.userId);
      return after;
    });
  }

  /** Assigns many measures at once (责任部门 / 责任领导 / 责任人 / 完成时限), all or nothing, each audited. */
  async bulkAssign(
    actor: Actor,
    input: {
      ids: number[];
      departmentId?: number | null;
      leaderName?: string | null;
      leaderUserId?: number | null;
      ownerName?: string | null;
      ownerUserId?: number | null;
      dueDate?: string | null;
    },
  ): Promise<{ updated: number }> {
    const { ids, ...values } = input;
    ensure(ids.length > 0 && ids.length <= 500, "请选择 1–500 项整改措施");
    ensure(Object.values(values).some((v) => v !== undefined), "请至少指定一项要批量修改的内容");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      for (const id of [...new Set(ids)]) {
        const { measure: before } = await loadMeasureFor(tx, actor, id, "manage_ledger", true);
        await ensureMeasureOpen(tx, before);
        if (values.dueDate) ensureMeasureDueDate(await loadOpenFinding(tx, before.findingId), { dueDate: values.dueDate, kind: before.kind });
        await ensureDepartmentOfUnit(tx, before.orgId, values.departmentId);
        const people = await resolveMeasurePeople(tx, before.orgId, values, before);
        const after = await updateRowVersioned<MeasureRow>(tx, "measures", id, before.version, { values: people });
        if (!after) staleVersion("整改措施");
        await audit({ action: "bulk_assign", entity: "measure", entityId: id, orgId: auditOrgOf(after), before, after });
        if (isReassigned(before, after)) await notifyMeasureAssigned(tx, after, actor.userId);
      }
      return { updated: new Set(ids).size };
    });
  }

  /** Deletes an empty measure; one holding evidence, progress or sign-offs is refused (409): void it instead. */
  async deleteMeasure(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const { measure: before } = await loadMeasureFor(tx, actor, id, "manage_ledger", true);
      if (before.version !== version) staleVersion("整改措施");
      await ensureDeletable(tx, { measureId: id }, "整改措施", "作废");
      await deleteRowById(tx, "measures", id);
      await audit({ action: "delete", entity: "measure", entityId: id, orgId: auditOrgOf(before), before });
      await rollupFinding(tx, before.findingId);
    });
  }

  /** Changes a measure's status by a plain edit (start, phased, not completed); completion goes through closure. */
  async changeStatus(actor: Actor, id: number, input: { status: Status; version: number; reason?: string }): Promise<MeasureRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, id, input.status === "not_completed" ? "manage_ledger" : "report_progress", true);
      if (measure.version !== input.version) staleVersion("整改措施");
      return applyMeasureStatus(tx, audit, measure, input.status, { via: "manual", isSignoffComplete: false, reason: input.reason });
    });
  }

  /** Adds a progress report; a measure not yet started moves to 整改推进中. */
  async addProgress(actor: Actor, id: number, input: { text: string; reportDate?: string; figures?: Record<string, number> }): Promise<ProgressReportRow> {
    ensure(input.text?.trim(), "请填写整改进展");
    ensureDates({ reportDate: { value: input.reportDate, label: "进展日期" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, id, "report_progress", true);
      ensureNotVoided(measure, "整改措施");
      const row = await insertRow<ProgressReportRow>(tx, "progress_reports", {
        values: {
          measureId: id,
          orgId: measure.orgId,
          reportDate: input.reportDate ?? this.today(),
          text: input.text.trim(),
          figures: input.figures ?? {},
          authorId: actor.userId,
        },
        jsonFields: ["figures"],
      });
      await audit({ action: "create", entity: "progress_report", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({ action: "progress", entity: "measure", entityId: id, orgId: auditOrgOf(measure), after: { progressReportId: row.id, text: row.text } });
      if (measure.status === "not_started") {
        await applyMeasureStatus(tx, audit, measure, "in_progress", { via: "manual", isSignoffComplete: false, reason: "提交整改进展" });
      }
      return row;
    });
  }

  /** Stores an evidence file (content-addressed) and links it to a measure. */
  async addEvidence(actor: Actor, id: number, input: EvidenceInput): Promise<EvidenceRow> {
    const extension = input.fileName.split(".").pop()?.toLowerCase() ?? "";
    const mimeType = EVIDENCE_TYPES[extension];
    if (!mimeType) {
      throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型“.${extension}”：请上传 ${Object.keys(EVIDENCE_TYPES).join("、")} 格式`);
    }
    ensure(input.bytes.byteLength > 0, "上传的文件为空");
    ensure(input.fileName.length <= FIELD_LIMITS.evidence.fileName, `文件名最多 ${FIELD_LIMITS.evidence.fileName} 个字`);
    ensure(!input.description || input.description.length <= FIELD_LIMITS.evidence.description, `“材料说明”最多 ${FIELD_LIMITS.evidence.description} 个字`);
    ensure(input.category === undefined || isEvidenceCategory(input.category), "“材料类别”的取值无效，可选：会议纪要、制度文件、照片、台账、其他");
    ensureDates({ effectiveDate: { value: input.effectiveDate, label: "材料日期" } });
    await ensureContentMatchesExtension(input.bytes, extension, input.fileName);
    // Check access before touching the disk, then store the file before the row: a crash leaves
    // at worst an unreferenced file, never a row pointing to nothing.
    await loadMeasureFor(this.db, actor, id, "report_progress");
    const sha256 = await this.files.put(input.bytes);
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, id, "report_progress", true);
      ensureNotVoided(measure, "整改措施");
      const row = await insertRow<EvidenceRow>(tx, "evidence", {
        values: {
          measureId: id,
          orgId: measure.orgId,
          sha256,
          fileName: input.fileName,
          mimeType,
          sizeBytes: input.bytes.byteLength,
          effectiveDate: input.effectiveDate ?? null,
          description: input.description ?? null,
          category: input.category ?? "other",
          uploadedBy: actor.userId,
        },
      });
      await audit({ action: "create", entity: "evidence", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({ action: "evidence", entity: "measure", entityId: id, orgId: auditOrgOf(measure), after: { evidenceId: row.id, fileName: row.fileName, sha256 } });
      return row;
    });
  }

  /** Reads an evidence file for download, checking scope. */
  async readEvidence(actor: Actor, evidenceId: number): Promise<{ evidence: EvidenceRow; bytes: Buffer }> {
    const evidence = found(await findRowById<EvidenceRow>(this.db, "evidence", evidenceId), "佐证材料");
    await loadMeasureFor(this.db, actor, evidence.measureId, "read");
    return { evidence, bytes: await this.files.read(evidence.sha256) };
  }
}
