import {
  computeCompletionStatsFromCounts,
  defaultClockRules,
  groupCompletionStatsFromCounts,
  yellowDaysOf,
  isCompletedStatus,
  todayInShanghai,
  type CompletionStats,
  type DeadlineLight,
  type GroupStats,
  type LedgerSnapshot,
  type Status,
} from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { listAuditEntries, type AuditEntry, type AuditFilter } from "../repositories/audit.repository.ts";
import type { InspectionRow } from "../repositories/ledger.repository.ts";
import type { OrgRow } from "../repositories/org.repository.ts";
import { countFindings, countMeasures, countRollup, listClosingDays, listDefinedClockRules, type StatusCount } from "../repositories/stats.repository.ts";
import { addScopeClause, camelizeRow, findRowById, WhereBuilder, type OrgScopeFilter, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { countSupervisionByUnit } from "../repositories/supervision.repository.ts";
import { mutationEpoch } from "./transaction.ts";
import { ensure, ensureDates, found } from "./validation.ts";

/** What the unit dashboard shows for one round (or all visible rounds). */
export interface DashboardView {
  findings: CompletionStats;
  measures: CompletionStats;
  lights: Record<DeadlineLight, number>;
  overdue: number;
  byCategory: GroupStats[];
  byDepartment: GroupStats[];
  byLeader: GroupStats[];
  /** 申请延期 figures: requests, approved, pending, and measures whose due date was extended. */
  extensions: ExtensionFigures;
}

/** Extension (申请延期) counts, a figure of their own in statistics and notices. */
export interface ExtensionFigures {
  requested: number;
  approved: number;
  pending: number;
  measuresExtended: number;
}

async function countExtensions(q: Queryable, scope: OrgScopeFilter, inspectionId?: number): Promise<ExtensionFigures> {
  const where = new WhereBuilder();
  // The scope as a join on the org path (or nothing for the whole tree), never thousands of ids.
  addScopeClause(where, scope, ["m.org_id", "m.department_id"]);
  if (inspectionId !== undefined) where.add(`f.inspection_id = ${where.param(inspectionId)}`);
  where.add("m.voided_at is null and f.voided_at is null");
  const rows = await q.query<ExtensionFigures>(
    `select count(*) as requested,
            count(*) filter (where e.state = 'approved') as approved,
            count(*) filter (where e.state = 'pending') as pending,
            count(distinct e.measure_id) filter (where e.state = 'approved') as "measuresExtended"
       from extensions e join measures m on m.id = e.measure_id join findings f on f.id = m.finding_id
      ${where.toSql()}`,
    where.params,
  );
  const row = rows[0];
  return { requested: Number(row.requested), approved: Number(row.approved), pending: Number(row.pending), measuresExtended: Number(row.measuresExtended) };
}

/** One unit in the supervisors' roll-up. */
export interface RollupRow extends CompletionStats {
  orgId: number;
  orgName: string;
  overdue: number;
  rank: number;
  /** 督办 and 约谈 counts of the unit (supervision in the roll-up). */
  directives?: number;
  openDirectives?: number;
  overdueDirectives?: number;
  interviews?: number;
}

/**
 * How long the dashboard over many units (every round of an administrator's or a supervisors'
 * office) is reused: computing it scans every measure in scope (seconds at a million), so it is
 * recomputed at most this often (in the background, the previous figures served meanwhile), or after
 * any change this process commits (waited for). Changes committed by another process show within
 * this time plus one recomputation. A single round's dashboard, and a unit's, are always live.
 */
const WIDE_DASHBOARD_TTL_MS = 30_000;

/** Dashboards and roll-ups: counts aggregated by the database, statistics by core. */
export class DashboardService {
  private readonly db: Database;
  private readonly today: () => string;
  private readonly yellowDays: number;
  private readonly wide = new Map<string, { view: DashboardView | null; epoch: number; until: number; pending: Promise<DashboardView> | null; pendingEpoch: number }>();

  constructor(db: Database, today: () => string, yellowDays: number) {
    this.db = db;
    this.today = today;
    this.yellowDays = yellowDays;
  }

  /** The server's calendar: today in Asia/Shanghai and the yellow-light window, so clients light deadlines the same way. */
  getClock(): { today: string; yellowDays: number } {
    return { today: this.today(), yellowDays: this.yellowDays };
  }

  /** The unit dashboard: completion, deadline lights and breakdowns. */
  async getDashboard(actor: Actor, inspectionId?: number): Promise<DashboardView> {
    const scope = await AccessScope.load(this.db, actor);
    const filter = scope.orgFilter();
    if (inspectionId !== undefined || filter.kind === "ids") return this.computeDashboard(scope, inspectionId);
    // Many units: one computation serves everyone with the same scope for a while (concurrent
    // requests share it too).
    const key = `${JSON.stringify(filter)}:${this.today()}`;
    const epoch = mutationEpoch(this.db);
    let entry = this.wide.get(key);
    if (!entry) {
      if (this.wide.size > 100) this.wide.clear();
      entry = { view: null, epoch: -1, until: 0, pending: null, pendingEpoch: -1 };
      this.wide.set(key, entry);
    }
    const current = entry;
    const refresh = (): Promise<DashboardView> => {
      // A computation started before this process's latest change is not reused for it.
      if (current.pending && current.pendingEpoch === epoch) return current.pending;
      const pending = this.computeDashboard(scope, undefined)
        .then((view) => {
          if (epoch >= current.epoch) Object.assign(current, { view, epoch, until: Date.now() + WIDE_DASHBOARD_TTL_MS });
          return view;
        })
        .finally(() => {
          if (current.pending === pending) current.pending = null;
        });
      Object.assign(current, { pending, pendingEpoch: epoch });
      return pending;
    };
    // After a change this process committed, wait for fresh figures (the user sees their own change).
    if (!current.view || current.epoch !== epoch) return refresh();
    // Only time has passed: serve the figures in hand while they are recomputed (stale-while-revalidate),
    // so nobody waits the seconds a recomputation takes at a million measures.
    if (current.until <= Date.now()) void refresh().catch(() => undefined);
    return current.view;
  }

  private async computeDashboard(scope: AccessScope, inspectionId: number | undefined): Promise<DashboardView> {
    const today = this.today();
    // Lights follow each unit's deadline rules (the nearest org up the tree that defines them), as the reminders do.
    const fallback = defaultClockRules(this.yellowDays);
    const yellowDaysByPath = (await listDefinedClockRules(this.db)).map((row) => ({ path: row.path, days: yellowDaysOf(row.rules) }));
    const measures = await countMeasures(this.db, { scope: scope.orgFilter(), inspectionId, today, fallbackYellowDays: yellowDaysOf(fallback), yellowDaysByPath });
    const findings = await countFindings(this.db, { scope: scope.orgFilter(), inspectionId });
    const measureStats = computeCompletionStatsFromCounts(measures.byStatus);
    const { red, yellow, green } = measures.lights;
    const lights: Record<DeadlineLight, number> = { red, yellow, green, none: measureStats.total - red - yellow - green };
    const group = (rows: StatusCount[], fallbackKey: string) => groupCompletionStatsFromCounts(rows.map((row) => ({ ...row, key: row.key ?? fallbackKey })));
    // Departments and leaders are grouped by who they are (department id, leader account; a
    // name-only leader within its unit), never by name: every unit has its own 办公室.
    const describe = (key: string) => measures.labels.get(key) ?? { label: key };
    return {
      findings: computeCompletionStatsFromCounts(findings),
      measures: measureStats,
      lights,
      overdue: lights.red,
      byCategory: group(measures.byCategory, "未分类"),
      byDepartment: groupCompletionStatsFromCounts(measures.byDepartment as { key: string; status: Status; n: number }[], describe),
      byLeader: groupCompletionStatsFromCounts(measures.byLeader as { key: string; status: Status; n: number }[], describe),
      extensions: await countExtensions(this.db, scope.orgFilter(), inspectionId),
    };
  }

  /**
   * Completion over time for one round: for each week from the feedback date to today, how many of
   * the round's measures were closed by then (date of the approved closure, else of the last move
   * into a completed status).
   */
  async getTimeline(actor: Actor, inspectionId: number): Promise<{ date: string; completed: number; total: number }[]> {
    const scope = await AccessScope.load(this.db, actor);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    scope.require("read", [inspection.orgId], "巡察轮次");
    const rows = await listClosingDays(this.db, inspectionId);
    const today = this.today();
    const start = inspection.feedbackDate ?? rows.map((r) => r.createdAt.slice(0, 10)).sort()[0] ?? today;
    // Each measure's closing day once, sorted; then one sweep over the weeks.
    const closedDays = rows
      .filter((row) => isCompletedStatus(row.status))
      .map((row) => todayInShanghai(new Date(row.closedAt ?? row.createdAt)))
      .sort();
    const points: { date: string; completed: number; total: number }[] = [];
    let closed = 0;
    for (let day = start, guard = 0; guard < 260; guard += 1) {
      const date = day > today ? today : day;
      while (closed < closedDays.length && closedDays[closed] <= date) closed += 1;
      points.push({ date, completed: closed, total: rows.length });
      if (date === today) break;
      day = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    }
    return points;
  }

  /** Supervisors' roll-up across units: finding completion per unit, ranked by rate. */
  async getRollup(actor: Actor): Promise<RollupRow[]> {
    const scope = await AccessScope.load(this.db, actor);
    const units = await countRollup(this.db, { scope: scope.orgFilter(), today: this.today() });
    const list = units.map((unit) => ({ orgId: unit.orgId, orgName: unit.orgName, overdue: unit.overdue, ...computeCompletionStatsFromCounts(unit.counts), rank: 0 }));
    const supervision = await countSupervisionByUnit(this.db, list.map((row) => row.orgId), this.today());
    for (const row of list) Object.assign(row, supervision.get(row.orgId));
    list.sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.overdue - b.overdue);
    list.forEach((row, index) => (row.rank = index + 1));
    return list;
  }

  /** Lists the audit trail of the orgs the actor can see, newest first, filtered by who, what, when and where. */
  async listAudit(actor: Actor, filter: Omit<AuditFilter, "orgIds">): Promise<Page<AuditEntry>> {
    ensureDates({ from: { value: filter.from, label: "开始日期" }, to: { value: filter.to, label: "结束日期" } });
    if (filter.from && filter.to) ensure(filter.from <= filter.to, "开始日期不能晚于结束日期");
    const scope = await AccessScope.load(this.db, actor);
    if (filter.withinOrgId) scope.require("read", [filter.withinOrgId], "单位");
    const roots = await this.db.query<{ id: number }>("select id from orgs where parent_id is null");
    const isTreeAdmin = roots.some((root) => scope.can("administer", [root.id]));
    return listAuditEntries(this.db, { ...filter, scope: scope.orgFilter(), includeUnfiled: isTreeAdmin && !filter.withinOrgId });
  }

  /** Builds the ledger snapshot of one round (input of notices, reports and exports). */
  async buildSnapshot(actor: Actor, inspectionId: number): Promise<LedgerSnapshot> {
    const scope = await AccessScope.load(this.db, actor);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    scope.require("read", [inspection.orgId], "巡察轮次");
    return buildLedgerSnapshot(this.db, inspection, this.today());
  }
}

/**
 * Reads a whole round into a LedgerSnapshot. With `findingIds`, only those findings (and no
 * registers): the ledger page flags just the findings it shows. With `findingsOnly`, no registers.
 */
export async function buildLedgerSnapshot(
  q: Queryable,
  inspection: InspectionRow,
  today: string,
  options: { findingIds?: number[]; findingsOnly?: boolean } = {},
): Promise<LedgerSnapshot> {
  const org = found(await findRowById<OrgRow>(q, "orgs", inspection.orgId), "单位");
  const only = options.findingIds ? "and f.id = any($2::bigint[])" : "";
  const params = options.findingIds ? [inspection.id, options.findingIds] : [inspection.id];
  const findings = (await q.query(
    `select f.*, d.name as lead_department_name from findings f left join orgs d on d.id = f.lead_department_id
      where f.inspection_id = $1 and f.voided_at is null ${only} order by f.seq`,
    params,
  )).map((r) => camelizeRow<Record<string, unknown>>(r));
  const measures = (await q.query(
    `select m.*, d.name as department_name,
            (select count(*) from evidence e where e.measure_id = m.id and e.voided_at is null) as evidence_count,
            (select p.text from progress_reports p where p.measure_id = m.id and p.voided_at is null order by p.report_date desc, p.id desc limit 1) as progress
       from measures m join findings f on f.id = m.finding_id left join orgs d on d.id = m.department_id
      where f.inspection_id = $1 and f.voided_at is null and m.voided_at is null ${only} order by f.seq, m.seq`,
    params,
  )).map((r) => camelizeRow<Record<string, unknown>>(r));
  const measuresByFinding = new Map<unknown, Record<string, unknown>[]>();
  for (const m of measures) {
    const list = measuresByFinding.get(m.findingId);
    if (list) list.push(m);
    else measuresByFinding.set(m.findingId, [m]);
  }
  const hasRegisters = !options.findingIds && !options.findingsOnly;
  const count = async (sql: string): Promise<number> => (hasRegisters ? Number((await q.query<{ n: number }>(sql, [inspection.id]))[0].n) : 0);
  const registerRows = async (sql: string): Promise<Record<string, unknown>[]> => (hasRegisters ? q.query(sql, [inspection.id]) : []);
  const rules = (await registerRows("select title, doc_number, issued_date from rules where inspection_id = $1 and voided_at is null order by id")).map((r) => camelizeRow<LedgerSnapshot["registers"]["rules"][number]>(r));
  const accountability = (await registerRows(
    "select kind, person_name, decided_date as date, people from accountabilities where inspection_id = $1 and voided_at is null order by id",
  )).flatMap((r) => {
    const row = camelizeRow<{ kind: LedgerSnapshot["registers"]["accountability"][number]["kind"]; personName: string | null; date: string | null; people: number }>(r);
    return Array.from({ length: row.people }, () => ({ kind: row.kind, personName: row.personName, date: row.date }));
  });
  const recoveries = (await registerRows("select kind, amount_fen, note from recoveries where inspection_id = $1 and voided_at is null order by id")).map((r) => camelizeRow<LedgerSnapshot["registers"]["recoveries"][number]>(r));
  return {
    org: { id: String(org.id), name: org.name, partyOrgName: org.partyOrgName },
    inspection: {
      id: String(inspection.id),
      name: inspection.name,
      kind: inspection.kind,
      groupName: inspection.groupName,
      level: inspection.level,
      startDate: inspection.startDate,
      endDate: inspection.endDate,
      feedbackDate: inspection.feedbackDate,
      feedbackDocNumbers: inspection.feedbackDocNumbers,
    },
    asOf: today,
    findings: findings.map((f) => ({
      id: String(f.id),
      seq: f.seq as number,
      number: f.number as string,
      category: f.category as string | null,
      title: f.title as string,
      subPoints: f.subPoints as string[],
      source: f.source as LedgerSnapshot["findings"][number]["source"],
      status: f.status as Status,
      leadLeader: f.leadLeader as string | null,
      leadDepartment: f.leadDepartmentName as string | null,
      dueDate: f.dueDate as string | null,
      progressText: f.progressText as string | null,
      planText: f.planText as string | null,
      measures: (measuresByFinding.get(f.id) ?? []).map((m) => ({
          id: String(m.id),
          seq: m.seq as number,
          text: m.text as string,
          kind: m.kind as LedgerSnapshot["findings"][number]["measures"][number]["kind"],
          leader: m.leaderName as string | null,
          department: m.departmentName as string | null,
          owner: m.ownerName as string | null,
          dueDate: m.dueDate as string | null,
          status: m.status as Status,
          progress: m.progress as string | null,
          evidenceCount: Number(m.evidenceCount),
          note: m.note as string | null,
          originalDueDate: m.originalDueDate as string | null,
        })),
    })),
    registers: {
      rules,
      accountability,
      recoveries,
      petitions: {
        total: await count("select count(*) as n from petitions where inspection_id = $1 and voided_at is null"),
        closed: await count("select count(*) as n from petitions where inspection_id = $1 and voided_at is null and state = 'closed'"),
      },
      leads: {
        total: await count("select count(*) as n from leads where inspection_id = $1 and voided_at is null"),
        transferred: await count("select count(*) as n from leads where inspection_id = $1 and voided_at is null and state in ('transferred', 'filed', 'closed')"),
        closed: await count("select count(*) as n from leads where inspection_id = $1 and voided_at is null and state = 'closed'"),
      },
    },
  };
}
