import type { InspectionKind } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { listInspections, type InspectionRow } from "../repositories/ledger.repository.ts";
import type { OrgRow } from "../repositories/org.repository.ts";
import { deleteRowById, findRowById, insertRow, updateRowVersioned, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

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
  if (input.startDate && input.endDate) ensure(input.startDate <= input.endDate, "巡察结束日期不能早于开始日期");
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
      const { version, ...values } = input;
      const after = await updateRowVersioned<InspectionRow>(tx, "inspections", id, version, {
        values: { ...values, name: values.name?.trim() },
        jsonFields: ["feedbackDocNumbers"],
      });
      if (!after) staleVersion("巡察轮次");
      if (after.startDate && after.endDate) ensure(after.startDate <= after.endDate, "巡察结束日期不能早于开始日期");
      await audit({ action: "update", entity: "inspection", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Deletes a round and its whole ledger. */
  async deleteInspection(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<InspectionRow>(tx, "inspections", id, true), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "巡察轮次");
      if (before.version !== version) staleVersion("巡察轮次");
      await deleteRowById(tx, "inspections", id);
      await audit({ action: "delete", entity: "inspection", entityId: id, orgId: before.orgId, before });
    });
  }
}
