import { canPerform, labelRole, type Action, type Role } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";

/** The signed-in user a service acts for. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  /** Roles held directly, each on an org subtree. */
  grants: { orgId: number; role: Role }[];
}

/** The system itself (CLI maintenance, demo loading) — used only by trusted adapters. */
export const SYSTEM_ACTOR_NAME = "系统";

/**
 * What one actor may see and do: for every org in the actor's subtrees, the roles that apply there
 * (roles are inherited down the org tree).
 */
export class AccessScope {
  readonly actor: Actor;
  private readonly rolesByOrg: Map<number, Role[]>;

  constructor(actor: Actor, rolesByOrg: Map<number, Role[]>) {
    this.actor = actor;
    this.rolesByOrg = rolesByOrg;
  }

  /** Loads the scope of an actor from the org tree. */
  static async load(q: Queryable, actor: Actor): Promise<AccessScope> {
    const rows = await q.query<{ id: number; role: Role }>(
      `select distinct o.id, r.role
         from user_roles r
         join orgs root on root.id = r.org_id
         join orgs o on o.path like root.path || '%'
        where r.user_id = $1`,
      [actor.userId],
    );
    const map = new Map<number, Role[]>();
    for (const row of rows) {
      const list = map.get(row.id);
      if (list) list.push(row.role);
      else map.set(row.id, [row.role]);
    }
    return new AccessScope(actor, map);
  }

  /** Ids of every org the actor can read. */
  visibleOrgIds(): number[] {
    return [...this.rolesByOrg.keys()];
  }

  /** Roles that apply to data attached to any of these orgs. */
  rolesAt(orgIds: readonly (number | null | undefined)[]): Role[] {
    const roles = new Set<Role>();
    for (const id of orgIds) {
      if (id === null || id === undefined) continue;
      for (const role of this.rolesByOrg.get(Number(id)) ?? []) roles.add(role);
    }
    return [...roles];
  }

  /** True when the actor may perform the action on data attached to these orgs. */
  can(action: Action, orgIds: readonly (number | null | undefined)[]): boolean {
    return canPerform(this.rolesAt(orgIds), action);
  }

  /**
   * Throws unless the actor may perform the action. Data the actor cannot even read is reported
   * as not found, so other units' records do not leak their existence.
   */
  require(action: Action, orgIds: readonly (number | null | undefined)[], what = "记录"): void {
    if (!this.can("read", orgIds)) {
      throw new AppError("NOT_FOUND", `${what}不存在或无权查看`);
    }
    if (!this.can(action, orgIds)) {
      const held = this.rolesAt(orgIds).map(labelRole).join("、") || "无";
      throw new AppError("FORBIDDEN", `当前角色（${held}）无权执行此操作`);
    }
  }

  /**
   * True when the actor administers a whole tree (admin granted on a root org): what reading every
   * unit's data at once (a backup, the audit chain) needs, as opposed to admin of one unit.
   */
  async isRootAdmin(q: Queryable): Promise<boolean> {
    const roots = await q.query<{ id: number }>("select id from orgs where parent_id is null");
    return roots.some((root) => this.actor.grants.some((g) => g.role === "admin" && Number(g.orgId) === Number(root.id)));
  }

  /** True when the actor is an administrator of the whole tree (has admin on a root org). */
  isAdminAnywhere(): boolean {
    return this.actor.grants.some((g) => g.role === "admin");
  }
}
