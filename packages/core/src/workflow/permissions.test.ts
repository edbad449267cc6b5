import { describe, expect, it } from "vitest";
import { ROLES } from "../domain/kinds.ts";
import { canPerform, ROLE_ACTIONS } from "./permissions.ts";

describe("permission table", () => {
  it("lets every role read", () => {
    for (const role of ROLES) expect(canPerform([role], "read")).toBe(true);
  });

  it.each([
    { role: "readonly", action: "manage_ledger", expected: false },
    { role: "department", action: "manage_ledger", expected: false },
    { role: "department", action: "submit_closure", expected: true },
    { role: "leader", action: "report_progress", expected: false },
    { role: "rectification_office", action: "manage_ledger", expected: true },
    { role: "inspection_office", action: "review", expected: true },
    { role: "inspection_office", action: "manage_ledger", expected: false },
    { role: "discipline", action: "issue_directive", expected: true },
    { role: "rectification_office", action: "approve_notice", expected: false },
    { role: "leader", action: "approve_notice", expected: true },
    { role: "admin", action: "administer", expected: true },
    { role: "rectification_office", action: "administer", expected: false },
    { role: "rectification_office", action: "self_review", expected: true },
    { role: "rectification_office", action: "review", expected: false },
    { role: "department", action: "self_review", expected: false },
    { role: "discipline", action: "view_audit", expected: true },
    { role: "rectification_office", action: "view_audit", expected: false },
  ] as const)("$role may $action: $expected", ({ role, action, expected }) => {
    expect(canPerform([role], action)).toBe(expected);
  });

  it("only administrators administer", () => {
    const administrators = ROLES.filter((role) => ROLE_ACTIONS[role].includes("administer"));
    expect(administrators).toEqual(["admin"]);
  });
});
