import type { DelegationView } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { findUnitOf, listGrants } from "../repositories/org.repository.ts";
import { camelizeRow, findRowById, insertRow } from "../repositories/sql.ts";
import type { UserRow } from "../repositories/user.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure, ensureDates, found } from "./validation.ts";

/** Input to create a delegation. */
export interface DelegationInput {
  /** Whose signature is delegated; the actor by default (an administrator may name someone else). */
  principalId?: number;
  delegateId: number;
  startsOn?: string;
  endsOn?: string | null;
  reason: string;
}

async function unitsOfUser(q: Queryable, userId: number): Promise<number[]> {
  const units = new Set<number>();
  for (const grant of await listGrants(q, [userId])) {
    const unit = await findUnitOf(q, grant.orgId);
    if (unit) units.add(unit.id);
  }
  return [...units];
}

/**
 * 代签: a person names someone who may sign their routed sign-off steps for a period. Delegations
 * are explicit, dated and audited; they are revoked, never deleted, and every decision signed
 * under one records on whose behalf it was made.
 */
export class DelegationService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.today = today;
  }

  /** Delegations the actor gave or received, plus those of users they administer. */
  async listDelegations(actor: Actor): Promise<DelegationView[]> {
    const scope = await AccessScope.load(this.db, actor);
    const administered = scope.visibleOrgIds().filter((id) => scope.can("administer", [id]));
    const rows = await this.db.query(
      `select d.*, p.display_name as principal_name, g.display_name as delegate_name
         from delegations d join users p on p.id = d.principal_id join users g on g.id = d.delegate_id
        where d.principal_id = $1 or d.delegate_id = $1
           or exists (select 1 from user_roles r where r.user_id = d.principal_id and r.org_id = any($2::bigint[]))
        order by d.id desc`,
      [actor.userId, administered],
    );
    return rows.map((r) => this.toView(camelizeRow(r)));
  }

  /** Creates a delegation from the actor (or, for an administrator, from a user they administer). */
  async createDelegation(actor: Actor, input: DelegationInput): Promise<DelegationView> {
    ensure(input.reason?.trim(), "请填写代签事由（例如：外出学习期间）");
    ensureDates({ startsOn: { value: input.startsOn, label: "开始日期" }, endsOn: { value: input.endsOn, label: "结束日期" } });
    const startsOn = input.startsOn ?? this.today();
    if (input.endsOn) ensure(input.endsOn >= startsOn, "结束日期不能早于开始日期");
    const principalId = input.principalId ?? actor.userId;
    ensure(principalId !== input.delegateId, "不能授权本人代签");
    return runMutation(this.db, actor, async (tx, audit) => {
      found(await findRowById<UserRow>(tx, "users", principalId), "被代签人");
      const delegate = found(await findRowById<UserRow>(tx, "users", input.delegateId), "代签人");
      if (principalId !== actor.userId) {
        const scope = await AccessScope.load(tx, actor);
        const grants = await listGrants(tx, [principalId]);
        ensure(grants.length > 0, "被代签人没有任何角色");
        for (const grant of grants) scope.require("administer", [grant.orgId], "用户");
      }
      const principalUnits = await unitsOfUser(tx, principalId);
      const delegateUnits = await unitsOfUser(tx, input.delegateId);
      // A user of another unit is not named, nor is the state of the account told: it is not found.
      if (!principalUnits.some((id) => delegateUnits.includes(id))) {
        throw new AppError("NOT_FOUND", "代签人不存在或与被代签人不在同一单位");
      }
      ensure(delegate.isActive, "代签人的账号已停用");
      const row = await insertRow<{ id: number }>(tx, "delegations", {
        values: { principalId, delegateId: input.delegateId, startsOn, endsOn: input.endsOn ?? null, reason: input.reason.trim(), createdBy: actor.userId },
      });
      const view = await this.loadView(tx, row.id);
      await audit({ action: "create", entity: "delegation", entityId: row.id, orgId: principalUnits[0] ?? null, after: view });
      return view;
    });
  }

  /** Revokes a delegation (the principal, its creator or an administrator of the principal). */
  async revokeDelegation(actor: Actor, id: number): Promise<DelegationView> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const before = await this.loadView(tx, id, true);
      if (before.principalId !== actor.userId && before.createdBy !== actor.userId) {
        const scope = await AccessScope.load(tx, actor);
        const grants = await listGrants(tx, [before.principalId]);
        ensure(grants.length > 0, "被代签人没有任何角色");
        for (const grant of grants) scope.require("administer", [grant.orgId], "代签授权");
      }
      if (before.revokedAt) throw new AppError("CONFLICT", "该代签授权已撤销");
      await tx.query("update delegations set revoked_at = now(), revoked_by = $2 where id = $1", [id, actor.userId]);
      const after = await this.loadView(tx, id);
      const units = await unitsOfUser(tx, before.principalId);
      await audit({ action: "revoke", entity: "delegation", entityId: id, orgId: units[0] ?? null, before, after });
      return after;
    });
  }

  private async loadView(q: Queryable, id: number, forUpdate = false): Promise<DelegationView> {
    if (forUpdate) await q.query("select 1 from delegations where id = $1 for update", [id]);
    const rows = await q.query(
      `select d.*, p.display_name as principal_name, g.display_name as delegate_name
         from delegations d join users p on p.id = d.principal_id join users g on g.id = d.delegate_id where d.id = $1`,
      [id],
    );
    return this.toView(camelizeRow(found(rows[0], "代签授权")));
  }

  private toView(row: Omit<DelegationView, "isActive">): DelegationView {
    const today = this.today();
    const isActive = row.revokedAt === null && row.startsOn <= today && (row.endsOn === null || row.endsOn >= today);
    return { ...row, id: Number(row.id), principalId: Number(row.principalId), delegateId: Number(row.delegateId), isActive };
  }
}
