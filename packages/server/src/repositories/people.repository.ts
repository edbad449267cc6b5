import type { PersonOption, Role } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** A user as a signer: whether the account is in use and holds any role covering the record's orgs. */
export interface Person {
  id: number;
  displayName: string;
  isActive: boolean;
  isInScope: boolean;
}

// A user is "in scope" of some orgs when one of their grants covers one of them (grants cover subtrees).
const IN_SCOPE = `exists (select 1 from user_roles r join orgs g on g.id = r.org_id join orgs t on t.path like g.path || '%'
                   where r.user_id = u.id and t.id = any($SCOPE::bigint[]))`;

function inScope(placeholder: string): string {
  return IN_SCOPE.replace("$SCOPE", placeholder);
}

/** Active users holding `role` on any of the orgs (directly or through an ancestor). */
export async function listRoleHoldersAt(q: Queryable, role: Role, orgIds: readonly number[]): Promise<Person[]> {
  const rows = await q.query(
    `select distinct u.id, u.display_name, u.is_active, true as is_in_scope
       from users u join user_roles r on r.user_id = u.id join orgs g on g.id = r.org_id join orgs t on t.path like g.path || '%'
      where u.is_active and r.role = $1 and t.id = any($2::bigint[])
      order by u.id`,
    [role, orgIds],
  );
  return rows.map((r) => camelizeRow<Person>(r));
}

/** Active, in-scope users to whom `principalId` has delegated their signature on `today`. */
export async function listActiveDelegates(q: Queryable, principalId: number, today: string, scopeOrgIds: readonly number[]): Promise<Person[]> {
  const rows = await q.query(
    `select distinct u.id, u.display_name, u.is_active, true as is_in_scope
       from delegations d join users u on u.id = d.delegate_id
      where d.principal_id = $1 and d.revoked_at is null and d.starts_on <= $2::date and (d.ends_on is null or d.ends_on >= $2::date)
        and u.is_active and ${inScope("$3")}
      order by u.id`,
    [principalId, today, scopeOrgIds],
  );
  return rows.map((r) => camelizeRow<Person>(r));
}

/** Ids of the people who have delegated their signature to `delegateId` on `today`. */
export async function listPrincipalIds(q: Queryable, delegateId: number, today: string): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `select distinct principal_id as id from delegations
      where delegate_id = $1 and revoked_at is null and starts_on <= $2::date and (ends_on is null or ends_on >= $2::date)`,
    [delegateId, today],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The head (负责人) of an org, with the org's name; `person` null when none is set. A department's
 * head signs its department step; a unit's head is its 主要负责人, who hears of escalations.
 */
export async function findOrgHead(
  q: Queryable,
  orgId: number,
  scopeOrgIds: readonly (number | null)[],
): Promise<{ departmentName: string; person: Person | null }> {
  const rows = await q.query(
    `select o.name as department_name, u.id, u.display_name, u.is_active, ${inScope("$2")} as is_in_scope
       from orgs o left join users u on u.id = o.head_user_id where o.id = $1`,
    [orgId, scopeOrgIds.filter((id) => id !== null)],
  );
  const row = camelizeRow<Person & { departmentName: string; id: number | null }>(rows[0]);
  return { departmentName: row.departmentName, person: row.id === null ? null : { id: Number(row.id), displayName: row.displayName, isActive: row.isActive, isInScope: row.isInScope } };
}

/** One user as a signer or recipient for records of some orgs; null when no such user exists. */
export async function findPerson(q: Queryable, userId: number, scopeOrgIds: readonly (number | null)[]): Promise<Person | null> {
  const rows = await q.query(`select u.id, u.display_name, u.is_active, ${inScope("$2")} as is_in_scope from users u where u.id = $1`, [
    userId,
    scopeOrgIds.filter((id) => id !== null),
  ]);
  return rows[0] ? { ...camelizeRow<Person>(rows[0]), id: Number(rows[0].id) } : null;
}

/** Active users holding one of the roles granted on exactly this org (not inherited from above). */
export async function listRoleHoldersGrantedAt(q: Queryable, roles: readonly Role[], orgId: number): Promise<Person[]> {
  const rows = await q.query(
    `select distinct u.id, u.display_name, u.is_active, true as is_in_scope
       from users u join user_roles r on r.user_id = u.id
      where u.is_active and r.role = any($1::text[]) and r.org_id = $2
      order by u.id`,
    [roles, orgId],
  );
  return rows.map((r) => camelizeRow<Person>(r));
}

/** Users holding a role on the unit or anywhere inside it (its departments). */
export async function listPeopleOfUnit(q: Queryable, unitId: number): Promise<PersonOption[]> {
  const rows = await q.query(
    `select u.id, u.display_name, u.username, u.is_active, r.org_id, o.name as org_name, r.role
       from users u join user_roles r on r.user_id = u.id join orgs o on o.id = r.org_id join orgs unit on unit.id = $1
      where o.path like unit.path || '%'
      order by u.display_name, u.id, r.id`,
    [unitId],
  );
  const people = new Map<number, PersonOption>();
  for (const raw of rows) {
    const row = camelizeRow<{ id: number; displayName: string; username: string; isActive: boolean; orgId: number; orgName: string; role: Role }>(raw);
    const id = Number(row.id);
    const person = people.get(id) ?? { id, displayName: row.displayName, username: row.username, isActive: row.isActive, grants: [] };
    person.grants.push({ orgId: Number(row.orgId), orgName: row.orgName, role: row.role });
    people.set(id, person);
  }
  return [...people.values()];
}
