import { describe, expect, it } from "vitest";
import { STATUSES, type Status } from "../domain/status.ts";
import { checkTransition, TRANSITIONS, type TransitionContext, type TransitionRefusal } from "./transitions.ts";

const manual: TransitionContext = { via: "manual", evidenceCount: 0, isSignoffComplete: false };
const closed: TransitionContext = { via: "closure", evidenceCount: 1, isSignoffComplete: true };
const review: TransitionContext = { via: "review", evidenceCount: 0, isSignoffComplete: false };

// Expected outcome of every (from, to) pair for a plain edit, a completed closure and a review.
// "ok" or the refusal code. Rows: from; columns: to in STATUSES order.
type Outcome = "ok" | TransitionRefusal;
const N = "NOT_ALLOWED";
const E = "EVIDENCE_REQUIRED";
const S = "SIGNOFF_INCOMPLETE";
const R = "REVIEW_REQUIRED";

// STATUSES order: not_started, in_progress, phased, completed, completed_long_term, not_completed
const MANUAL: Record<Status, Outcome[]> = {
  not_started: [N, "ok", "ok", E, E, "ok"],
  in_progress: [N, N, "ok", E, E, "ok"],
  phased: [N, "ok", N, E, E, "ok"],
  completed: [N, R, N, N, S, N],
  completed_long_term: [N, R, N, S, N, N],
  not_completed: [N, "ok", "ok", E, E, N],
};
const CLOSURE: Record<Status, Outcome[]> = {
  not_started: [N, "ok", "ok", "ok", "ok", "ok"],
  in_progress: [N, N, "ok", "ok", "ok", "ok"],
  phased: [N, "ok", N, "ok", "ok", "ok"],
  completed: [N, R, N, N, "ok", N],
  completed_long_term: [N, R, N, "ok", N, N],
  not_completed: [N, "ok", "ok", "ok", "ok", N],
};
const REVIEW: Record<Status, Outcome[]> = {
  not_started: [N, N, N, E, E, N],
  in_progress: [N, N, N, E, E, N],
  phased: [N, N, N, E, E, N],
  completed: [N, "ok", N, N, S, N],
  completed_long_term: [N, "ok", N, S, N, N],
  not_completed: [N, N, N, E, E, N],
};

function outcomeOf(from: Status, to: Status, context: TransitionContext): Outcome {
  const check = checkTransition(from, to, context);
  return check.ok ? "ok" : check.refusal;
}

describe("checkTransition", () => {
  for (const [label, context, table] of [
    ["plain edit", manual, MANUAL],
    ["closure with evidence and complete sign-off", closed, CLOSURE],
    ["回头看 review", review, REVIEW],
  ] as const) {
    describe(label, () => {
      for (const from of STATUSES) {
        for (const [index, to] of STATUSES.entries()) {
          it(`${from} → ${to}: ${table[from][index]}`, () => {
            expect(outcomeOf(from, to, context)).toBe(table[from][index]);
          });
        }
      }
    });
  }

  it("refuses closure without evidence even when the chain is complete", () => {
    expect(outcomeOf("in_progress", "completed", { via: "closure", evidenceCount: 0, isSignoffComplete: true })).toBe("EVIDENCE_REQUIRED");
  });

  it("refuses closure with evidence while the sign-off chain is incomplete", () => {
    expect(outcomeOf("phased", "completed", { via: "closure", evidenceCount: 3, isSignoffComplete: false })).toBe("SIGNOFF_INCOMPLETE");
  });

  it("lets an import record any listed move without guards", () => {
    expect(outcomeOf("not_started", "completed", { via: "import", evidenceCount: 0, isSignoffComplete: false })).toBe("ok");
    expect(outcomeOf("completed", "in_progress", { via: "import", evidenceCount: 0, isSignoffComplete: false })).toBe("ok");
  });

  it("gives every refusal a Chinese message", () => {
    const check = checkTransition("in_progress", "completed", manual);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("never lists a status as reachable from itself", () => {
    for (const status of STATUSES) expect(TRANSITIONS[status]).not.toContain(status);
  });
});
