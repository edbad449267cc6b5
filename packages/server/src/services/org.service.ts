import { DEFAULT_SIGNOFF_CHAIN, ROLES, type OrgKind, type Role, type SignoffStep } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { listOrgsByIds, type OrgRow } from "../repositories/org.repository.ts";
import { findRowById, insertRow, updateRowVersioned } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure, found, staleVersion } from "./validation.ts";

/** Input to create an org node. */
export interface OrgInput {
  parentId: number;
  kind: OrgKind;
  name: string;
  partyOrgName?: string | null;
}

/** Per-org settings an administrator can change. */
export interface OrgSettings {
  signoffChain?: Role[];
}

/** Which kinds may sit under which. */
function isAllowedChild(parent: OrgKind, child: OrgKind): boolean {
  switch (parent) {
    case "office":
      return child === "office" || child === "unit";
    case "unit":
      return child === "unit" || child === "department";
    case "department":
      return child === "department";
  }
}

/** Reads the sign-off chain that applies to an org: its own setting or the nearest ancestor's, else the default. */
export async function resolveSignoffChain(q: Queryable, orgId: number): Promise<SignoffStep[]> {
  const rows = await q.query<{ settings: OrgSettings }>(
    `select a.settings from orgs c join orgs a on c.path like a.path || '%'
      where c.id = $1 and a.settings ? 'signoffChain' order by length(a.path) desc limit 1`,
    [orgId],
  );
  const roles = rows[0]?.settings.signoffChain;
  if (!roles?.length) return [...DEFAULT_SIGNOFF_CHAIN];
  return roles.map((role) => DEFAULT_SIGNOFF_CHAIN.find((s) => s.role === role) ?? { role, label: `${role}审核` });
}

/** The org tree: units, departments and their settings. */
export class OrgService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Lists every org the actor can see, in tree order. */
  async listOrgs(actor: Actor): Promise<OrgRow[]> {
    const scope = await AccessScope.load(this.db, actor);
    return listOrgsByIds(this.db, scope.visibleOrgIds());
  }

  /** Reads one org with the sign-off chain that applies to it and its head's name. */
  async getOrg(actor: Actor, id: number): Promise<OrgRow & { signoffChain: SignoffStep[]; headName: string | null }> {
    const scope = await AccessScope.load(this.db, actor);
    scope.require("read", [id], "单位");
    const org = found(await findRowById<OrgRow>(this.db, "orgs", id), "单位");
    const head = org.headUserId === null ? [] : await this.db.query<{ name: string }>("select display_name as name from users where id = $1", [org.headUserId]);
    return { ...org, signoffChain: await resolveSignoffChain(this.db, id), headName: head[0]?.name ?? null };
  }

  /** Creates an org under a parent the actor administers. */
  async createOrg(actor: Actor, input: OrgInput): Promise<OrgRow> {
    ensure(input.name?.trim(), "请填写名称");
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("administer", [input.parentId], "上级单位");
      const parent = found(await findRowById<OrgRow>(tx, "orgs", input.parentId), "上级单位");
      ensure(isAllowedChild(parent.kind, input.kind), "该类型的组织不能设在所选上级之下");
      const org = await insertRow<OrgRow>(tx, "orgs", {
        values: { parentId: parent.id, kind: input.kind, name: input.name.trim(), partyOrgName: input.partyOrgName ?? null },
      });
      await audit({ action: "create", entity: "org", entityId: org.id, orgId: org.id, after: org });
      return org;
    });
  }

  /** Creates the root org when the database has none (trusted CLI path for the first administrator). */
  async createRootOrg(name: string, kind: OrgKind = "office"): Promise<OrgRow> {
    ensure(name?.trim(), "请填写根组织名称");
    return runMutation(this.db, null, async (tx, audit) => {
      const roots = await tx.query("select 1 from orgs where parent_id is null");
      if (roots.length) throw new AppError("CONFLICT", "根组织已存在");
      const org = await insertRow<OrgRow>(tx, "orgs", { values: { kind, name: name.trim() } });
      await audit({ action: "create", entity: "org", entityId: org.id, orgId: org.id, after: org });
      return org;
    });
  }

  /**
   * Renames an org, changes its settings or names its head (负责人, who signs the department step;
   * an active user holding a role on the org or inside it). Optimistic concurrency on `version`.
   */
  async updateOrg(
    actor: Actor,
    id: number,
    input: { version: number; name?: string; partyOrgName?: string | null; settings?: OrgSettings; headUserId?: number | null },
  ): Promise<OrgRow> {
    if (input.settings?.signoffChain) {
      const chain = input.settings.signoffChain;
      ensure(chain.length >= 1 && chain.length <= 6, "签字确认流程应有 1–6 个步骤");
      ensure(chain.every((r) => (ROLES as readonly string[]).includes(r)), "签字确认流程包含未知角色");
    }
    return runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("administer", [id], "单位");
      const before = found(await findRowById<OrgRow>(tx, "orgs", id, true), "单位");
      if (input.headUserId) await ensureHeadCandidate(tx, id, input.headUserId);
      const after = await updateRowVersioned<OrgRow>(tx, "orgs", id, input.version, {
        values: {
          name: input.name?.trim() || undefined,
          partyOrgName: input.partyOrgName,
          settings: input.settings ? { ...before.settings, ...input.settings } : undefined,
          headUserId: input.headUserId,
        },
        jsonFields: ["settings"],
      });
      if (!after) staleVersion("单位");
      await audit({ action: "update", entity: "org", entityId: id, orgId: id, before, after });
      return after;
    });
  }

  /** Deletes an empty org (no children, no data). */
  async deleteOrg(actor: Actor, id: number, version: number): Promise<void> {
    await runMutation(this.db, actor, async (tx, audit) => {
      const scope = await AccessScope.load(tx, actor);
      scope.require("administer", [id], "单位");
      const before = found(await findRowById<OrgRow>(tx, "orgs", id, true), "单位");
      if (before.version !== version) staleVersion("单位");
      ensure(before.parentId !== null, "不能删除根组织");
      const used = await tx.query(
        `select 1 from orgs where parent_id = $1
         union all select 1 from inspections where org_id = $1
         union all select 1 from measures where department_id = $1
         union all select 1 from user_roles where org_id = $1 limit 1`,
        [id],
      );
      if (used.length) throw new AppError("CONFLICT", "该组织下仍有下级、台账数据或用户，不能删除");
      await tx.query("delete from orgs where id = $1", [id]);
      await audit({ action: "delete", entity: "org", entityId: id, orgId: before.parentId, before });
    });
  }
}

/** A head must be an active user holding a role on the org itself or inside it. */
async function ensureHeadCandidate(tx: Queryable, orgId: number, userId: number): Promise<void> {
  const rows = await tx.query<{ isActive: boolean; holdsRole: boolean }>(
    `select u.is_active as "isActive",
            exists (select 1 from user_roles r join orgs g on g.id = r.org_id join orgs o on o.id = $1
                     where r.user_id = u.id and g.path like o.path || '%') as "holdsRole"
       from users u where u.id = $2`,
    [orgId, userId],
  );
  ensure(rows[0], "所选负责人不存在");
  ensure(rows[0].isActive, "所选负责人的账号已停用");
  ensure(rows[0].holdsRole, "负责人须在本部门（或其下级）持有角色");
}
