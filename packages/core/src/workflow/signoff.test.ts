import { describe, expect, it } from "vitest";
import { checkSignoffActor, DEFAULT_SIGNOFF_CHAIN, isSignoffComplete, nextSignoffStep, type SignoffDecision } from "./signoff.ts";

const chain = DEFAULT_SIGNOFF_CHAIN;
const approved = (stepIndex: number, userId: string): SignoffDecision => ({ stepIndex, userId, decision: "approved" });

describe("sign-off chain", () => {
  it("defaults to department head → responsible leader → 整改办", () => {
    expect(chain.map((s) => s.role)).toEqual(["department", "leader", "rectification_office"]);
  });

  it.each([
    { decisions: [], next: 0, complete: false },
    { decisions: [approved(0, "d")], next: 1, complete: false },
    { decisions: [approved(0, "d"), approved(1, "l")], next: 2, complete: false },
    { decisions: [approved(0, "d"), approved(1, "l"), approved(2, "o")], next: 3, complete: true },
  ])("after $decisions.length approvals the next step is $next", ({ decisions, next, complete }) => {
    expect(nextSignoffStep(chain, decisions)).toBe(next);
    expect(isSignoffComplete(chain, decisions)).toBe(complete);
  });

  it("an empty chain is never complete", () => {
    expect(isSignoffComplete([], [])).toBe(false);
  });

  it.each([
    { name: "the right role decides the next step", decisions: [], actor: { userId: "d", roles: ["department"] as const }, expected: { ok: true, stepIndex: 0, isLast: false } },
    { name: "the submitter may not approve their own submission", decisions: [], actor: { userId: "s", roles: ["department"] as const }, expected: { ok: false, reason: "SELF_APPROVAL" } },
    { name: "a wrong role is refused", decisions: [], actor: { userId: "l", roles: ["leader"] as const }, expected: { ok: false, reason: "WRONG_ROLE" } },
    { name: "one person signs at most one step", decisions: [approved(0, "x")], actor: { userId: "x", roles: ["department", "leader"] as const }, expected: { ok: false, reason: "ALREADY_DECIDED" } },
    { name: "the last step is flagged", decisions: [approved(0, "d"), approved(1, "l")], actor: { userId: "o", roles: ["rectification_office"] as const }, expected: { ok: true, stepIndex: 2, isLast: true } },
    { name: "a complete chain takes no more decisions", decisions: [approved(0, "d"), approved(1, "l"), approved(2, "o")], actor: { userId: "z", roles: ["admin"] as const }, expected: { ok: false, reason: "CHAIN_COMPLETE" } },
    { name: "an administrator may decide any step", decisions: [approved(0, "d")], actor: { userId: "a", roles: ["admin"] as const }, expected: { ok: true, stepIndex: 1, isLast: false } },
  ])("$name", ({ decisions, actor, expected }) => {
    expect(checkSignoffActor(chain, decisions, "s", actor)).toMatchObject(expected);
  });
});
