import type { ClockRules, Status } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { OPEN_STATUS_SQL } from "./ledger.repository.ts";
import { addScopeClause, WhereBuilder, type OrgScopeFilter } from "./sql.ts";

// Aggregates for dashboards and the supervisors' roll-up, computed by the database (GROUP BY,
// GROUPING SETS, FILTER): only counts cross to Node, never the rows themselves.

/** One counted group: a status within a breakdown key. */
export interface StatusCount {
  key: string | null;
  status: Status;
  n: number;
}

/** What the dashboard needs from the measures in scope, in one scan. */
export interface MeasureCounts {
  byStatus: Record<string, number>;
  byCategory: StatusCount[];
  /** Keyed by department id, or `unit:<org id>` for measures without a department. */
  byDepartment: StatusCount[];
  /** Keyed by leader account (`user:<id>`), or `name:<org id>:<name>` for a leader known by name only. */
  byLeader: StatusCount[];
  /** How each department and leader key reads, and the unit it belongs to. */
  labels: Map<string, { label: string; unitName: string }>;
  lights: { red: number; yellow: number; green: number };
}

/** Measures in scope (and in a round), voided ones left out. */
function measureWhere(scope: OrgScopeFilter, inspectionId: number | undefined): WhereBuilder {
  const where = new WhereBuilder();
  addScopeClause(where, scope, ["m.org_id", "m.department_id"]);
  where.add("m.voided_at is null");
  if (inspectionId) where.add(`m.finding_id in (select id from findings where inspection_id = ${where.param(inspectionId)})`);
  return where;
}

/** The deadline rules defined on orgs (few: an office's, sometimes a unit's), with the org's path. */
export async function listDefinedClockRules(q: Queryable): Promise<{ path: string; rules: ClockRules }[]> {
  return q.query<{ path: string; rules: ClockRules }>("select path, settings->'clockRules' as rules from orgs where settings ? 'clockRules'");
}

/**
 * Counts measures per status overall and per category, department and leader (GROUPING SETS, one
 * pass), and the open ones per deadline light: red past due, yellow due within the yellow window of
 * the unit's deadline rules (the nearest org up the tree that defines rules, else `fallbackYellowDays`).
 */
export async function countMeasures(
  q: Queryable,
  options: { scope: OrgScopeFilter; inspectionId?: number; today: string; fallbackYellowDays: number; yellowDaysByPath: readonly { path: string; days: number }[] },
): Promise<MeasureCounts> {
  const where = measureWhere(options.scope, options.inspectionId);
  where.add("f.voided_at is null");
  const today = where.param(options.today);
  const rulePaths = where.param(options.yellowDaysByPath.map((rule) => rule.path));
  const ruleDays = where.param(options.yellowDaysByPath.map((rule) => rule.days));
  const fallback = where.param(options.fallbackYellowDays);
  // Each unit's yellow window once (few orgs define rules), then joined to its measures.
  const rows = await q.query<{
    grouping: number; status: Status; category: string | null; departmentId: number | null; departmentName: string | null;
    leaderUserId: number | null; leaderName: string | null; orgId: number | null; orgName: string | null; n: number; red: number; yellow: number; green: number;
  }>(
    `with rules as (select * from unnest(${rulePaths}::text[], ${ruleDays}::int[]) as r(path, days)),
          windows as (
            select o.id, ${today}::date + coalesce((select r.days from rules r where o.path like r.path || '%' order by length(r.path) desc limit 1), ${fallback}::int) as yellow_until
              from orgs o where o.id in (select distinct m.org_id from measures m join findings f on f.id = m.finding_id ${where.toSql()})
          )
     select grouping(f.category, m.department_id, m.leader_user_id) as grouping, m.status, f.category,
            m.department_id as "departmentId", d.name as "departmentName", m.leader_user_id as "leaderUserId", m.leader_name as "leaderName",
            m.org_id as "orgId", o.name as "orgName",
            count(*) as n,
            count(*) filter (where m.${OPEN_STATUS_SQL} and m.due_date < ${today}::date) as red,
            count(*) filter (where m.${OPEN_STATUS_SQL} and m.due_date >= ${today}::date and m.due_date <= w.yellow_until) as yellow,
            count(*) filter (where m.${OPEN_STATUS_SQL} and m.due_date > w.yellow_until) as green
       from measures m join findings f on f.id = m.finding_id join orgs o on o.id = m.org_id join windows w on w.id = m.org_id
       left join orgs d on d.id = m.department_id
       ${where.toSql()}
      group by grouping sets ((m.status), (m.status, f.category), (m.status, m.department_id, d.name, m.org_id, o.name),
                             (m.status, m.leader_user_id, m.leader_name, m.org_id, o.name))`,
    where.params,
  );
  const counts: MeasureCounts = { byStatus: {}, byCategory: [], byDepartment: [], byLeader: [], labels: new Map(), lights: { red: 0, yellow: 0, green: 0 } };
  const label = (key: string, text: string, unitName: string | null): string => {
    if (!counts.labels.has(key)) counts.labels.set(key, { label: text, unitName: unitName ?? "" });
    return key;
  };
  // grouping() sets a bit per column left out of the group: 7 = status only, 3 = by category, 5 = by department, 6 = by leader.
  for (const row of rows) {
    const n = Number(row.n);
    switch (Number(row.grouping)) {
      case 7:
        counts.byStatus[row.status] = (counts.byStatus[row.status] ?? 0) + n;
        counts.lights.red += Number(row.red);
        counts.lights.yellow += Number(row.yellow);
        counts.lights.green += Number(row.green);
        break;
      case 3:
        counts.byCategory.push({ key: row.category, status: row.status, n });
        break;
      case 5: {
        // Departments are grouped by who they are, never by name: every unit has its own 办公室.
        const key = row.departmentId === null ? `unit:${row.orgId}` : String(row.departmentId);
        counts.byDepartment.push({ key: label(key, row.departmentName ?? "未指定部门", row.orgName), status: row.status, n });
        break;
      }
      case 6: {
        const key = row.leaderUserId !== null ? `user:${row.leaderUserId}` : `name:${row.orgId}:${row.leaderName ?? ""}`;
        counts.byLeader.push({ key: label(key, row.leaderName ?? "未指定领导", row.orgName), status: row.status, n });
        break;
      }
    }
  }
  return counts;
}

/**
 * Counts findings per status: those of the orgs in scope, or, when there are none (department
 * staff), the findings their visible measures belong to.
 */
export async function countFindings(q: Queryable, options: { scope: OrgScopeFilter; inspectionId?: number }): Promise<Record<string, number>> {
  const own = new WhereBuilder();
  addScopeClause(own, options.scope, ["f.org_id"]);
  own.add("f.voided_at is null");
  if (options.inspectionId) own.add(`f.inspection_id = ${own.param(options.inspectionId)}`);
  const rows = await q.query<{ status: Status; n: number }>(`select f.status, count(*) as n from findings f ${own.toSql()} group by f.status`, own.params);
  if (rows.length === 0 && options.scope.kind !== "everything") {
    const viaMeasures = measureWhere(options.scope, options.inspectionId);
    rows.push(
      ...(await q.query<{ status: Status; n: number }>(
        `select f.status, count(*) as n from findings f where f.voided_at is null and f.id in (select m.finding_id from measures m ${viaMeasures.toSql()}) group by f.status`,
        viaMeasures.params,
      )),
    );
  }
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Per unit: findings per status, and how many findings have an open measure past its due date. */
export async function countRollup(q: Queryable, options: { scope: OrgScopeFilter; today: string }): Promise<{ orgId: number; orgName: string; counts: Record<string, number>; overdue: number }[]> {
  const findings = new WhereBuilder();
  addScopeClause(findings, options.scope, ["f.org_id"]);
  findings.add("f.voided_at is null");
  const statusRows = await q.query<{ orgId: number; status: Status; n: number }>(
    `select f.org_id as "orgId", f.status, count(*) as n from findings f ${findings.toSql()} group by f.org_id, f.status`,
    findings.params,
  );
  const measures = new WhereBuilder();
  addScopeClause(measures, options.scope, ["m.org_id"]);
  measures.add(`m.${OPEN_STATUS_SQL} and m.due_date < ${measures.param(options.today)}::date`);
  measures.add("m.voided_at is null and m.finding_id not in (select id from findings where voided_at is not null)");
  // measures_open_org_idx: open measures in (unit, finding) order, so both groupings stream.
  const overdueRows = await q.query<{ orgId: number; n: number }>(
    `select "orgId", count(*) as n from (select m.org_id as "orgId", m.finding_id from measures m ${measures.toSql()} group by m.org_id, m.finding_id) pairs group by "orgId"`,
    measures.params,
  );
  const orgIds = [...new Set(statusRows.map((row) => Number(row.orgId)))];
  const names = await q.query<{ id: number; name: string }>("select id, name from orgs where id = any($1::bigint[])", [orgIds]);
  const nameOf = new Map(names.map((row) => [Number(row.id), row.name]));
  const overdueOf = new Map(overdueRows.map((row) => [Number(row.orgId), Number(row.n)]));
  const byOrg = new Map<number, Record<string, number>>();
  for (const row of statusRows) {
    const counts = byOrg.get(Number(row.orgId)) ?? {};
    counts[row.status] = Number(row.n);
    byOrg.set(Number(row.orgId), counts);
  }
  return [...byOrg.entries()].map(([orgId, counts]) => ({ orgId, orgName: nameOf.get(orgId) ?? "", counts, overdue: overdueOf.get(orgId) ?? 0 }));
}

/** For each measure of a round: its status, when it was created, and when it was closed (approved closure, else last move into a completed status). */
export async function listClosingDays(q: Queryable, inspectionId: number): Promise<{ id: number; status: Status; createdAt: string; closedAt: string | null }[]> {
  return q.query(
    `select m.id, m.status, m.created_at as "createdAt",
            coalesce(
              (select max(c.decided_at) from closures c where c.measure_id = m.id and c.state = 'approved'),
              (select max(a.at) from audit_log a where a.entity = 'measure' and a.entity_id = m.id::text and a.action in ('status', 'import')
                 and a.after->>'status' in ('completed', 'completed_long_term'))) as "closedAt"
       from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1 and m.voided_at is null and f.voided_at is null`,
    [inspectionId],
  );
}
