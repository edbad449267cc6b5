import type { Role } from "../domain/kinds.ts";

/** One step of a sign-off chain: which role must approve. */
export interface SignoffStep {
  role: Role;
  label: string;
}

/** Default chain (对账销号): department head → responsible leader → 整改办. */
export const DEFAULT_SIGNOFF_CHAIN: readonly SignoffStep[] = [
  { role: "department", label: "责任部门负责人审核" },
  { role: "leader", label: "责任领导签字确认" },
  { role: "rectification_office", label: "整改办对账销号" },
];

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
}

/** Outcome of checking whether an actor may decide the next step. */
export type SignoffCheck =
  | { ok: true; stepIndex: number; isLast: boolean }
  | { ok: false; reason: "CHAIN_COMPLETE" | "SELF_APPROVAL" | "WRONG_ROLE" | "ALREADY_DECIDED"; message: string };

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
 * Separation of duties: the submitter never decides, and one person decides at most one step.
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
  if (!actor.roles.includes(step.role) && !actor.roles.includes("admin")) {
    return { ok: false, reason: "WRONG_ROLE", message: `当前步骤“${step.label}”须由相应角色办理` };
  }
  return { ok: true, stepIndex, isLast: stepIndex === chain.length - 1 };
}
