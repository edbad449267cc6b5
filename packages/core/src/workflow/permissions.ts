import type { Role } from "../domain/kinds.ts";

/** What a request wants to do, checked against the roles a user holds in scope. */
export type Action =
  | "read"
  | "manage_ledger"
  | "report_progress"
  | "submit_closure"
  | "review"
  | "self_review"
  | "issue_directive"
  | "reply_directive"
  | "manage_registers"
  | "edit_notice"
  | "approve_notice"
  | "moderate_comments"
  | "administer"
  | "view_audit";

/** The permission table: which roles may perform which action on data in their org subtree. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: [
    "read",
    "manage_ledger",
    "report_progress",
    "submit_closure",
    "review",
    "self_review",
    "issue_directive",
    "reply_directive",
    "manage_registers",
    "edit_notice",
    "approve_notice",
    "moderate_comments",
    "administer",
    "view_audit",
  ],
  inspection_office: ["read", "review", "issue_directive", "view_audit"],
  discipline: ["read", "review", "issue_directive", "view_audit"],
  rectification_office: [
    "read",
    "manage_ledger",
    "report_progress",
    "submit_closure",
    "self_review",
    "reply_directive",
    "manage_registers",
    "edit_notice",
    "moderate_comments",
  ],
  leader: ["read", "approve_notice"],
  department: ["read", "report_progress", "submit_closure"],
  readonly: ["read"],
};

/** True when any of the roles allows the action. */
export function canPerform(roles: readonly Role[], action: Action): boolean {
  return roles.some((role) => ROLE_ACTIONS[role].includes(action));
}
