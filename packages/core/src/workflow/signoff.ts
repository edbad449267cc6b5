import type { Role } from "../domain/kinds.ts";

/**
 * One step of a sign-off chain: which role approves and, once a closure is submitted, the person
 * it is routed to (absent for steps any holder of the role may sign).
 */
export interface SignoffStep {
  role: Role;
  label: string;
  /** The person who signs this step (the measure's 责任领导, the department's head); null/absent: anyone holding `role`. */
  assigneeId?: string | null;
  assigneeName?: string | null;
}

/** Default chain (对账销号): department head → responsible leader → 整改办. */
export const DEFAULT_SIGNOFF_CHAIN: readonly SignoffStep[] = [
  { role: "department", label: "责任部门负责人审核" },
  { role: "leader", label: "责任领导签字确认" },
  { role: "rectification_office", label: "整改办对账销号" },
];

/**
 * How the signer of a step is found: the measure's 责任领导 (a person), the head of the measure's
 * department (a person), or anyone holding the step's role on the measure's unit.
 */
export type SignerRule = "measure_leader" | "department_head" | "role_holder";

/** Returns the rule that finds the signer of a step with this role. */
export function signerRuleOf(role: Role): SignerRule {
  switch (role) {
    case "leader":
      return "measure_leader";
    case "department":
      return "department_head";
    case "admin":
    case "inspection_office":
    case "discipline":
    case "rectification_office":
    case "readonly":
      return "role_holder";
  }
}

/** A decision already recorded on a closure. */
export interface SignoffDecision {
  stepIndex: number;
  userId: string;
  decision: "approved" | "returned";
}

/** Who is asking to decide the next step. */
export interface SignoffActor {
  userId: string;
  /** Roles the actor holds in scope of the measure's org. */
  roles: readonly Role[];
  /** People who delegated their signature to the actor (代签), active today. */
  principalIds?: readonly string[];
}

/** Outcome of checking whether an actor may decide the next step. */
export type SignoffCheck =
  | { ok: true; stepIndex: number; isLast: boolean; onBehalfOf: string | null }
  | { ok: false; reason: "CHAIN_COMPLETE" | "SELF_APPROVAL" | "WRONG_ROLE" | "WRONG_PERSON" | "ALREADY_DECIDED"; message: string };

/** Index of the next step to decide, or chain length when all approved. */
export function nextSignoffStep(chain: readonly SignoffStep[], decisions: readonly SignoffDecision[]): number {
  const approved = decisions.filter((d) => d.decision === "approved").length;
  return Math.min(approved, chain.length);
}

/** True when every step in the chain has an approval. */
export function isSignoffComplete(chain: readonly SignoffStep[], decisions: readonly SignoffDecision[]): boolean {
  return chain.length > 0 && nextSignoffStep(chain, decisions) >= chain.length;
}

/**
 * Checks that an actor may approve or return the next step of a closure.
 * A step routed to a person is decided by that person or by someone they delegated to (代签,
 * reported as `onBehalfOf`); other steps by a holder of the step's role. Separation of duties:
 * the submitter never decides, and one person decides at most one step.
 */
export function checkSignoffActor(
  chain: readonly SignoffStep[],
  decisions: readonly SignoffDecision[],
  submitterId: string,
  actor: SignoffActor,
): SignoffCheck {
  const stepIndex = nextSignoffStep(chain, decisions);
  if (stepIndex >= chain.length) {
    return { ok: false, reason: "CHAIN_COMPLETE", message: "签字确认流程已全部完成" };
  }
  if (actor.userId === submitterId) {
    return { ok: false, reason: "SELF_APPROVAL", message: "不能审核本人提交的销号申请" };
  }
  if (decisions.some((d) => d.decision === "approved" && d.userId === actor.userId)) {
    return { ok: false, reason: "ALREADY_DECIDED", message: "同一人不能在销号流程中重复签字" };
  }
  const step = chain[stepIndex];
  const isLast = stepIndex === chain.length - 1;
  if (step.assigneeId) {
    if (actor.userId === step.assigneeId) return { ok: true, stepIndex, isLast, onBehalfOf: null };
    if (actor.principalIds?.includes(step.assigneeId)) return { ok: true, stepIndex, isLast, onBehalfOf: step.assigneeId };
    return { ok: false, reason: "WRONG_PERSON", message: `当前环节“${step.label}”须由${step.assigneeName ?? "指定人员"}本人或其授权的代签人签字` };
  }
  if (!actor.roles.includes(step.role)) {
    return { ok: false, reason: "WRONG_ROLE", message: `当前环节“${step.label}”须由相应角色办理` };
  }
  return { ok: true, stepIndex, isLast, onBehalfOf: null };
}

/**
 * Finds the first step that cannot get its own signer: `candidates[i]` lists the people who may
 * sign step i (already without the submitter); one person signs at most one step. Returns null
 * when every step can be given a distinct signer.
 */
export function findUnsignableStep(candidates: readonly (readonly string[])[]): number | null {
  // Chains have at most six steps, so trying assignments step by step is cheap.
  const assign = (count: number, index: number, used: Set<string>): boolean => {
    if (index === count) return true;
    for (const person of new Set(candidates[index])) {
      if (used.has(person)) continue;
      used.add(person);
      if (assign(count, index + 1, used)) return true;
      used.delete(person);
    }
    return false;
  };
  for (let count = 1; count <= candidates.length; count += 1) {
    if (!assign(count, 0, new Set())) return count - 1;
  }
  return null;
}
