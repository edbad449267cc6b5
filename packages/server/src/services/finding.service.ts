import { flagLedgerFindings, rollupFindingStatus, type FindingSource, type LedgerFlag, type Status } from "@zhenggai/core";
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
import { AccessScope, type Actor } from "./access.ts";
import { buildLedgerSnapshot } from "./dashboard.service.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found, staleVersion } from "./validation.ts";

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
    filter: Omit<LedgerFilter, "scope" | "visibleOrgIds" | "overdueOn" | "findingIds"> & { isOverdue?: boolean; flag?: LedgerFlag },
  ): Promise<Page<FindingRow & { measureCount: number; leadDepartmentName: string | null; flags: LedgerFlag[] }>> {
    const scope = await AccessScope.load(this.db, actor);
    const { isOverdue, flag, ...rest } = filter;
    const inspection = filter.inspectionId ? await findRowById<InspectionRow>(this.db, "inspections", filter.inspectionId) : null;
    // Filtering on a flag needs the flags of the whole round (bounded by it); otherwise only the
    // page's findings are flagged, after the page is chosen.
    let findingIds: number[] | undefined;
    if (flag && inspection) {
      const roundFlags = flagLedgerFindings(await buildLedgerSnapshot(this.db, inspection, this.today(), { findingsOnly: true }), this.today());
      findingIds = Object.entries(roundFlags).filter(([, list]) => list.includes(flag)).map(([id]) => Number(id));
    }
    const page = await listFindings(this.db, {
      ...rest,
      findingIds,
      scope: scope.orgFilter(),
      overdueOn: isOverdue ? this.today() : undefined,
    });
    const flags =
      inspection && page.items.length > 0
        ? flagLedgerFindings(await buildLedgerSnapshot(this.db, inspection, this.today(), { findingIds: page.items.map((item) => item.id) }), this.today())
        : {};
    return { ...page, items: page.items.map((item) => ({ ...item, flags: flags[String(item.id)] ?? [] })) };
  }

  /** Reads a finding with its measures. */
  async getFinding(actor: Actor, id: number): Promise<FindingRow & { measures: MeasureRow[] }> {
    const scope = await AccessScope.load(this.db, actor);
    const finding = found(await findRowById<FindingRow>(this.db, "findings", id), "问题");
    const measures = await listMeasuresOfFinding(this.db, id);
    const orgIds = [finding.orgId, finding.leadDepartmentId, ...measures.map((m) => m.departmentId)];
    scope.require("read", orgIds, "问题");
    // Department staff see the finding through their own measures only, not other departments'.
    const visible = scope.can("read", [finding.orgId]) ? measures : measures.filter((m) => scope.can("read", [m.departmentId]));
    return { ...finding, measures: visible };
  }

  /** Adds a finding to a round. */
  async createFinding(actor: Actor, inspectionId: number, input: FindingInput): Promise<FindingRow> {
    ensure(input.title?.trim(), "请填写问题标题");
    ensureDates({ dueDate: { value: input.dueDate, label: "完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const inspection = found(await findRowById<InspectionRow>(tx, "inspections", inspectionId), "巡察轮次");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [inspection.orgId], "巡察轮次");
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
      await ensureDepartmentOfUnit(tx, before.orgId, input.leadDepartmentId);
      const { version, ...values } = input;
      const after = await updateRowVersioned<FindingRow>(tx, "findings", id, version, {
        values: { ...values, title: values.title?.trim() },
        jsonFields: ["subPoints"],
      });
      if (!after) staleVersion("问题");
      await audit({ action: "update", entity: "finding", entityId: id, orgId: before.orgId, before, after });
      return after;
    });
  }

  /** Deletes a finding and its measures. */
  async deleteFinding(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const before = found(await findRowById<FindingRow>(tx, "findings", id, true), "问题");
      const scope = await AccessScope.load(tx, actor);
      scope.require("manage_ledger", [before.orgId], "问题");
      if (before.version !== version) staleVersion("问题");
      await deleteRowById(tx, "findings", id);
      await audit({ action: "delete", entity: "finding", entityId: id, orgId: before.orgId, before });
    });
  }
}
