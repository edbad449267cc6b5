import { checkInspectionDates, type InspectionKind } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { findEarliestDueDate, listInspections, listMeasuresOfFinding, type FindingRow, type InspectionRow } from "../repositories/ledger.repository.ts";
import type { OrgRow } from "../repositories/org.repository.ts";
import { camelizeRow, deleteRowById, findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { auditOrgOf } from "./measure.service.ts";
import { ensureDeletable, ensureRoundOpen, readReason } from "./record-lifecycle.ts";
import { ensure, ensureDates, ensureNoProblems, found, staleVersion } from "./validation.ts";

/** Editable fields of an inspection round. */
export interface InspectionInput {
  name: string;
  kind?: InspectionKind;
  groupName?: string | null;
  level?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  feedbackDate?: string | null;
  feedbackDocNumbers?: string[];
}

function validateInspection(input: Partial<InspectionInput>): void {
  if (input.name !== undefined) ensure(input.name.trim().length > 0, "请填写巡察轮次名称");
  ensureDates({
    startDate: { value: input.startDate, label: "巡察开始日期" },
    endDate: { value: input.endDate, label: "巡察结束日期" },
    feedbackDate: { value: input.feedbackDate, label: "反馈日期" },
  });
}

/** Inspection rounds (巡察) of units. */
export class InspectionService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Lists rounds the actor can see. */
  async listInspections(actor: Actor, filter: { orgId?: number; text?: string; page: number; pageSize: number }): Promise<Page<InspectionRow & { orgName: string; findingCount: number }>> {
    const scope = await AccessScope.load(this.db, actor);
    return listInspections(this.db, { ...filter, scope: scope.orgFilter() });
  }

  /** Reads one round; department users see rounds in which they own measures. */
  async getInspection(actor: Actor, id: number): Promise<InspectionRow> {
    const scope = await AccessScope.load(this.db, actor);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", id), "巡察轮次");
    if (!scope.can("read", [inspection.orgId])) {
      const rows = await this.db.query(
        `select 1 from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1 and m.department_id = any($2::bigint[]) limit 1`,
        [id, scope.visibleOrgIds()],
      );
      found(rows[0], "巡察轮次");
    }
    return inspection;
  }

  /** Creates a round for a unit. */
  async createInspection(actor: Actor, orgId: number, input: InspectionInput): Promise<InspectionRow> {
    validateInspection(input);
    ensureNoProblems(checkInspectionDates(input));
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [orgId], "单位");
      const org = found(await findRowById<OrgRow>(tx, "orgs", orgId), "单位");
      ensure(org.kind === "unit", "巡察轮次只能建在被巡察单位下");
      const row = await insertRow<InspectionRow>(tx, "inspections", {
        values: { orgId, ...input, name: input.name.trim(), feedbackDocNumbers: input.feedbackDocNumbers ?? [] },
        jsonFields: ["feedbackDocNumbers"],
      });
      await audit({ action: "create", entity: "inspection", entityId: row.id, orgId, after: row });
      return row;
    });
  }

  /** Updates a round (optimistic concurrency on `version`). */
  async updateInspection(actor: Actor, id: number, input: Partial<InspectionInput> & { version: number }): Promise<InspectionRow> {
    validateInspection(input);
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InspectionRow>(tx, "inspections", id, true), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "巡察轮次");
      ensureRoundOpen(before);
      const { version, ...values } = input;
      const after = await updateRowVersioned<InspectionRow>(tx, "inspections", id, version, {
        values: { ...values, name: values.name?.trim() },
        jsonFields: ["feedbackDocNumbers"],
      });
      if (!after) staleVersion("巡察轮次");
      ensureNoProblems(checkInspectionDates(after));
      const earliestDue = after.feedbackDate ? await findEarliestDueDate(tx, id) : null;
      if (earliestDue && after.feedbackDate && earliestDue < after.feedbackDate) {
        ensureNoProblems([{ field: "feedbackDate", message: `“反馈日期”（${after.feedbackDate}）不能晚于本轮已有的完成时限（最早为 ${earliestDue}）；请先调整这些完成时限，或把巡察期间的事项标为“立行立改”。` }]);
      }
      await audit({ action: "update", entity: "inspection", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /**
   * Deletes a round that holds nothing but findings and measures (a mistaken import, say): each
   * removed finding and measure is audited. A round with evidence, progress, sign-offs, registers
   * or notices is refused (409) and can only be archived.
   */
  async deleteInspection(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InspectionRow>(tx, "inspections", id, true), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "巡察轮次");
      if (before.version !== version) staleVersion("巡察轮次");
      ensureRoundOpen(before);
      await ensureDeletable(tx, { inspectionId: id }, "巡察轮次", "归档");
      const findings = (await tx.query("select * from findings where inspection_id = $1 order by seq", [id])).map((r) => camelizeRow<FindingRow>(r));
      for (const finding of findings) {
        for (const measure of await listMeasuresOfFinding(tx, finding.id, { includeVoided: true })) {
          await deleteRowById(tx, "measures", measure.id);
          await audit({ action: "delete", entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), before: measure });
        }
        await deleteRowById(tx, "findings", finding.id);
        await audit({ action: "delete", entity: "finding", entityId: finding.id, orgId: finding.orgId, before: finding });
      }
      await deleteRowById(tx, "inspections", id);
      await audit({ action: "delete", entity: "inspection", entityId: id, orgId: before.orgId, before: { ...before, deletedFindings: findings.length } });
    });
  }

  /** Archives a round (归档): from then on it is read-only, kept whole with everything it holds. */
  async archiveInspection(actor: Actor, id: number, input: { version: number; reason?: string }): Promise<InspectionRow> {
    const reason = input.reason?.trim() ? readReason(input.reason, "归档") : null;
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InspectionRow>(tx, "inspections", id, true), "巡察轮次");
      (await AccessScope.load(tx, actor)).require("manage_ledger", [before.orgId], "巡察轮次");
      ensureRoundOpen(before);
      const after = await updateRowVersioned<InspectionRow>(tx, "inspections", id, input.version, {
        values: { archivedAt: new Date().toISOString(), archivedBy: actor.userId, archiveReason: reason },
      });
      if (!after) staleVersion("巡察轮次");
      await audit({ action: "archive", entity: "inspection", entityId: id, orgId: before.orgId, before: { archivedAt: null }, after: { archivedAt: after.archivedAt, reason } });
      return after;
    });
  }

  /** Takes a round out of the archive (取消归档), with the reason recorded. */
  async unarchiveInspection(actor: Actor, id: number, input: { version: number; reason: string }): Promise<InspectionRow> {
    const reason = readReason(input.reason, "取消归档");
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InspectionRow>(tx, "inspections", id, true), "巡察轮次");
      (await AccessScope.load(tx, actor)).require("manage_ledger", [before.orgId], "巡察轮次");
      ensure(before.archivedAt, "该巡察轮次未归档。");
      const after = await updateRowVersioned<InspectionRow>(tx, "inspections", id, input.version, { values: { archivedAt: null, archivedBy: null, archiveReason: null } });
      if (!after) staleVersion("巡察轮次");
      await audit({ action: "unarchive", entity: "inspection", entityId: id, orgId: before.orgId, before: { archivedAt: before.archivedAt, reason: before.archiveReason }, after: { archivedAt: null, reason } });
      return after;
    });
  }
}
