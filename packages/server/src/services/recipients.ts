import type { RecipientKind, Role, SignoffStep } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";

// Who must act on or know about a record, in ONE place. Today people are found by their roles on the
// org tree (and by a measure's leader_user_id / owner_user_id when set); when sign-off routing by
// named person lands (issue 8), only this module changes.

/** The parts of a measure the recipients depend on. */
export interface MeasureParty {
  orgId: number;
  departmentId: number | null;
  leaderUserId: number | null;
  ownerUserId: number | null;
}

/** Active users holding one of the roles on the org itself or on an ancestor (roles cover a subtree). */
export async function usersWithRoleOver(q: Queryable, roles: readonly Role[], orgId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `select distinct u.id from users u
       join user_roles r on r.user_id = u.id
       join orgs granted on granted.id = r.org_id
       join orgs target on target.path like granted.path || '%'
      where target.id = $2 and r.role = any($1::text[]) and u.is_active
      order by u.id`,
    [roles, orgId],
  );
  return rows.map((r) => r.id);
}

/** Active users holding one of the roles granted on exactly this org. */
export async function usersWithRoleAt(q: Queryable, roles: readonly Role[], orgId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `select distinct u.id from users u join user_roles r on r.user_id = u.id
      where r.org_id = $2 and r.role = any($1::text[]) and u.is_active order by u.id`,
    [roles, orgId],
  );
  return rows.map((r) => r.id);
}

/** The measure's 责任人: the linked owner account, else the responsible department's staff. */
export async function ownersOfMeasure(q: Queryable, measure: MeasureParty): Promise<number[]> {
  if (measure.ownerUserId) return [measure.ownerUserId];
  return measure.departmentId ? usersWithRoleAt(q, ["department"], measure.departmentId) : [];
}

/** The measure's 责任领导: the linked leader account, else the unit's leaders. */
export async function leadersOfMeasure(q: Queryable, measure: MeasureParty): Promise<number[]> {
  if (measure.leaderUserId) return [measure.leaderUserId];
  return usersWithRoleAt(q, ["leader"], measure.orgId);
}

/** The responsible department's staff (责任部门). */
export async function departmentOfMeasure(q: Queryable, measure: MeasureParty): Promise<number[]> {
  return measure.departmentId ? usersWithRoleAt(q, ["department"], measure.departmentId) : [];
}

/** The unit's 整改办. */
export function rectificationOfficeOf(q: Queryable, unitId: number): Promise<number[]> {
  return usersWithRoleOver(q, ["rectification_office"], unitId);
}

/** The unit's 主要负责人: leaders granted on the unit itself (not a department). */
export function principalsOf(q: Queryable, unitId: number): Promise<number[]> {
  return usersWithRoleAt(q, ["leader"], unitId);
}

/** The supervisors of a unit: 巡察办 and 纪检监察组 holding their role over it. */
export function supervisorsOf(q: Queryable, unitId: number): Promise<number[]> {
  return usersWithRoleOver(q, ["inspection_office", "discipline"], unitId);
}

/** The office that issued a directive: the issuer and the supervisors granted on the issuing org. */
export async function issuersOfDirective(q: Queryable, directive: { issuedBy: number | null; issuedByOrgId: number }): Promise<number[]> {
  const office = await usersWithRoleAt(q, ["inspection_office", "discipline"], directive.issuedByOrgId);
  return [...new Set([...(directive.issuedBy ? [directive.issuedBy] : []), ...office])];
}

/** Who may sign a closure step: holders of the step's role over the measure, minus the submitter and earlier signers. */
export async function signersOfClosureStep(q: Queryable, measure: MeasureParty, step: SignoffStep, excludedUserIds: readonly number[]): Promise<number[]> {
  const users = await usersWithRoleOver(q, [step.role], measure.departmentId ?? measure.orgId);
  return users.filter((id) => !excludedUserIds.includes(id));
}

/** Who decides an extension request: holders of the configured approver role over the measure, not the requester. */
export async function extensionApproversOf(q: Queryable, measure: MeasureParty, approver: Role, requesterId: number): Promise<number[]> {
  const users = await usersWithRoleOver(q, [approver], measure.departmentId ?? measure.orgId);
  return users.filter((id) => id !== requesterId);
}

/** Who triages the public's comments on a unit's notice (the 整改办). */
export function commentTriagersOf(q: Queryable, unitId: number): Promise<number[]> {
  return rectificationOfficeOf(q, unitId);
}

/** Resolves the recipient kinds of a rule to people for one record of a unit. */
export async function resolveRecipients(
  q: Queryable,
  kinds: readonly RecipientKind[],
  context: { unitId: number; measure?: MeasureParty; directive?: { issuedBy: number | null; issuedByOrgId: number } },
): Promise<number[]> {
  const people = new Set<number>();
  for (const kind of kinds) {
    let found: number[] = [];
    switch (kind) {
      case "owner":
        found = context.measure ? await ownersOfMeasure(q, context.measure) : [];
        break;
      case "leader":
        found = context.measure ? await leadersOfMeasure(q, context.measure) : [];
        break;
      case "department":
        found = context.measure ? await departmentOfMeasure(q, context.measure) : [];
        break;
      case "rectification_office":
        found = await rectificationOfficeOf(q, context.unitId);
        break;
      case "principal":
        found = await principalsOf(q, context.unitId);
        break;
      case "supervisor":
        found = await supervisorsOf(q, context.unitId);
        break;
      case "issuer":
        found = context.directive ? await issuersOfDirective(q, context.directive) : [];
        break;
    }
    for (const id of found) people.add(id);
  }
  return [...people];
}
