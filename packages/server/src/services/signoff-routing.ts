import { findUnsignableStep, signerRuleOf, type SignoffStep } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { MeasureRow } from "../repositories/ledger.repository.ts";
import { findOrgHead, findPerson, listActiveDelegates, listRoleHoldersAt, type Person } from "../repositories/people.repository.ts";

/** Why a step has nobody to sign it, in the words the submitter reads. */
function refuseStep(step: SignoffStep, why: string, stepIndex: number): never {
  throw new AppError("INVALID_TRANSITION", `无法提交销号：“${step.label}”环节没有可签字的人——${why}`, {
    refusal: "NO_SIGNER",
    stepIndex,
    role: step.role,
  });
}

/**
 * Routes each step of a closure's chain to the person it belongs to — the measure's 责任领导, the
 * head of its 责任部门 — and checks that every step has someone who may sign it: the assignee or
 * their delegate (代签) for routed steps, a holder of the role on the measure's unit otherwise;
 * never the submitter, and never one person for two steps. Throws, naming the step and what is
 * missing, when a step would dead-end; returns the chain with assignees to store on the closure.
 */
export async function routeSignoffChain(
  q: Queryable,
  measure: MeasureRow,
  chain: readonly SignoffStep[],
  submitterId: number,
  today: string,
): Promise<SignoffStep[]> {
  const routed: SignoffStep[] = [];
  const candidates: string[][] = [];
  for (const [index, template] of chain.entries()) {
    const step: SignoffStep = { role: template.role, label: template.label };
    const rule = signerRuleOf(step.role);
    if (rule === "role_holder") {
      const holders = (await listStepSigners(q, measure, step, today)).filter((p) => p.id !== submitterId);
      if (holders.length === 0) refuseStep(step, "本单位没有其他持有该角色的在用账号（提交人本人不能签字）", index);
      routed.push(step);
      candidates.push(holders.map((p) => String(p.id)));
      continue;
    }
    const assignee = rule === "measure_leader" ? await leaderOf(q, measure, step, index) : await headOf(q, measure, step, index);
    step.assigneeId = String(assignee.id);
    step.assigneeName = assignee.displayName;
    const people = (await listStepSigners(q, measure, step, today, assignee)).filter((p) => p.id !== submitterId);
    if (people.length === 0) {
      const why =
        assignee.id === submitterId
          ? `签字人${assignee.displayName}就是提交人，本人不能签自己的申请；请由其他人提交，或由${assignee.displayName}设置代签`
          : !assignee.isActive
            ? `签字人${assignee.displayName}的账号已停用，且没有有效的代签授权`
            : `签字人${assignee.displayName}的账号在本单位没有角色，无权查看本措施`;
      refuseStep(step, why, index);
    }
    routed.push(step);
    candidates.push(people.map((p) => String(p.id)));
  }
  const stuck = findUnsignableStep(candidates);
  if (stuck !== null) {
    refuseStep(routed[stuck], "可签字的人已在前面的环节签字，同一人不能在销号流程中重复签字；请设置代签或调整责任人", stuck);
  }
  return routed;
}

/**
 * The people who may sign one step of a closure on `today`, before the separation-of-duties rules
 * (not the submitter, one step each) are applied: for a step routed to a person, that person when
 * their account is active and sees the measure, and whoever they delegated to (代签); for any other
 * step, the holders of its role on the measure's unit or department. Routing (at submission) and the
 * 待签字 messages both ask this, so a message reaches exactly the people `checkSignoffActor` accepts.
 */
export async function listStepSigners(
  q: Queryable,
  measure: Pick<MeasureRow, "orgId" | "departmentId">,
  step: SignoffStep,
  today: string,
  assignee?: Person,
): Promise<Person[]> {
  const scopeOrgIds = [measure.orgId, measure.departmentId].filter((id): id is number => id !== null);
  if (!step.assigneeId) return listRoleHoldersAt(q, step.role, scopeOrgIds);
  const person = assignee ?? (await findPerson(q, Number(step.assigneeId), scopeOrgIds));
  const delegates = await listActiveDelegates(q, Number(step.assigneeId), today, scopeOrgIds);
  const people = [...(person && person.isActive && person.isInScope ? [person] : []), ...delegates];
  return people.filter((p, i) => people.findIndex((other) => other.id === p.id) === i);
}

async function leaderOf(q: Queryable, measure: MeasureRow, step: SignoffStep, index: number): Promise<Person> {
  if (measure.leaderUserId === null) {
    refuseStep(step, measure.leaderName ? `本措施的责任领导“${measure.leaderName}”尚未关联用户账号，请整改办在台账中关联` : "本措施未填写责任领导", index);
  }
  return (await findPerson(q, measure.leaderUserId, [measure.orgId, measure.departmentId])) ?? refuseStep(step, "本措施的责任领导账号不存在", index);
}

async function headOf(q: Queryable, measure: MeasureRow, step: SignoffStep, index: number): Promise<Person> {
  if (measure.departmentId === null) refuseStep(step, "本措施未指定责任部门", index);
  const head = await findOrgHead(q, measure.departmentId, [measure.orgId, measure.departmentId]);
  if (!head.person) {
    refuseStep(step, `责任部门“${head.departmentName}”未设置负责人，请管理员在“系统管理 → 组织机构与签字流程”中指定`, index);
  }
  return head.person;
}
