import { describe, expect, it } from "vitest";
import {
  checkSignoffActor,
  DEFAULT_SIGNOFF_CHAIN,
  findUnsignableStep,
  isSignoffComplete,
  nextSignoffStep,
  signerRuleOf,
  type SignoffDecision,
  type SignoffStep,
} from "./signoff.ts";

const chain = DEFAULT_SIGNOFF_CHAIN;
const approved = (stepIndex: number, userId: string): SignoffDecision => ({ stepIndex, userId, decision: "approved" });
// The default chain as submitted: department head "h", leader "l", the 整改办 step open to its role.
const routed: SignoffStep[] = [
  { ...chain[0], assigneeId: "h", assigneeName: "股长甲" },
  { ...chain[1], assigneeId: "l", assigneeName: "领导乙" },
  { ...chain[2] },
];

describe("sign-off chain", () => {
  it("defaults to department head → responsible leader → 整改办", () => {
    expect(chain.map((s) => s.role)).toEqual(["department", "leader", "rectification_office"]);
    expect(chain.map((s) => signerRuleOf(s.role))).toEqual(["department_head", "measure_leader", "role_holder"]);
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
    { name: "the right role decides an unrouted step", decisions: [], actor: { userId: "d", roles: ["department"] as const }, expected: { ok: true, stepIndex: 0, isLast: false, onBehalfOf: null } },
    { name: "the submitter may not approve their own submission", decisions: [], actor: { userId: "s", roles: ["department"] as const }, expected: { ok: false, reason: "SELF_APPROVAL" } },
    { name: "a wrong role is refused", decisions: [], actor: { userId: "l", roles: ["leader"] as const }, expected: { ok: false, reason: "WRONG_ROLE" } },
    { name: "one person signs at most one step", decisions: [approved(0, "x")], actor: { userId: "x", roles: ["department", "leader"] as const }, expected: { ok: false, reason: "ALREADY_DECIDED" } },
    { name: "the last step is flagged", decisions: [approved(0, "d"), approved(1, "l")], actor: { userId: "o", roles: ["rectification_office"] as const }, expected: { ok: true, stepIndex: 2, isLast: true } },
    { name: "a complete chain takes no more decisions", decisions: [approved(0, "d"), approved(1, "l"), approved(2, "o")], actor: { userId: "z", roles: ["admin"] as const }, expected: { ok: false, reason: "CHAIN_COMPLETE" } },
    { name: "an administrator does not stand in for a role", decisions: [approved(0, "d")], actor: { userId: "a", roles: ["admin"] as const }, expected: { ok: false, reason: "WRONG_ROLE" } },
  ])("$name", ({ decisions, actor, expected }) => {
    expect(checkSignoffActor(chain, decisions, "s", actor)).toMatchObject(expected);
  });

  it.each([
    { name: "the named head signs the department step", decisions: [], actor: { userId: "h", roles: ["department"] as const }, expected: { ok: true, stepIndex: 0, onBehalfOf: null } },
    { name: "another holder of the role may not", decisions: [], actor: { userId: "d", roles: ["department"] as const }, expected: { ok: false, reason: "WRONG_PERSON", message: "当前环节“责任部门负责人审核”须由股长甲本人或其授权的代签人签字" } },
    { name: "the named leader signs the leader step", decisions: [approved(0, "h")], actor: { userId: "l", roles: ["leader"] as const }, expected: { ok: true, stepIndex: 1, onBehalfOf: null } },
    { name: "a second leader may not", decisions: [approved(0, "h")], actor: { userId: "l2", roles: ["leader"] as const }, expected: { ok: false, reason: "WRONG_PERSON" } },
    { name: "an administrator may not either", decisions: [approved(0, "h")], actor: { userId: "a", roles: ["admin", "leader"] as const }, expected: { ok: false, reason: "WRONG_PERSON" } },
    { name: "a delegate signs on the leader's behalf", decisions: [approved(0, "h")], actor: { userId: "p", roles: ["rectification_office"] as const, principalIds: ["l"] }, expected: { ok: true, stepIndex: 1, onBehalfOf: "l" } },
    { name: "a delegate of someone else may not", decisions: [approved(0, "h")], actor: { userId: "p", roles: ["leader"] as const, principalIds: ["h"] }, expected: { ok: false, reason: "WRONG_PERSON" } },
    { name: "a delegate who signed a step already may not sign another", decisions: [approved(0, "p")], actor: { userId: "p", roles: ["leader"] as const, principalIds: ["l"] }, expected: { ok: false, reason: "ALREADY_DECIDED" } },
    { name: "the submitter may not sign as a delegate", decisions: [approved(0, "h")], actor: { userId: "s", roles: ["leader"] as const, principalIds: ["l"] }, expected: { ok: false, reason: "SELF_APPROVAL" } },
  ])("routed: $name", ({ decisions, actor, expected }) => {
    expect(checkSignoffActor(routed, decisions, "s", actor)).toMatchObject(expected);
  });

  it.each([
    { name: "distinct signers for every step", candidates: [["h"], ["l"], ["o1", "o2"]], expected: null },
    { name: "a step nobody can sign", candidates: [["h"], [], ["o"]], expected: 1 },
    { name: "the same person for two steps, no one else", candidates: [["x"], ["x"], ["o"]], expected: 1 },
    { name: "a pool that only works when assigned cleverly", candidates: [["a", "b"], ["a"], ["b", "c"]], expected: null },
    { name: "three steps sharing two people", candidates: [["a", "b"], ["a", "b"], ["a", "b"]], expected: 2 },
    { name: "an empty chain", candidates: [], expected: null },
  ])("findUnsignableStep: $name", ({ candidates, expected }) => {
    expect(findUnsignableStep(candidates)).toBe(expected);
  });
});
