import type { Status } from "../domain/status.ts";
import { isCompletedStatus } from "../domain/status.ts";

/** How a status change is being made: a plain edit, the end of a sign-off chain, a 回头看 review, or an import. */
export type TransitionVia = "manual" | "closure" | "review" | "import";

/** Why a transition was refused. */
export type TransitionRefusal =
  | "NOT_ALLOWED"
  | "EVIDENCE_REQUIRED"
  | "SIGNOFF_INCOMPLETE"
  | "REVIEW_REQUIRED";

/** Facts the guards need; the caller gathers them from storage. */
export interface TransitionContext {
  via: TransitionVia;
  evidenceCount: number;
  /** True when every step of the configured sign-off chain has approved. */
  isSignoffComplete: boolean;
}

/** Outcome of checking a transition. */
export type TransitionCheck =
  | { ok: true }
  | { ok: false; refusal: TransitionRefusal; message: string };

/**
 * The transition table: for each status, the statuses a plain edit may move it to.
 * Completion is never reached by a plain edit; it needs evidence and sign-off (closure),
 * and leaving a completed status needs a 回头看 review (反弹).
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  not_started: ["in_progress", "phased", "completed", "completed_long_term", "not_completed"],
  in_progress: ["phased", "completed", "completed_long_term", "not_completed"],
  phased: ["in_progress", "completed", "completed_long_term", "not_completed"],
  not_completed: ["in_progress", "phased", "completed", "completed_long_term"],
  completed: ["in_progress", "completed_long_term"],
  completed_long_term: ["in_progress", "completed"],
};

/** True when the table lists `to` as reachable from `from` at all. */
export function isListedTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Checks one status change against the table and its guards; never throws. */
export function checkTransition(from: Status, to: Status, context: TransitionContext): TransitionCheck {
  // Imports record what a published notice already states; they bypass the guards
  // but still cannot invent a move the table does not know.
  if (from === to) {
    return refuse("NOT_ALLOWED", "状态未变化");
  }
  if (!isListedTransition(from, to)) {
    return refuse("NOT_ALLOWED", `不允许从“${from}”变更为“${to}”`);
  }
  if (context.via === "import") {
    return { ok: true };
  }
  const leavingCompleted = isCompletedStatus(from) && !isCompletedStatus(to);
  if (leavingCompleted) {
    // 回头看: only a review may reopen a closed item (反弹).
    return context.via === "review"
      ? { ok: true }
      : refuse("REVIEW_REQUIRED", "已销号事项只能通过“回头看”复查重新打开");
  }
  if (isCompletedStatus(to) && !isCompletedStatus(from)) {
    if (context.evidenceCount < 1) {
      return refuse("EVIDENCE_REQUIRED", "销号前须至少上传一份佐证材料");
    }
    if (context.via !== "closure" || !context.isSignoffComplete) {
      return refuse("SIGNOFF_INCOMPLETE", "销号须完成签字确认流程");
    }
    return { ok: true };
  }
  if (isCompletedStatus(to) && isCompletedStatus(from)) {
    // Switching between 已完成 and 长期坚持 re-labels a closed item; it still needs the chain.
    return context.via === "closure" && context.isSignoffComplete
      ? { ok: true }
      : refuse("SIGNOFF_INCOMPLETE", "变更销号类别须完成签字确认流程");
  }
  if (context.via === "review") {
    return refuse("NOT_ALLOWED", "“回头看”只能重新打开已销号事项");
  }
  return { ok: true };
}

function refuse(refusal: TransitionRefusal, message: string): TransitionCheck {
  return { ok: false, refusal, message };
}
