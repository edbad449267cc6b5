import { checkSignoffActor, isCompletedStatus, isSignoffComplete, type SignoffDecision, type SignoffStep, type Status } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { countEvidence, type MeasureRow } from "../repositories/ledger.repository.ts";
import { listPrincipalIds } from "../repositories/people.repository.ts";
import { findRowById, insertRow } from "../repositories/sql.ts";
import { listDecisions, listPendingClosures, type ClosureDecisionRow, type ClosureRow, type ReviewRow } from "../repositories/workflow.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { applyMeasureStatus, auditOrgOf, loadMeasureFor } from "./measure.service.ts";
import { notifyClosureApproved, notifyClosureReturned, notifySignoffNeeded } from "./notification-events.ts";
import { resolveSignoffChain } from "./org.service.ts";
import { routeSignoffChain } from "./signoff-routing.ts";
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

  /**
   * Submits a measure for closure; needs at least one evidence item and no open request. Each step
   * is routed to its person (责任领导, department head) and the submission is refused, naming the
   * step, when a step would have nobody to sign it.
   */
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
      const chain = await routeSignoffChain(tx, measure, await resolveSignoffChain(tx, measure.departmentId ?? measure.orgId), actor.userId, this.today());
      const row = await insertRow<ClosureRow>(tx, "closures", {
        values: { measureId, orgId: measure.orgId, targetStatus: input.targetStatus, chain, note: input.note ?? null, submittedBy: actor.userId },
        jsonFields: ["chain"],
      });
      await audit({ action: "create", entity: "closure", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({
        action: "submit_closure",
        entity: "measure",
        entityId: measureId,
        orgId: auditOrgOf(measure),
        after: { closureId: row.id, targetStatus: input.targetStatus, chain: chain.map((s) => ({ label: s.label, assigneeName: s.assigneeName ?? null })) },
      });
      await notifySignoffNeeded(tx, measure, chain[0], [actor.userId], actor.userId, this.today());
      return row;
    });
  }

  /**
   * Approves or returns the next step of a closure with an 审核意见 (required to return; "同意" when
   * an approval gives none); a delegate signs on the assignee's behalf (代签, recorded). The decision
   * lands in the measure's history; the last approval closes the measure.
   */
  async decideClosure(
    actor: Actor,
    closureId: number,
    input: { decision: "approved" | "returned"; reason?: string },
  ): Promise<ClosureRow & { measureStatus: Status }> {
    if (input.decision === "returned") ensure(input.reason?.trim(), "退回时须填写审核意见（退回理由）");
    const opinion = input.reason?.trim() || (input.decision === "approved" ? "同意" : "");
    return runMutation(this.db, actor, async (tx, audit) => {
      const closure = found(await findRowById<ClosureRow>(tx, "closures", closureId, true), "销号申请");
      const measure = found(await findRowById<MeasureRow>(tx, "measures", closure.measureId, true), "整改措施");
      const scope = await AccessScope.load(tx, actor);
      scope.require("read", [measure.orgId, measure.departmentId], "销号申请");
      if (closure.state !== "pending") throw new AppError("CONFLICT", "该销号申请已办结");
      const chain = closure.chain as SignoffStep[];
      const decisions = await listDecisions(tx, [closureId]);
      const principalIds = await listPrincipalIds(tx, actor.userId, this.today());
      const check = checkSignoffActor(chain, decisions.map(toSignoffDecision), String(closure.submittedBy), {
        userId: String(actor.userId),
        roles: scope.rolesAt([measure.orgId, measure.departmentId]),
        principalIds: principalIds.map(String),
      });
      if (!check.ok) {
        throw new AppError(check.reason === "WRONG_ROLE" || check.reason === "WRONG_PERSON" ? "FORBIDDEN" : "INVALID_TRANSITION", check.message, { refusal: check.reason });
      }
      const onBehalfOf = check.onBehalfOf === null ? null : Number(check.onBehalfOf);
      await tx.query(
        "insert into closure_decisions (closure_id, step_index, user_id, decision, reason, on_behalf_of) values ($1, $2, $3, $4, $5, $6)",
        [closureId, check.stepIndex, actor.userId, input.decision, opinion, onBehalfOf],
      );
      const step = chain[check.stepIndex];
      // The decision in full: who signed which step of which closure, with what 审核意见, for whom.
      const record = {
        closureId,
        measureId: closure.measureId,
        targetStatus: closure.targetStatus,
        stepIndex: check.stepIndex,
        step: step.label,
        userId: actor.userId,
        decision: input.decision,
        opinion,
        onBehalfOf: onBehalfOf === null ? null : { userId: onBehalfOf, name: step.assigneeName ?? null },
      };
      const action = input.decision === "approved" ? "approve" : "return";
      await audit({ action, entity: "closure", entityId: closureId, orgId: auditOrgOf(measure), after: record });
      await audit({ action, entity: "measure", entityId: measure.id, orgId: auditOrgOf(measure), after: record });
      let state: ClosureRow["state"] = "pending";
      let measureStatus = measure.status;
      if (input.decision === "returned") {
        state = "returned";
      } else if (check.isLast) {
        const all = [...decisions.map(toSignoffDecision), { stepIndex: check.stepIndex, userId: String(actor.userId), decision: "approved" as const }];
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
      if (state === "returned") {
        await notifyClosureReturned(tx, measure, closure.submittedBy, chain[check.stepIndex].label, input.reason?.trim() ?? "", actor.userId);
      } else if (state === "approved") {
        await notifyClosureApproved(tx, measure, closure.submittedBy, actor.userId);
      } else {
        const signed = [closure.submittedBy, actor.userId, ...decisions.filter((d) => d.decision === "approved").map((d) => d.userId)];
        await notifySignoffNeeded(tx, measure, chain[check.stepIndex + 1], signed, actor.userId, this.today());
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

  /**
   * 待我签字: the pending closures whose next step the actor may decide — routed to them, to someone
   * who delegated to them (`onBehalfOfName`), or open to a role they hold — and nothing else.
   */
  async listPending(
    actor: Actor,
  ): Promise<(Awaited<ReturnType<typeof listPendingClosures>>[number] & { canDecide: boolean; nextStep: string; onBehalfOfName: string | null })[]> {
    const scope = await AccessScope.load(this.db, actor);
    const rows = await listPendingClosures(this.db, scope.visibleOrgIds());
    const decisions = await listDecisions(this.db, rows.map((r) => r.id));
    const principalIds = (await listPrincipalIds(this.db, actor.userId, this.today())).map(String);
    return rows.flatMap((row) => {
      const chain = row.chain as SignoffStep[];
      const check = checkSignoffActor(chain, decisions.filter((d) => d.closureId === row.id).map(toSignoffDecision), String(row.submittedBy), {
        userId: String(actor.userId),
        roles: scope.rolesAt([row.orgId, row.departmentId]),
        principalIds,
      });
      if (!check.ok) return [];
      const step = chain[check.stepIndex];
      return [{ ...row, canDecide: true, nextStep: step.label, onBehalfOfName: check.onBehalfOf === null ? null : (step.assigneeName ?? null) }];
    });
  }

  /**
   * Records a 回头看 review: 自查 by the unit itself (整改办) or 督查 by a supervisor. A rebound (反弹)
   * reopens the closed measure with a new due date and marks its approved closure as reopened; the
   * closure's sign-off stays as it was, in the history.
   */
  async addReview(
    actor: Actor,
    measureId: number,
    input: { outcome: "confirmed" | "rebound"; note?: string; reviewDate?: string; newDueDate?: string; kind?: ReviewRow["kind"] },
  ): Promise<ReviewRow> {
    ensureDates({ reviewDate: { value: input.reviewDate, label: "复查日期" }, newDueDate: { value: input.newDueDate, label: "新的完成时限" } });
    const reviewDate = input.reviewDate ?? this.today();
    if (input.outcome === "rebound") {
      ensure(input.note?.trim(), "认定反弹时须说明情况");
      ensure(input.newDueDate, "认定反弹时须确定新的完成时限");
      ensure(input.newDueDate > reviewDate, "新的完成时限应晚于复查日期");
    }
    return runMutation(this.db, actor, async (tx, audit) => {
      const { measure, scope } = await loadMeasureFor(tx, actor, measureId, "read", true);
      const orgIds = [measure.orgId, measure.departmentId];
      const kind = input.kind ?? (scope.can("review", orgIds) ? "supervision" : "self");
      scope.require(kind === "self" ? "self_review" : "review", orgIds, "整改措施");
      ensure(isCompletedStatus(measure.status), "只有已销号的措施才能“回头看”");
      const row = await insertRow<ReviewRow>(tx, "reviews", {
        values: {
          measureId,
          orgId: measure.orgId,
          reviewDate,
          outcome: input.outcome,
          kind,
          newDueDate: input.outcome === "rebound" ? input.newDueDate : null,
          note: input.note ?? null,
          reviewedBy: actor.userId,
        },
      });
      await audit({ action: "create", entity: "review", entityId: row.id, orgId: auditOrgOf(measure), after: row });
      await audit({ action: kind === "self" ? "self_review" : "review", entity: "measure", entityId: measureId, orgId: auditOrgOf(measure), after: { reviewId: row.id, outcome: input.outcome, note: row.note } });
      if (input.outcome === "rebound") {
        const reopened = await tx.query<{ id: number }>(
          `update closures set reopened_at = now(), reopen_review_id = $2
            where id = (select id from closures where measure_id = $1 and state = 'approved' and reopened_at is null order by id desc limit 1)
            returning id`,
          [measureId, row.id],
        );
        if (reopened[0]) {
          await audit({ action: "reopen", entity: "closure", entityId: reopened[0].id, orgId: auditOrgOf(measure), after: { reviewId: row.id } });
        }
        const after = await applyMeasureStatus(tx, audit, measure, "in_progress", { via: "review", isSignoffComplete: false, reason: `回头看发现反弹：${input.note}` });
        await tx.query("update measures set due_date = $2, version = version + 1, updated_at = now() where id = $1", [measureId, input.newDueDate]);
        await audit({
          action: "reschedule",
          entity: "measure",
          entityId: measureId,
          orgId: auditOrgOf(measure),
          before: { dueDate: measure.dueDate, version: after.version },
          after: { dueDate: input.newDueDate, reason: "回头看发现反弹，重新确定完成时限" },
        });
      }
      return row;
    });
  }
}

function toSignoffDecision(row: ClosureDecisionRow): SignoffDecision {
  return { stepIndex: row.stepIndex, userId: String(row.userId), decision: row.decision };
}
