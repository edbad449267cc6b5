import type { RecipientKind, Role, SignoffStep } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { findOrgHead, findPerson, listRoleHoldersAt, listRoleHoldersGrantedAt, type Person } from "../repositories/people.repository.ts";
import { listStepSigners } from "./signoff-routing.ts";

// Who must act on or know about a record, in ONE place, by person (issue 8's routing): the 责任人 and
// 责任领导 are the measure's linked accounts, a department is its head, a unit's 主要负责人 is the unit's
// head, a sign-off step goes to exactly the people who may decide it. People known only by name
// cannot be told anything; whoever receives a message in their place is told so in the message.

/** The parts of a measure the recipients depend on. */
export interface MeasureParty {
  orgId: number;
  departmentId: number | null;
  leaderUserId: number | null;
  leaderName?: string | null;
  ownerUserId: number | null;
  ownerName?: string | null;
}

/**
 * One person to notify. `standsInFor` is set when they receive the message in place of a 责任人 or
 * 责任领导 who cannot be notified (name only, no account, or a deactivated account): it says who and why.
 */
export interface Recipient {
  userId: number;
  standsInFor: string | null;
}

function direct(people: readonly (Person | number)[]): Recipient[] {
  return people.map((p) => ({ userId: typeof p === "number" ? p : p.id, standsInFor: null }));
}

/** Why the 责任人 / 责任领导 of a measure cannot be notified, or null when their account can be. */
async function unreachable(q: Queryable, measure: MeasureParty, field: "owner" | "leader"): Promise<string | null> {
  const label = field === "owner" ? "责任人" : "责任领导";
  const userId = field === "owner" ? measure.ownerUserId : measure.leaderUserId;
  const name = (field === "owner" ? measure.ownerName : measure.leaderName)?.trim();
  if (userId) {
    const person = await findPerson(q, userId, [measure.orgId, measure.departmentId]);
    if (person?.isActive) return null;
    return `${label}“${person?.displayName ?? name ?? ""}”的账号已停用`;
  }
  return name ? `${label}“${name}”尚未关联用户账号` : `本措施尚未填写${label}`;
}

/** Active users holding one of the roles on the org or above it (roles cover a subtree). */
async function holdersOver(q: Queryable, roles: readonly Role[], orgId: number): Promise<Person[]> {
  const people = (await Promise.all(roles.map((role) => listRoleHoldersAt(q, role, [orgId])))).flat();
  return people.filter((p, i) => people.findIndex((other) => other.id === p.id) === i);
}

/** The head (负责人) of an org when set and active. */
async function activeHeadOf(q: Queryable, orgId: number): Promise<Person | null> {
  const head = (await findOrgHead(q, orgId, [orgId])).person;
  return head?.isActive ? head : null;
}

/** The unit's 整改办. */
export async function rectificationOfficeOf(q: Queryable, unitId: number): Promise<number[]> {
  return (await holdersOver(q, ["rectification_office"], unitId)).map((p) => p.id);
}

/**
 * The measure's 责任人: their linked, active account. When there is none, the head of the 责任部门
 * (who assigns the work) stands in, or the unit's 整改办 when the department has no head.
 */
export async function ownersOfMeasure(q: Queryable, measure: MeasureParty): Promise<Recipient[]> {
  const why = await unreachable(q, measure, "owner");
  if (why === null) return direct([measure.ownerUserId as number]);
  const head = measure.departmentId ? await activeHeadOf(q, measure.departmentId) : null;
  const standIns = head ? [head.id] : await rectificationOfficeOf(q, measure.orgId);
  return standIns.map((userId) => ({ userId, standsInFor: why }));
}

/** The measure's 责任领导: their linked, active account; otherwise the unit's 整改办 stands in (it links accounts). */
export async function leadersOfMeasure(q: Queryable, measure: MeasureParty): Promise<Recipient[]> {
  const why = await unreachable(q, measure, "leader");
  if (why === null) return direct([measure.leaderUserId as number]);
  return (await rectificationOfficeOf(q, measure.orgId)).map((userId) => ({ userId, standsInFor: why }));
}

/** The 责任人's linked, active account only (for messages that are news, not work: nobody stands in). */
export async function linkedOwnerOf(q: Queryable, measure: MeasureParty): Promise<number[]> {
  return (await unreachable(q, measure, "owner")) === null ? [measure.ownerUserId as number] : [];
}

/** The 责任部门: its head, or its staff when no head is set. */
export async function departmentOfMeasure(q: Queryable, measure: MeasureParty): Promise<number[]> {
  if (!measure.departmentId) return [];
  const head = await activeHeadOf(q, measure.departmentId);
  return head ? [head.id] : (await listRoleHoldersGrantedAt(q, ["department"], measure.departmentId)).map((p) => p.id);
}

/** The unit's 主要负责人: the unit's head (系统管理 → 组织机构), or the leaders granted on the unit itself when none is set. */
export async function principalsOf(q: Queryable, unitId: number): Promise<number[]> {
  const head = await activeHeadOf(q, unitId);
  return head ? [head.id] : (await listRoleHoldersGrantedAt(q, ["leader"], unitId)).map((p) => p.id);
}

/** The supervisors of a unit: 巡察办 and 纪检监察组 holding their role over it. */
export async function supervisorsOf(q: Queryable, unitId: number): Promise<number[]> {
  return (await holdersOver(q, ["inspection_office", "discipline"], unitId)).map((p) => p.id);
}

/** The office that issued a directive: the issuer and the supervisors granted on the issuing org. */
export async function issuersOfDirective(q: Queryable, directive: { issuedBy: number | null; issuedByOrgId: number }): Promise<number[]> {
  const office = (await listRoleHoldersGrantedAt(q, ["inspection_office", "discipline"], directive.issuedByOrgId)).map((p) => p.id);
  return [...new Set([...(directive.issuedBy ? [directive.issuedBy] : []), ...office])];
}

/**
 * Who may decide a closure's step today (signoff-routing's `listStepSigners`: the routed person and
 * their 代签 delegates, or the role's holders), minus the submitter and those who already signed.
 */
export async function signersOfClosureStep(q: Queryable, measure: MeasureParty, step: SignoffStep, excludedUserIds: readonly number[], today: string): Promise<number[]> {
  const people = await listStepSigners(q, measure, step, today);
  return people.map((p) => p.id).filter((id) => !excludedUserIds.includes(id));
}

/** Who decides an extension request: holders of the configured approver role over the measure, not the requester. */
export async function extensionApproversOf(q: Queryable, measure: MeasureParty, approver: Role, requesterId: number): Promise<number[]> {
  const users = await holdersOver(q, [approver], measure.departmentId ?? measure.orgId);
  return users.map((p) => p.id).filter((id) => id !== requesterId);
}

/** Who triages the public's comments on a unit's notice (the 整改办). */
export function commentTriagersOf(q: Queryable, unitId: number): Promise<number[]> {
  return rectificationOfficeOf(q, unitId);
}

/** Resolves the recipient kinds of a rule to people for one record of a unit; one entry per person. */
export async function resolveRecipients(
  q: Queryable,
  kinds: readonly RecipientKind[],
  context: { unitId: number; measure?: MeasureParty; directive?: { issuedBy: number | null; issuedByOrgId: number } },
): Promise<Recipient[]> {
  const found: Recipient[] = [];
  const add = (people: readonly Recipient[]): number => found.push(...people);
  for (const kind of kinds) {
    switch (kind) {
      case "owner":
        add(context.measure ? await ownersOfMeasure(q, context.measure) : []);
        break;
      case "leader":
        add(context.measure ? await leadersOfMeasure(q, context.measure) : []);
        break;
      case "department":
        add(direct(context.measure ? await departmentOfMeasure(q, context.measure) : []));
        break;
      case "rectification_office":
        add(direct(await rectificationOfficeOf(q, context.unitId)));
        break;
      case "principal":
        add(direct(await principalsOf(q, context.unitId)));
        break;
      case "supervisor":
        add(direct(await supervisorsOf(q, context.unitId)));
        break;
      case "issuer":
        add(direct(context.directive ? await issuersOfDirective(q, context.directive) : []));
        break;
    }
  }
  return mergeRecipients(found);
}

/** One entry per person: someone who is a recipient in their own right gets the plain message; one standing in for two people is told about both. */
export function mergeRecipients(recipients: readonly Recipient[]): Recipient[] {
  const people = new Map<number, Recipient>();
  for (const r of recipients) {
    const known = people.get(r.userId);
    if (!known || r.standsInFor === null) people.set(r.userId, r);
    else if (known.standsInFor !== null && !known.standsInFor.includes(r.standsInFor)) people.set(r.userId, { ...r, standsInFor: `${known.standsInFor}；${r.standsInFor}` });
  }
  return [...people.values()];
}

/** The sentence added to a message received in place of someone who cannot be notified. */
export function standInNote(standsInFor: string): string {
  return `（${standsInFor}，无法直接通知，此消息发给您代为转告；请整改办在台账中关联其用户账号。）`;
}
