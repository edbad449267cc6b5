import {
  computeCompletionStats,
  defaultClockRules,
  groupCompletionStats,
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
import { camelizeRow, findRowById, type Page } from "../repositories/sql.ts";
import { AccessScope, type Actor } from "./access.ts";
import { LightBook } from "./clock.service.ts";
import { countSupervisionByUnit } from "../repositories/supervision.repository.ts";
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

async function countExtensions(q: Queryable, visibleOrgIds: number[], inspectionId?: number): Promise<ExtensionFigures> {
  const rows = await q.query<ExtensionFigures>(
    `select count(*) as requested,
            count(*) filter (where e.state = 'approved') as approved,
            count(*) filter (where e.state = 'pending') as pending,
            count(distinct e.measure_id) filter (where e.state = 'approved') as "measuresExtended"
       from extensions e join measures m on m.id = e.measure_id join findings f on f.id = m.finding_id
      where (m.org_id = any($1::bigint[]) or m.department_id = any($1::bigint[])) and ($2::bigint is null or f.inspection_id = $2)
        and m.voided_at is null and f.voided_at is null`,
    [visibleOrgIds, inspectionId ?? null],
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

interface MeasureFact {
  status: Status;
  dueDate: string | null;
  departmentId: number | null;
  departmentName: string | null;
  leaderName: string | null;
  leaderUserId: number | null;
  category: string | null;
  orgId: number;
  orgName: string;
  findingId: number;
  findingStatus: Status;
}

async function loadMeasureFacts(q: Queryable, visibleOrgIds: number[], inspectionId?: number): Promise<MeasureFact[]> {
  const rows = await q.query(
    `select m.status, m.due_date, m.department_id, d.name as department_name, m.leader_name, m.leader_user_id, f.category, m.org_id, o.name as org_name,
            f.id as finding_id, f.status as finding_status
       from measures m join findings f on f.id = m.finding_id join orgs o on o.id = m.org_id
       left join orgs d on d.id = m.department_id
      where (m.org_id = any($1::bigint[]) or m.department_id = any($1::bigint[]))
        and ($2::bigint is null or f.inspection_id = $2) and m.voided_at is null and f.voided_at is null`,
    [visibleOrgIds, inspectionId ?? null],
  );
  return rows.map((r) => camelizeRow<MeasureFact>(r));
}

/** Dashboards and roll-ups, computed with core statistics. */
export class DashboardService {
  private readonly db: Database;
  private readonly today: () => string;
  private readonly yellowDays: number;

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
    const facts = await loadMeasureFacts(this.db, scope.visibleOrgIds(), inspectionId);
    const today = this.today();
    const lights: Record<DeadlineLight, number> = { red: 0, yellow: 0, green: 0, none: 0 };
    // Lights follow each unit's deadline rules, as the reminders do.
    const book = new LightBook(this.db, today, defaultClockRules(this.yellowDays));
    for (const fact of facts) lights[await book.lightOf(fact.orgId, fact.status, fact.dueDate)] += 1;
    const findingStatuses = new Map<number, Status>();
    for (const fact of facts) findingStatuses.set(fact.findingId, fact.findingStatus);
    const findingRows = await this.db.query<{ status: Status }>(
      `select f.status from findings f where f.org_id = any($1::bigint[]) and ($2::bigint is null or f.inspection_id = $2) and f.voided_at is null`,
      [scope.visibleOrgIds(), inspectionId ?? null],
    );
    const statuses = findingRows.length ? findingRows.map((r) => r.status) : [...findingStatuses.values()];
    return {
      findings: computeCompletionStats(statuses),
      measures: computeCompletionStats(facts.map((f) => f.status)),
      lights,
      overdue: lights.red,
      byCategory: groupCompletionStats(facts, (f) => f.category ?? "未分类", (f) => f.status),
      // Departments and leaders are grouped by who they are (department id, leader account; a
      // name-only leader within its unit), never by name: every unit has its own 办公室.
      byDepartment: groupCompletionStats(
        facts,
        (f) => (f.departmentId === null ? `unit:${f.orgId}` : String(f.departmentId)),
        (f) => f.status,
        (f) => ({ label: f.departmentName ?? "未指定部门", unitName: f.orgName }),
      ),
      byLeader: groupCompletionStats(
        facts,
        (f) => (f.leaderUserId !== null ? `user:${f.leaderUserId}` : `name:${f.orgId}:${f.leaderName ?? ""}`),
        (f) => f.status,
        (f) => ({ label: f.leaderName ?? "未指定领导", unitName: f.orgName }),
      ),
      extensions: await countExtensions(this.db, scope.visibleOrgIds(), inspectionId),
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
    const rows = await this.db.query<{ id: number; status: Status; createdAt: string; closedAt: string | null }>(
      `select m.id, m.status, m.created_at as "createdAt",
              coalesce(
                (select max(c.decided_at) from closures c where c.measure_id = m.id and c.state = 'approved'),
                (select max(a.at) from audit_log a where a.entity = 'measure' and a.entity_id = m.id::text and a.action in ('status', 'import')
                   and a.after->>'status' in ('completed', 'completed_long_term'))) as "closedAt"
         from measures m join findings f on f.id = m.finding_id where f.inspection_id = $1 and m.voided_at is null and f.voided_at is null`,
      [inspectionId],
    );
    const today = this.today();
    const start = inspection.feedbackDate ?? rows.map((r) => r.createdAt.slice(0, 10)).sort()[0] ?? today;
    const closedDay = (row: (typeof rows)[number]): string | null =>
      isCompletedStatus(row.status) ? todayInShanghai(new Date(row.closedAt ?? row.createdAt)) : null;
    const points: { date: string; completed: number; total: number }[] = [];
    for (let day = start, guard = 0; guard < 260; guard += 1) {
      const date = day > today ? today : day;
      points.push({
        date,
        completed: rows.filter((r) => (closedDay(r) ?? "9999") <= date).length,
        total: rows.length,
      });
      if (date === today) break;
      day = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    }
    return points;
  }

  /** Supervisors' roll-up across units: finding completion per unit, ranked by rate. */
  async getRollup(actor: Actor): Promise<RollupRow[]> {
    const scope = await AccessScope.load(this.db, actor);
    const rows = await this.db.query<{ orgId: number; orgName: string; status: Status; overdue: boolean }>(
      `select f.org_id as "orgId", o.name as "orgName", f.status,
              exists (select 1 from measures m where m.finding_id = f.id and m.due_date < $2::date
                       and m.status not in ('completed', 'completed_long_term') and m.voided_at is null) as overdue
         from findings f join orgs o on o.id = f.org_id where f.org_id = any($1::bigint[]) and f.voided_at is null`,
      [scope.visibleOrgIds(), this.today()],
    );
    const byOrg = new Map<number, { orgName: string; statuses: Status[]; overdue: number }>();
    for (const row of rows) {
      const entry = byOrg.get(row.orgId) ?? { orgName: row.orgName, statuses: [], overdue: 0 };
      entry.statuses.push(row.status);
      if (row.overdue) entry.overdue += 1;
      byOrg.set(row.orgId, entry);
    }
    const list = [...byOrg.entries()].map(([orgId, e]) => ({ orgId, orgName: e.orgName, overdue: e.overdue, ...computeCompletionStats(e.statuses), rank: 0 }));
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
    return listAuditEntries(this.db, { ...filter, orgIds: scope.visibleOrgIds(), includeUnfiled: isTreeAdmin && !filter.withinOrgId });
  }

  /** Builds the ledger snapshot of one round (input of notices, reports and exports). */
  async buildSnapshot(actor: Actor, inspectionId: number): Promise<LedgerSnapshot> {
    const scope = await AccessScope.load(this.db, actor);
    const inspection = found(await findRowById<InspectionRow>(this.db, "inspections", inspectionId), "巡察轮次");
    scope.require("read", [inspection.orgId], "巡察轮次");
    return buildLedgerSnapshot(this.db, inspection, this.today());
  }
}

/** Reads a whole round into a LedgerSnapshot. */
export async function buildLedgerSnapshot(q: Queryable, inspection: InspectionRow, today: string): Promise<LedgerSnapshot> {
  const org = found(await findRowById<OrgRow>(q, "orgs", inspection.orgId), "单位");
  const findings = (await q.query(
    `select f.*, d.name as lead_department_name from findings f left join orgs d on d.id = f.lead_department_id
      where f.inspection_id = $1 and f.voided_at is null order by f.seq`,
    [inspection.id],
  )).map((r) => camelizeRow<Record<string, unknown>>(r));
  const measures = (await q.query(
    `select m.*, d.name as department_name,
            (select count(*) from evidence e where e.measure_id = m.id and e.voided_at is null) as evidence_count,
            (select p.text from progress_reports p where p.measure_id = m.id and p.voided_at is null order by p.report_date desc, p.id desc limit 1) as progress
       from measures m join findings f on f.id = m.finding_id left join orgs d on d.id = m.department_id
      where f.inspection_id = $1 and f.voided_at is null and m.voided_at is null order by f.seq, m.seq`,
    [inspection.id],
  )).map((r) => camelizeRow<Record<string, unknown>>(r));
  const count = async (sql: string): Promise<number> => Number((await q.query<{ n: number }>(sql, [inspection.id]))[0].n);
  const rules = (await q.query("select title, doc_number, issued_date from rules where inspection_id = $1 and voided_at is null order by id", [inspection.id])).map((r) => camelizeRow<LedgerSnapshot["registers"]["rules"][number]>(r));
  const accountability = (await q.query(
    "select kind, person_name, decided_date as date, people from accountabilities where inspection_id = $1 and voided_at is null order by id",
    [inspection.id],
  )).flatMap((r) => {
    const row = camelizeRow<{ kind: LedgerSnapshot["registers"]["accountability"][number]["kind"]; personName: string | null; date: string | null; people: number }>(r);
    return Array.from({ length: row.people }, () => ({ kind: row.kind, personName: row.personName, date: row.date }));
  });
  const recoveries = (await q.query("select kind, amount_fen, note from recoveries where inspection_id = $1 and voided_at is null order by id", [inspection.id])).map((r) => camelizeRow<LedgerSnapshot["registers"]["recoveries"][number]>(r));
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
      measures: measures
        .filter((m) => m.findingId === f.id)
        .map((m) => ({
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
