import { checkSignoffActor, isCompletedStatus, isSignoffComplete, type SignoffStep, type Status } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { countEvidence, type MeasureRow } from "../repositories/ledger.repository.ts";
import { findRowById, insertRow } from "../repositories/sql.ts";
import { listDecisions, listPendingClosures, type ClosureRow, type ReviewRow } from "../repositories/workflow.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { applyMeasureStatus, auditOrgOf, loadMeasureFor } from "./measure.service.ts";
import { resolveSignoffChain } from "./org.service.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found } from "./validation.ts";

/** 对账销号: closure requests, the sign-off chain, and 回头看 reviews that may reopen. */
export class ClosureService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.today = today;
  }

  /** Submits a measure for closure; needs at least one evidence item and no open request. */
  async submitClosure(
    actor: Actor,
    measureId: number,
    input: { targetStatus: "completed" | "completed_long_term"; note?: string },
  ): Promise<ClosureRow> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, measureId, "submit_closure", true);
      ensure(!isCompletedStatus(measure.status), "该措施已销号");
      if ((await countEvidence(tx, measureId)) < 1) {
        throw new AppError("INVALID_TRANSITION", "销号前须至少上传一份佐证材料", { refusal: "EVIDENCE_REQUIRED" });
      }
      const pending = await tx.query("select 1 from closures where measure_id = $1 and state = 'pending'", [measureId]);
      if (pending.length) throw new AppError("CONFLICT", "该措施已有待审核的销号申请");
      const chain = await resolveSignoffChain(tx, measure.departmentId ?? measure.orgId);
      const row = await insertRow<ClosureRow>(tx, "closures", {
        values: { measureId, orgId: measure.orgId, targetStatus: input.targetStatus, chain, note: input.note ?? null, submittedBy: actor.userId },
        jsonFields: ["chain"],
      });
      await audit({ action: "create", entity: "closure", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({ action: "submit_closure", entity: "measure", entityId: measureId, orgId: auditOrgOf(measure), after: { closureId: row.id, targetStatus: input.targetStatus } });
      return row;
    });
  }

  /** Approves or returns the next step of a closure; the last approval closes the measure. */
  async decideClosure(
    actor: Actor,
    closureId: number,
    input: { decision: "approved" | "returned"; reason?: string },
  ): Promise<ClosureRow & { measureStatus: Status }> {
    if (input.decision === "returned") ensure(input.reason?.trim(), "退回时须填写理由");
    return runMutation(this.db, actor, async (tx, audit) => {
      const closure = found(await findRowById<ClosureRow>(tx, "closures", closureId, true), "销号申请");
      const measure = found(await findRowById<MeasureRow>(tx, "measures", closure.measureId, true), "整改措施");
      const scope = await AccessScope.load(tx, actor);
      scope.require("read", [measure.orgId, measure.departmentId], "销号申请");
      if (closure.state !== "pending") throw new AppError("CONFLICT", "该销号申请已办结");
      const chain = closure.chain as SignoffStep[];
      const decisions = await listDecisions(tx, [closureId]);
      const check = checkSignoffActor(
        chain,
        decisions.map((d) => ({ stepIndex: d.stepIndex, userId: String(d.userId), decision: d.decision })),
        String(closure.submittedBy),
        { userId: String(actor.userId), roles: scope.rolesAt([measure.orgId, measure.departmentId]) },
      );
      if (!check.ok) {
        throw new AppError(check.reason === "WRONG_ROLE" ? "FORBIDDEN" : "INVALID_TRANSITION", check.message, { refusal: check.reason });
      }
      await tx.query(
        "insert into closure_decisions (closure_id, step_index, user_id, decision, reason) values ($1, $2, $3, $4, $5)",
        [closureId, check.stepIndex, actor.userId, input.decision, input.reason?.trim() || null],
      );
      await audit({
        action: input.decision === "approved" ? "approve" : "return",
        entity: "closure",
        entityId: closureId,
        orgId: auditOrgOf(measure),
        // The decision in full: who signed which step of which closure, and why.
        after: {
          closureId,
          measureId: closure.measureId,
          targetStatus: closure.targetStatus,
          stepIndex: check.stepIndex,
          step: chain[check.stepIndex].label,
          userId: actor.userId,
          decision: input.decision,
          reason: input.reason?.trim() || null,
        },
      });
      let state: ClosureRow["state"] = "pending";
      let measureStatus = measure.status;
      if (input.decision === "returned") {
        state = "returned";
      } else if (check.isLast) {
        const all = [...decisions.map((d) => ({ stepIndex: d.stepIndex, userId: String(d.userId), decision: d.decision })), { stepIndex: check.stepIndex, userId: String(actor.userId), decision: "approved" as const }];
        const after = await applyMeasureStatus(tx, audit, measure, closure.targetStatus, {
          via: "closure",
          isSignoffComplete: isSignoffComplete(chain, all),
          reason: "对账销号",
        });
        measureStatus = after.status;
        state = "approved";
      }
      if (state !== "pending") {
        await tx.query("update closures set state = $2, decided_at = now() where id = $1", [closureId, state]);
      }
      return { ...closure, state, measureStatus };
    });
  }

  /** Withdraws one's own pending closure. */
  async withdrawClosure(actor: Actor, closureId: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const closure = found(await findRowById<ClosureRow>(tx, "closures", closureId, true), "销号申请");
      await loadMeasureFor(tx, actor, closure.measureId, "submit_closure");
      ensure(closure.submittedBy === actor.userId, "只能撤回本人提交的销号申请");
      if (closure.state !== "pending") throw new AppError("CONFLICT", "该销号申请已办结");
      await tx.query("update closures set state = 'withdrawn', decided_at = now() where id = $1", [closureId]);
      await audit({ action: "withdraw", entity: "closure", entityId: closureId, orgId: closure.orgId, before: { state: "pending" }, after: { state: "withdrawn" } });
    });
  }

  /** Lists pending closures the actor can see, marking those whose next step the actor may decide. */
  async listPending(actor: Actor): Promise<(Awaited<ReturnType<typeof listPendingClosures>>[number] & { canDecide: boolean; nextStep: string })[]> {
    const scope = await AccessScope.load(this.db, actor);
    const rows = await listPendingClosures(this.db, scope.visibleOrgIds());
    return rows.map((row) => {
      const step = row.chain[row.approvals] as SignoffStep | undefined;
      const roles = scope.rolesAt([row.orgId, row.departmentId]);
      const canDecide = !!step && row.submittedBy !== actor.userId && (roles.includes(step.role) || roles.includes("admin"));
      return { ...row, canDecide, nextStep: step?.label ?? "" };
    });
  }

  /** Records a 回头看 review; a rebound reopens a closed measure (反弹). */
  async addReview(
    actor: Actor,
    measureId: number,
    input: { outcome: "confirmed" | "rebound"; note?: string; reviewDate?: string },
  ): Promise<ReviewRow> {
    ensureDates({ reviewDate: { value: input.reviewDate, label: "复查日期" } });
    if (input.outcome === "rebound") ensure(input.note?.trim(), "认定反弹时须说明情况");
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure } = await loadMeasureFor(tx, actor, measureId, "review", true);
      ensure(isCompletedStatus(measure.status), "只有已销号的措施才能“回头看”");
      const row = await insertRow<ReviewRow>(tx, "reviews", {
        values: { measureId, orgId: measure.orgId, reviewDate: input.reviewDate ?? this.today(), outcome: input.outcome, note: input.note ?? null, reviewedBy: actor.userId },
      });
      await audit({ action: "create", entity: "review", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      if (input.outcome === "rebound") {
        await applyMeasureStatus(tx, audit, measure, "in_progress", { via: "review", isSignoffComplete: false, reason: `回头看发现反弹：${input.note}` });
      }
      return row;
    });
  }
}
