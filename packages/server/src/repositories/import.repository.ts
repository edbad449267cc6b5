import type { AccountabilityKind, RecoveryKind } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import type { FindingRow, InspectionRow, MeasureRow } from "./ledger.repository.ts";
import type { OrgRow } from "./org.repository.ts";
import { camelizeRow } from "./sql.ts";

/** Finds the round of a unit imported from a file with this sha256. */
export async function findInspectionBySource(q: Queryable, orgId: number, sha256: string): Promise<InspectionRow | null> {
  const rows = await q.query("select * from inspections where org_id = $1 and source_sha256 = $2 order by id limit 1", [orgId, sha256]);
  return rows.length ? camelizeRow<InspectionRow>(rows[0]) : null;
}

/** Finds the round of a unit by inspection group and feedback date (the same round seen in another file). */
export async function findInspectionByFeedback(
  q: Queryable,
  orgId: number,
  groupName: string,
  feedbackDate: string,
): Promise<InspectionRow | null> {
  const rows = await q.query(
    "select * from inspections where org_id = $1 and group_name = $2 and feedback_date = $3::date order by id limit 1",
    [orgId, groupName, feedbackDate],
  );
  return rows.length ? camelizeRow<InspectionRow>(rows[0]) : null;
}

/** All findings of a round, in order. */
export async function listFindingsOfInspection(q: Queryable, inspectionId: number): Promise<FindingRow[]> {
  const rows = await q.query("select * from findings where inspection_id = $1 order by seq", [inspectionId]);
  return rows.map((r) => camelizeRow<FindingRow>(r));
}

/** All measures of a round, in finding and measure order. */
export async function listMeasuresOfInspection(q: Queryable, inspectionId: number): Promise<MeasureRow[]> {
  const rows = await q.query(
    "select m.* from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1 order by f.seq, m.seq",
    [inspectionId],
  );
  return rows.map((r) => camelizeRow<MeasureRow>(r));
}

/** What the registers of a round already hold, summed the way a notice counts them. */
export interface RegisterTotals {
  rules: { title: string; docNumber: string | null }[];
  accountabilityPeople: Partial<Record<AccountabilityKind, number>>;
  recoveryFen: Partial<Record<RecoveryKind, number>>;
  petitions: { closed: number; open: number };
  leads: { closed: number; transferred: number; received: number };
}

/** Reads the register totals of a round. */
export async function readRegisterTotals(q: Queryable, inspectionId: number): Promise<RegisterTotals> {
  const rules = (await q.query("select title, doc_number from rules where inspection_id = $1 and voided_at is null order by id", [inspectionId])).map((r) =>
    camelizeRow<{ title: string; docNumber: string | null }>(r),
  );
  const accountabilityPeople: Partial<Record<AccountabilityKind, number>> = {};
  for (const row of await q.query<{ kind: AccountabilityKind; n: number }>(
    "select kind, sum(people) as n from accountabilities where inspection_id = $1 and voided_at is null group by kind",
    [inspectionId],
  )) {
    accountabilityPeople[row.kind] = Number(row.n);
  }
  const recoveryFen: Partial<Record<RecoveryKind, number>> = {};
  for (const row of await q.query<{ kind: RecoveryKind; n: number }>(
    "select kind, sum(amount_fen) as n from recoveries where inspection_id = $1 and voided_at is null group by kind",
    [inspectionId],
  )) {
    recoveryFen[row.kind] = Number(row.n);
  }
  const petitions = { closed: 0, open: 0 };
  for (const row of await q.query<{ state: string; n: number }>("select state, count(*) as n from petitions where inspection_id = $1 and voided_at is null group by state", [inspectionId])) {
    if (row.state === "closed") petitions.closed += Number(row.n);
    else petitions.open += Number(row.n);
  }
  const leads = { closed: 0, transferred: 0, received: 0 };
  for (const row of await q.query<{ state: string; n: number }>("select state, count(*) as n from leads where inspection_id = $1 and voided_at is null group by state", [inspectionId])) {
    if (row.state === "closed") leads.closed += Number(row.n);
    else if (row.state === "received") leads.received += Number(row.n);
    else leads.transferred += Number(row.n);
  }
  return { rules, accountabilityPeople, recoveryFen, petitions, leads };
}

/** Departments in a unit's subtree, by name. */
export async function listDepartmentsOfUnit(q: Queryable, unitId: number): Promise<OrgRow[]> {
  const rows = await q.query(
    `select c.* from orgs c join orgs u on c.path like u.path || '%' where u.id = $1 and c.kind = 'department' order by c.path`,
    [unitId],
  );
  return rows.map((r) => camelizeRow<OrgRow>(r));
}

/** Updates a measure's status directly (imports state what the notice says; no workflow guard applies). */
export async function setMeasureStatusDirect(q: Queryable, measureId: number, status: string): Promise<void> {
  await q.query("update measures set status = $2, version = version + 1, updated_at = now() where id = $1", [measureId, status]);
}

/** Active users holding a role on a unit or inside its subtree, with their display names. */
export async function listUsersOfUnit(q: Queryable, unitId: number): Promise<{ id: number; displayName: string }[]> {
  const rows = await q.query(
    `select distinct u.id, u.display_name from users u
       join user_roles r on r.user_id = u.id
       join orgs o on o.id = r.org_id
       join orgs unit on o.path like unit.path || '%'
      where unit.id = $1 and u.is_active`,
    [unitId],
  );
  return rows.map((r) => camelizeRow<{ id: number; displayName: string }>(r));
}

// Arbitrary namespace for the import locks, so they never collide with other advisory locks.
const IMPORT_LOCK_NAMESPACE = 7_236_001;

/** Serialises notice imports into one unit until the transaction ends, so two uploads of the same file cannot both create a round. */
export async function lockNoticeImports(q: Queryable, orgId: number): Promise<void> {
  await q.query("select pg_advisory_xact_lock($1::integer, $2::integer)", [IMPORT_LOCK_NAMESPACE, orgId]);
}
