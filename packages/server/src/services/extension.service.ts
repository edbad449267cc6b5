import { isCompletedStatus, labelRole, type Role } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { MeasureRow } from "../repositories/ledger.repository.ts";
import { camelizeRow, findRowById, insertRow, updateRow } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { resolveClockRules } from "./clock.service.ts";
import { auditOrgOf, loadMeasureFor } from "./measure.service.ts";
import { notifyExtensionDecided, notifyExtensionRequested } from "./notification-events.ts";
import { extensionApproversOf } from "./recipients.ts";
import { ensureNotVoided, loadOpenFinding } from "./record-lifecycle.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found } from "./validation.ts";

/** An extension request (申请延期) as stored. */
export interface ExtensionRow {
  id: number;
  measureId: number;
  orgId: number;
  previousDueDate: string | null;
  requestedDueDate: string;
  reason: string;
  state: "pending" | "approved" | "rejected" | "withdrawn";
  requestedBy: number;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

/** 申请延期: a 责任人 or department asks for a later due date; the configured approver decides. */
export class ExtensionService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly today: () => string,
  ) {}

  /** Requests a new due date with a reason; one open request per measure. */
  async request(actor: Actor, measureId: number, input: { requestedDueDate: string; reason: string }): Promise<ExtensionRow> {
    ensure(input.reason?.trim(), "请填写延期理由");
    ensureDates({ requestedDueDate: { value: input.requestedDueDate, label: "申请的完成时限" } });
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, measureId, "report_progress", true);
      await ensureMeasureCounts(tx, measure);
      ensure(!isCompletedStatus(measure.status), "该措施已销号，无需延期");
      ensure(measure.dueDate, "该措施尚未设定完成时限，请由整改办先设定");
      ensure(input.requestedDueDate > (measure.dueDate as string), `申请的完成时限应晚于当前完成时限（${measure.dueDate}）`);
      ensure(input.requestedDueDate >= this.today(), "申请的完成时限不能早于今天");
      const pending = await tx.query("select 1 from extensions where measure_id = $1 and state = 'pending'", [measureId]);
      if (pending.length) throw new AppError("CONFLICT", "该措施已有待审批的延期申请");
      const row = await insertRow<ExtensionRow>(tx, "extensions", {
        values: { measureId, orgId: measure.orgId, previousDueDate: measure.dueDate, requestedDueDate: input.requestedDueDate, reason: input.reason.trim(), requestedBy: actor.userId, requestedAt: this.now().toISOString() },
      });
      await audit({ action: "create", entity: "extension", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({ action: "request_extension", entity: "measure", entityId: measureId, orgId: auditOrgOf(measure), after: { extensionId: row.id, dueDate: measure.dueDate, requestedDueDate: row.requestedDueDate, reason: row.reason } });
      const { rules } = await resolveClockRules(tx, measure.orgId);
      const approvers = await extensionApproversOf(tx, measure, rules.extensionApprover, actor.userId);
      await notifyExtensionRequested(tx, measure, approvers, row.requestedDueDate, row.reason, actor.userId);
      return row;
    });
  }

  /** Approves (the measure's due date moves; the original stays) or rejects a pending request. */
  async decide(actor: Actor, id: number, input: { decision: "approved" | "rejected"; note?: string }): Promise<ExtensionRow & { measureDueDate: string | null }> {
    if (input.decision === "rejected") ensure(input.note?.trim(), "不批准时须填写审批意见");
    return runMutation(this.db, actor, async (tx, audit) => {
      const extension = found(await findRowById<ExtensionRow>(tx, "extensions", id, true), "延期申请");
      const measure = found(await findRowById<MeasureRow>(tx, "measures", extension.measureId, true), "整改措施");
      const scope = await AccessScope.load(tx, actor);
      scope.require("read", [measure.orgId, measure.departmentId], "延期申请");
      if (extension.state !== "pending") throw new AppError("CONFLICT", "该延期申请已办结");
      await ensureMeasureCounts(tx, measure);
      const { rules } = await resolveClockRules(tx, measure.orgId);
      ensureApprover(scope, rules.extensionApprover, measure);
      if (extension.requestedBy === actor.userId) throw new AppError("FORBIDDEN", "不能审批本人提交的延期申请");
      const isApproved = input.decision === "approved";
      const decided = await updateRow<ExtensionRow>(tx, "extensions", id, {
        values: { state: input.decision, decidedBy: actor.userId, decidedAt: this.now().toISOString(), decisionNote: input.note?.trim() || null },
      });
      await audit({ action: input.decision === "approved" ? "approve" : "reject", entity: "extension", entityId: id, orgId: auditOrgOf(measure), before: { state: "pending" }, after: { state: decided.state, note: decided.decisionNote } });
      let dueDate = measure.dueDate;
      if (isApproved) {
        // The original due date is kept on the measure (set at creation); each approval row keeps the date it replaced.
        const after = await updateRow<MeasureRow>(tx, "measures", measure.id, {
          values: { dueDate: extension.requestedDueDate, originalDueDate: measure.originalDueDate ?? measure.dueDate },
        });
        dueDate = after.dueDate;
        await audit({
          action: "extend",
          entity: "measure",
          entityId: measure.id,
          orgId: auditOrgOf(measure),
          before: { dueDate: measure.dueDate },
          after: { dueDate, originalDueDate: after.originalDueDate, extensionId: id, note: decided.decisionNote },
        });
      } else {
        await audit({ action: "reject_extension", entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), after: { extensionId: id, note: decided.decisionNote } });
      }
      await notifyExtensionDecided(tx, measure, extension.requestedBy, isApproved, dueDate as string, decided.decisionNote, actor.userId);
      return { ...decided, measureDueDate: dueDate };
    });
  }

  /** Withdraws one's own pending request. */
  async withdraw(actor: Actor, id: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const extension = found(await findRowById<ExtensionRow>(tx, "extensions", id, true), "延期申请");
      const { measure } = await loadMeasureFor(tx, actor, extension.measureId, "read");
      await ensureMeasureCounts(tx, measure);
      ensure(extension.requestedBy === actor.userId, "只能撤回本人提交的延期申请");
      if (extension.state !== "pending") throw new AppError("CONFLICT", "该延期申请已办结");
      await updateRow(tx, "extensions", id, { values: { state: "withdrawn", decidedAt: this.now().toISOString() } });
      await audit({ action: "withdraw", entity: "extension", entityId: id, orgId: auditOrgOf(measure), before: { state: "pending" }, after: { state: "withdrawn" } });
    });
  }

  /** A measure's extension history (original date, each request and decision) and what the actor may do. */
  async listForMeasure(actor: Actor, measureId: number): Promise<{
    originalDueDate: string | null;
    dueDate: string | null;
    approverRole: Role;
    approverLabel: string;
    canRequest: boolean;
    canDecide: boolean;
    items: (ExtensionRow & { requesterName: string; deciderName: string | null })[];
  }> {
    const { measure, scope } = await loadMeasureFor(this.db, actor, measureId, "read");
    const { rules } = await resolveClockRules(this.db, measure.orgId);
    const rows = await this.db.query(
      `select e.*, ru.display_name as requester_name, du.display_name as decider_name
         from extensions e join users ru on ru.id = e.requested_by left join users du on du.id = e.decided_by
        where e.measure_id = $1 order by e.id`,
      [measureId],
    );
    let canDecide = true;
    let isWritable = true;
    try {
      ensureApprover(scope, rules.extensionApprover, measure);
    } catch {
      canDecide = false;
    }
    try {
      await ensureMeasureCounts(this.db, measure);
    } catch {
      isWritable = false;
    }
    return {
      originalDueDate: measure.originalDueDate ?? measure.dueDate,
      dueDate: measure.dueDate,
      approverRole: rules.extensionApprover,
      approverLabel: labelRole(rules.extensionApprover),
      canRequest: isWritable && scope.can("report_progress", [measure.orgId, measure.departmentId]) && !isCompletedStatus(measure.status) && !!measure.dueDate,
      canDecide: isWritable && canDecide,
      items: rows.map((r) => camelizeRow(r)),
    };
  }
}

function ensureApprover(scope: AccessScope, approver: Role, measure: Pick<MeasureRow, "orgId" | "departmentId">): void {
  const roles = scope.rolesAt([measure.orgId, measure.departmentId]);
  if (!roles.includes(approver) && !roles.includes("admin")) {
    throw new AppError("FORBIDDEN", `延期申请须由${labelRole(approver)}审批`);
  }
}

/** Extensions concern measures that count: not voided, under a finding that is not voided, in a round that is not archived. */
async function ensureMeasureCounts(q: Queryable, measure: MeasureRow): Promise<void> {
  ensureNotVoided(measure, "整改措施");
  await loadOpenFinding(q, measure.findingId);
}
