import { createContext, useContext } from "react";
import { canPerform, type Action, type Role } from "@zhenggai/core";
import type { Org, SessionUser } from "../api/types.ts";

/** What the app knows about the signed-in user. */
export interface SessionState {
  user: SessionUser | null;
  orgs: Org[];
  /** True until the first `me` probe has answered. */
  isLoading: boolean;
  /** True while the system has no user yet: every page leads to the first-run setup. */
  needsSetup: boolean;
  /** Message to show on the login page (e.g. the session expired). */
  notice: string | null;
  /** True after an administrator reset the password: nothing opens until the user changes it. */
  mustChangePassword: boolean;
  signIn(user: SessionUser, csrfToken: string): Promise<void>;
  signOut(notice?: string): Promise<void>;
  refresh(): Promise<void>;
}

/** React context holding the session. */
export const SessionContext = createContext<SessionState | null>(null);

/** Returns the session; must be used under SessionProvider. */
export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}

/** Distinct roles a user holds anywhere. */
export function rolesOf(user: SessionUser | null): Role[] {
  return [...new Set((user?.grants ?? []).map((g) => g.role))];
}

/** True when any of the user's roles allows the action somewhere (menus and buttons; the server checks scope). */
export function canUser(user: SessionUser | null, action: Action): boolean {
  return canPerform(rolesOf(user), action);
}

/** True when the user is a supervisor (巡察办 / 纪检监察组) or administrator: sees the roll-up across units. */
export function isSupervisor(user: SessionUser | null): boolean {
  return rolesOf(user).some((r) => r === "inspection_office" || r === "discipline" || r === "admin");
}

/**
 * True when a role the user holds on the org or one of its ancestors allows the action there
 * (as the server's scope does: a grant covers its org's subtree). Unknown orgs fall back to false.
 */
export function canUserOn(user: SessionUser | null, orgs: readonly Org[], action: Action, orgId: number | null | undefined): boolean {
  const target = orgs.find((o) => o.id === orgId);
  if (!user || !target) return false;
  const roles = user.grants.filter((g) => {
    const granted = orgs.find((o) => o.id === g.orgId);
    return granted !== undefined && target.path.startsWith(granted.path);
  });
  return canPerform([...new Set(roles.map((g) => g.role))], action);
}
