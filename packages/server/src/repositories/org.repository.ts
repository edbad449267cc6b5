import type { OrgKind, Role } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** An org node as stored. */
export interface OrgRow {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  partyOrgName: string | null;
  path: string;
  settings: Record<string, unknown>;
  /** The department's head (负责人), who signs the department step of its measures' closures. */
  headUserId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Lists the given orgs in tree order. */
export async function listOrgsByIds(q: Queryable, ids: number[]): Promise<OrgRow[]> {
  const rows = await q.query("select * from orgs where id = any($1::bigint[]) order by path", [ids]);
  return rows.map((r) => camelizeRow<OrgRow>(r));
}

/** True when `childId` is `ancestorId` or lies in its subtree. */
export async function isInSubtree(q: Queryable, ancestorId: number, childId: number): Promise<boolean> {
  const rows = await q.query(
    `select 1 from orgs c join orgs a on c.path like a.path || '%' where a.id = $1 and c.id = $2`,
    [ancestorId, childId],
  );
  return rows.length > 0;
}

/** Counts all orgs. */
export async function countOrgs(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from orgs");
  return Number(rows[0].n);
}

/** Finds departments of a unit by exact name. */
export async function findDepartmentByName(q: Queryable, unitId: number, name: string): Promise<OrgRow | null> {
  const rows = await q.query(
    `select c.* from orgs c join orgs u on c.path like u.path || '%' where u.id = $1 and c.kind = 'department' and c.name = $2 limit 1`,
    [unitId, name],
  );
  return rows.length ? camelizeRow<OrgRow>(rows[0]) : null;
}

/** The nearest unit at or above an org (departments belong to a unit). */
export async function findUnitOf(q: Queryable, orgId: number): Promise<OrgRow | null> {
  const rows = await q.query(
    `select a.* from orgs c join orgs a on c.path like a.path || '%'
      where c.id = $1 and a.kind in ('unit', 'office') order by length(a.path) desc limit 1`,
    [orgId],
  );
  return rows.length ? camelizeRow<OrgRow>(rows[0]) : null;
}

/** One role grant with its org name. */
export interface GrantRow {
  id: number;
  userId: number;
  orgId: number;
  role: Role;
  orgName: string;
}

/** Lists the role grants of users. */
export async function listGrants(q: Queryable, userIds: number[]): Promise<GrantRow[]> {
  const rows = await q.query(
    `select r.id, r.user_id, r.org_id, r.role, o.name as org_name from user_roles r join orgs o on o.id = r.org_id
      where r.user_id = any($1::bigint[]) order by r.id`,
    [userIds],
  );
  return rows.map((r) => camelizeRow<GrantRow>(r));
}
