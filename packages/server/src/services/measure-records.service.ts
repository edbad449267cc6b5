import { FIELD_LIMITS, isEvidenceCategory, type EvidenceCategory } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { MeasureRow } from "../repositories/ledger.repository.ts";
import { findRowById, insertRow, updateRowVersioned } from "../repositories/sql.ts";
import type { EvidenceRow, ProgressReportRow } from "../repositories/workflow.repository.ts";
import type { Actor } from "./access.ts";
import { rollupFinding } from "./finding.service.ts";
import { auditOrgOf, loadMeasureFor } from "./measure.service.ts";
import { ensureMeasureOpen, ensureNotVoided, isUnderSignedClosure, loadOpenFinding, readReason } from "./record-lifecycle.ts";
import { runMutation, type AuditFn } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

/** Editable parts of a progress report. */
export interface ProgressEdit {
  text?: string;
  reportDate?: string;
  version: number;
}

/** Editable parts of an evidence item (the file itself never changes: upload a new one). */
export interface EvidenceEdit {
  description?: string | null;
  category?: EvidenceCategory;
  effectiveDate?: string | null;
  version: number;
}

function checkProgressText(text: string | undefined): void {
  if (text === undefined) return;
  ensure(text.trim(), "请填写“进展情况”。");
  ensure(text.length <= FIELD_LIMITS.progress.text, `“进展情况”最多 ${FIELD_LIMITS.progress.text} 个字。`);
}

/**
 * Editing and voiding what a measure holds — the measure itself, its progress reports and its
 * evidence — while it is open; once signed, a correction is a new record pointing to the old one.
 */
export class MeasureRecordService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Voids a measure (作废) with a reason; it keeps its content and history and leaves the figures. */
  async voidMeasure(actor: Actor, id: number, input: { version: number; reason: string }): Promise<MeasureRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure: before } = await loadMeasureFor(tx, actor, id, "manage_ledger", true);
      await loadOpenFinding(tx, before.findingId);
      await ensureMeasureOpen(tx, before);
      const after = await updateRowVersioned<MeasureRow>(tx, "measures", id, input.version, { values: { voidedAt: new Date().toISOString(), voidedBy: actor.userId, voidReason: reason } });
      if (!after) staleVersion("整改措施");
      await audit({ action: "void", entity: "measure", entityId: id, orgId: auditOrgOf(before), before: { voidedAt: null }, after: { voidedAt: after.voidedAt, reason } });
      await rollupFinding(tx, before.findingId);
      return after;
    });
  }

  /** Edits a progress report while its measure is open and no sign-off has relied on it. */
  async updateProgress(actor: Actor, id: number, input: ProgressEdit): Promise<ProgressReportRow> {
    checkProgressText(input.text);
    ensureDates({ reportDate: { value: input.reportDate, label: "进展日期" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const { before, measure } = await this.loadOpenProgress(tx, actor, id, "修改");
      const after = await updateRowVersioned<ProgressReportRow>(tx, "progress_reports", id, input.version, {
        values: { text: input.text?.trim(), reportDate: input.reportDate },
      });
      if (!after) staleVersion("整改进展");
      await this.auditBoth(audit, measure, "progress_report", id, "update", "update_progress", before, after, { progressReportId: id, text: after.text });
      return after;
    });
  }

  /** Voids a progress report (作废) with a reason; it stays on the page, struck through. */
  async voidProgress(actor: Actor, id: number, input: { version: number; reason: string }): Promise<ProgressReportRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const { before, measure } = await this.loadOpenProgress(tx, actor, id, "作废");
      const after = await updateRowVersioned<ProgressReportRow>(tx, "progress_reports", id, input.version, {
        values: { voidedAt: new Date().toISOString(), voidedBy: actor.userId, voidReason: reason },
      });
      if (!after) staleVersion("整改进展");
      await this.auditBoth(audit, measure, "progress_report", id, "void", "void_progress", { voidedAt: null }, { voidedAt: after.voidedAt, reason }, { progressReportId: id, text: before.text, reason });
      return after;
    });
  }

  /**
   * Corrects a progress report that a sign-off relied on (or of a signed measure): a new report
   * pointing to the old one, which stays as it was.
   */
  async correctProgress(actor: Actor, id: number, input: { text: string; reportDate: string }): Promise<ProgressReportRow> {
    checkProgressText(input.text);
    ensure(input.text !== undefined, "请填写“进展情况”。");
    ensureDates({ reportDate: { value: input.reportDate, label: "进展日期" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const old = found(await findRowById<ProgressReportRow>(tx, "progress_reports", id), "整改进展");
      const { measure } = await loadMeasureFor(tx, actor, old.measureId, "report_progress", true);
      ensureNotVoided(measure, "整改措施");
      ensureNotVoided(old, "整改进展");
      await loadOpenFinding(tx, measure.findingId);
      const row = await insertRow<ProgressReportRow>(tx, "progress_reports", {
        values: { measureId: measure.id, orgId: measure.orgId, reportDate: input.reportDate, text: input.text.trim(), figures: {}, authorId: actor.userId, correctsId: id },
        jsonFields: ["figures"],
      });
      await this.auditBoth(audit, measure, "progress_report", row.id, "create", "correct_progress", undefined, row, { progressReportId: row.id, correctsId: id, text: row.text });
      return row;
    });
  }

  /** Edits an evidence item's description, category or date while its measure is open. */
  async updateEvidence(actor: Actor, id: number, input: EvidenceEdit): Promise<EvidenceRow> {
    if (input.description) ensure(input.description.length <= FIELD_LIMITS.evidence.description, `“材料说明”最多 ${FIELD_LIMITS.evidence.description} 个字。`);
    ensure(input.category === undefined || isEvidenceCategory(input.category), "“材料类别”的取值无效，可选：会议纪要、制度文件、照片、台账、其他。");
    ensureDates({ effectiveDate: { value: input.effectiveDate, label: "材料日期" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const { before, measure } = await this.loadOpenEvidence(tx, actor, id, "修改");
      const after = await updateRowVersioned<EvidenceRow>(tx, "evidence", id, input.version, {
        values: { description: input.description === undefined ? undefined : input.description?.trim() || null, category: input.category, effectiveDate: input.effectiveDate },
      });
      if (!after) staleVersion("佐证材料");
      await this.auditBoth(audit, measure, "evidence", id, "update", "update_evidence", before, after, { evidenceId: id, fileName: after.fileName });
      return after;
    });
  }

  /** Voids an evidence item (作废) with a reason: the file is kept and shown struck through, and no longer counts for closure. */
  async voidEvidence(actor: Actor, id: number, input: { version: number; reason: string }): Promise<EvidenceRow> {
    const reason = readReason(input.reason);
    return runMutation(this.db, actor, async (tx, audit) => {
      const { before, measure } = await this.loadOpenEvidence(tx, actor, id, "作废");
      const after = await updateRowVersioned<EvidenceRow>(tx, "evidence", id, input.version, {
        values: { voidedAt: new Date().toISOString(), voidedBy: actor.userId, voidReason: reason },
      });
      if (!after) staleVersion("佐证材料");
      await this.auditBoth(audit, measure, "evidence", id, "void", "void_evidence", { voidedAt: null }, { voidedAt: after.voidedAt, reason }, { evidenceId: id, fileName: before.fileName, reason });
      return after;
    });
  }

  private async loadOpenProgress(tx: Queryable, actor: Actor, id: number, verb: string): Promise<{ before: ProgressReportRow; measure: MeasureRow }> {
    const before = found(await findRowById<ProgressReportRow>(tx, "progress_reports", id, true), "整改进展");
    const { measure } = await loadMeasureFor(tx, actor, before.measureId, "report_progress", true);
    await this.ensureRecordOpen(tx, measure, before, "整改进展", verb);
    return { before, measure };
  }

  private async loadOpenEvidence(tx: Queryable, actor: Actor, id: number, verb: string): Promise<{ before: EvidenceRow; measure: MeasureRow }> {
    const before = found(await findRowById<EvidenceRow>(tx, "evidence", id, true), "佐证材料");
    const { measure } = await loadMeasureFor(tx, actor, before.measureId, "report_progress", true);
    await this.ensureRecordOpen(tx, measure, before, "佐证材料", verb);
    return { before, measure };
  }

  private async ensureRecordOpen(tx: Queryable, measure: MeasureRow, record: { voidedAt: string | null; createdAt: string }, what: string, verb: string): Promise<void> {
    ensureNotVoided(record, what);
    await loadOpenFinding(tx, measure.findingId);
    await ensureMeasureOpen(tx, measure, what);
    if (await isUnderSignedClosure(tx, measure.id, record.createdAt)) {
      throw new AppError("CONFLICT", `该${what}是已签字确认的销号依据，不能${verb}；如需更正，请新增一条更正记录。`, { refusal: "SIGNED" });
    }
  }

  /** Audits a change on the record itself and on its measure, so the measure's history shows it. */
  private async auditBoth(
    audit: AuditFn,
    measure: MeasureRow,
    entity: string,
    entityId: number,
    action: string,
    measureAction: string,
    before: unknown,
    after: unknown,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await audit({ action, entity, entityId, orgId: auditOrgOf(measure), before, after });
    await audit({ action: measureAction, entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), after: summary });
  }
}
