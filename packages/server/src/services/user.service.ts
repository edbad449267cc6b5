import { ROLES, type Role } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { listGrants, type GrantRow } from "../repositories/org.repository.ts";
import { findRowById, updateRowVersioned } from "../repositories/sql.ts";
import { findUserByUsername, listUsersInOrgs, writePassword, type UserRow } from "../repositories/user.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { createUserRow } from "./auth.service.ts";
import { ensurePasswordPolicy, generateTemporaryPassword, hashPassword } from "./passwords.ts";
import { runMutation } from "./transaction.ts";
import { ensure, found, staleVersion } from "./validation.ts";

/** A user as the API shows it (never the hash). */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  /** True until the user replaces a temporary password set by an administrator. */
  mustChangePassword: boolean;
  version: number;
  grants: { orgId: number; orgName: string; role: Role }[];
}

/** Input to create a user. */
export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  grants: { orgId: number; role: Role }[];
  /** The initial password is temporary: the user must change it at the first login. */
  mustChangePassword?: boolean;
}

function toView(user: UserRow, grants: GrantRow[]): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isActive: user.isActive,
    mustChangePassword: user.mustChangePassword,
    version: user.version,
    grants: grants.filter((g) => g.userId === user.id).map((g) => ({ orgId: g.orgId, orgName: g.orgName, role: g.role })),
  };
}

async function insertGrants(tx: Queryable, userId: number, grants: { orgId: number; role: Role }[]): Promise<void> {
  for (const grant of grants) {
    ensure((ROLES as readonly string[]).includes(grant.role), `未知角色：${grant.role}`);
    await tx.query("insert into user_roles (user_id, org_id, role) values ($1, $2, $3) on conflict do nothing", [
      userId,
      grant.orgId,
      grant.role,
    ]);
  }
}

/** Users and their role grants. */
export class UserService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Lists users holding roles inside the actor's administered subtrees. */
  async listUsers(actor: Actor): Promise<UserView[]> {
    const scope = await AccessScope.load(this.db, actor);
    const orgIds = scope.visibleOrgIds().filter((id) => scope.can("administer", [id]));
    if (orgIds.length === 0) throw new AppError("FORBIDDEN", "仅管理员可管理用户");
    const users = await listUsersInOrgs(this.db, orgIds);
    const grants = await listGrants(this.db, users.map((u) => u.id));
    return users.map((u) => toView(u, grants));
  }

  /** Creates a user with grants; each grant's org must be administered by the actor (null actor: trusted CLI). */
  async createUser(actor: Actor | null, input: UserInput): Promise<UserView> {
    ensurePasswordPolicy(input.password);
    ensure(input.grants.length > 0, "请至少为用户分配一个角色");
    const passwordHash = await hashPassword(input.password);
    return runMutation(this.db, actor, async (tx, audit) => {
      if (actor) {
        const scope = await AccessScope.load(tx, actor);
        for (const grant of input.grants) scope.require("administer", [grant.orgId], "单位");
      }
      for (const grant of input.grants) found(await findRowById(tx, "orgs", grant.orgId), "单位");
      const created = await createUserRow(tx, { username: input.username, displayName: input.displayName, passwordHash });
      if (input.mustChangePassword) await writePassword(tx, created.id, passwordHash, true);
      const user = found(await findRowById<UserRow>(tx, "users", created.id), "用户");
      await insertGrants(tx, user.id, input.grants);
      const grants = await listGrants(tx, [user.id]);
      const view = toView(user, grants);
      await audit({ action: "create", entity: "user", entityId: user.id, orgId: input.grants[0].orgId, after: view });
      return view;
    });
  }

  /**
   * Updates name, active flag, grants or password of a user the actor administers. A password set
   * here for someone else is temporary: they must change it at the next login.
   */
  async updateUser(
    actor: Actor,
    id: number,
    input: { version: number; displayName?: string; isActive?: boolean; grants?: { orgId: number; role: Role }[]; password?: string },
  ): Promise<UserView> {
    if (input.password !== undefined) ensurePasswordPolicy(input.password);
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      const before = found(await findRowById<UserRow>(tx, "users", id, true), "用户");
      const beforeGrants = await listGrants(tx, [id]);
      for (const grant of [...beforeGrants, ...(input.grants ?? [])]) scope.require("administer", [grant.orgId], "用户");
      ensure(!(id === actor.userId && input.isActive === false), "不能停用自己的账号");
      const after = await updateRowVersioned<UserRow>(tx, "users", id, input.version, {
        values: { displayName: input.displayName?.trim() || undefined, isActive: input.isActive },
      });
      if (!after) staleVersion("用户");
      if (input.grants) {
        ensure(input.grants.length > 0, "请至少为用户分配一个角色");
        await tx.query("delete from user_roles where user_id = $1", [id]);
        await insertGrants(tx, id, input.grants);
      }
      if (passwordHash) await writePassword(tx, id, passwordHash, id !== actor.userId);
      if (input.isActive === false || passwordHash) await tx.query("delete from sessions where user_id = $1", [id]);
      const grants = await listGrants(tx, [id]);
      const view = toView(found(await findRowById<UserRow>(tx, "users", id), "用户"), grants);
      await audit({
        action: "update",
        entity: "user",
        entityId: id,
        orgId: grants[0]?.orgId ?? beforeGrants[0]?.orgId ?? null,
        before: toView(before, beforeGrants),
        after: { ...view, passwordChanged: passwordHash !== undefined },
      });
      return view;
    });
  }

  /**
   * Resets a user's password to a random temporary one, returned once to show to the administrator
   * (or the CLI); the user must change it at the next login and every open session ends.
   * `actor` null is the trusted CLI, which may reset anyone, administrators included.
   */
  async resetPassword(actor: Actor | null, target: { id: number } | { username: string }): Promise<{ user: UserView; temporaryPassword: string }> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return runMutation(this.db, actor, async (tx, audit) => {
      const user =
        "id" in target ? await findRowById<UserRow>(tx, "users", target.id, true) : await findUserByUsername(tx, target.username);
      const row = found(user, "用户");
      const grants = await listGrants(tx, [row.id]);
      if (actor) {
        const scope = await AccessScope.load(tx, actor);
        ensure(grants.length > 0, "该用户没有任何角色，只能在命令行重置密码");
        for (const grant of grants) scope.require("administer", [grant.orgId], "用户");
        ensure(row.id !== actor.userId, "不能重置自己的密码：请用“修改密码”");
      }
      await writePassword(tx, row.id, passwordHash, true);
      await tx.query("delete from sessions where user_id = $1", [row.id]);
      // The temporary password itself is never written to the audit trail.
      await audit({ action: "reset_password", entity: "user", entityId: row.id, orgId: grants[0]?.orgId ?? null, after: { username: row.username, mustChangePassword: true } });
      const after = found(await findRowById<UserRow>(tx, "users", row.id), "用户");
      return { user: toView(after, grants), temporaryPassword };
    });
  }
}

