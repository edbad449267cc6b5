import type { FindingSource, InspectionKind, MeasureKind, Status } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow, selectPage, WhereBuilder, type Page } from "./sql.ts";

/** An inspection round as stored. */
export interface InspectionRow {
  id: number;
  orgId: number;
  name: string;
  kind: InspectionKind;
  groupName: string | null;
  level: string | null;
  startDate: string | null;
  endDate: string | null;
  feedbackDate: string | null;
  feedbackDocNumbers: string[];
  sourceSha256: string | null;
  /** Set when the round is archived (归档): read-only from then on. */
  archivedAt: string | null;
  archivedBy: number | null;
  archiveReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A finding as stored. */
export interface FindingRow {
  id: number;
  inspectionId: number;
  orgId: number;
  seq: number;
  number: string;
  category: string | null;
  title: string;
  subPoints: string[];
  source: FindingSource;
  status: Status;
  leadLeader: string | null;
  leadDepartmentId: number | null;
  dueDate: string | null;
  progressText: string | null;
  planText: string | null;
  /** Set when voided (作废): kept with its content, left out of figures. */
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A measure as stored. */
export interface MeasureRow {
  id: number;
  findingId: number;
  orgId: number;
  seq: number;
  text: string;
  kind: MeasureKind;
  leaderName: string | null;
  leaderUserId: number | null;
  departmentId: number | null;
  ownerName: string | null;
  ownerUserId: number | null;
  dueDate: string | null;
  originalDueDate: string | null;
  status: Status;
  note: string | null;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A measure with the names the ledger table shows. */
export interface MeasureListItem extends MeasureRow {
  departmentName: string | null;
  inspectionId: number;
  findingTitle: string;
  findingNumber: string;
  findingSeq: number;
  category: string | null;
  evidenceCount: number;
  pendingClosureId: number | null;
}

/** Filters shared by the ledger lists. */
export interface LedgerFilter {
  visibleOrgIds: number[];
  inspectionId?: number;
  status?: Status[];
  category?: string;
  departmentId?: number;
  leader?: string;
  /** Only items past due (today given in Asia/Shanghai). */
  overdueOn?: string;
  text?: string;
  ownerUserId?: number;
  /** Restricts to these findings (e.g. those carrying a checker flag). */
  findingIds?: number[];
  /** true: only 立行立改 items (source immediate); false: only the other problems. */
  isImmediate?: boolean;
  /** Voided (作废) records are left out unless asked for. */
  includeVoided?: boolean;
  page: number;
  pageSize: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Lists inspections visible through the given orgs (own unit or a department with measures in it). */
export async function listInspections(
  q: Queryable,
  filter: { visibleOrgIds: number[]; orgId?: number; text?: string; page: number; pageSize: number },
): Promise<Page<InspectionRow & { orgName: string; findingCount: number }>> {
  const where = new WhereBuilder();
  const ids = where.param(filter.visibleOrgIds);
  where.add(
    `i.org_id = any(${ids}::bigint[]) or exists (select 1 from measures m join findings f on f.id = m.finding_id
       where f.inspection_id = i.id and m.department_id = any(${ids}::bigint[]))`,
  );
  if (filter.orgId) where.add(`i.org_id = ${where.param(filter.orgId)}`);
  if (filter.text) where.add(`i.name ilike ${where.param(likePattern(filter.text))}`);
  return selectPage(q, {
    columns: `i.*, o.name as org_name, (select count(*) from findings f where f.inspection_id = i.id and f.voided_at is null) as finding_count`,
    from: "inspections i join orgs o on o.id = i.org_id",
    where,
    orderBy: "i.feedback_date desc nulls last, i.id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Lists findings of the ledger with filters; a finding matches when it or one of its measures does. */
export async function listFindings(q: Queryable, filter: LedgerFilter): Promise<Page<FindingRow & { measureCount: number; leadDepartmentName: string | null }>> {
  const where = new WhereBuilder();
  const ids = where.param(filter.visibleOrgIds);
  // Filters look only at measures the user may read: a department sees another department's
  // measures of the same finding neither in the list nor through what a filter matches.
  const visibleMeasure = `m.finding_id = f.id and (m.org_id = any(${ids}::bigint[]) or m.department_id = any(${ids}::bigint[]))`;
  where.add(`f.org_id = any(${ids}::bigint[]) or exists (select 1 from measures m where ${visibleMeasure})`);
  if (filter.inspectionId) where.add(`f.inspection_id = ${where.param(filter.inspectionId)}`);
  if (filter.findingIds) where.add(`f.id = any(${where.param(filter.findingIds)}::bigint[])`);
  if (!filter.includeVoided) where.add("f.voided_at is null");
  if (filter.isImmediate !== undefined) where.add(filter.isImmediate ? "f.source = 'immediate'" : "f.source <> 'immediate'");
  if (filter.status?.length) where.add(`f.status = any(${where.param(filter.status)}::text[])`);
  if (filter.category) where.add(`f.category = ${where.param(filter.category)}`);
  if (filter.departmentId) {
    const d = where.param(filter.departmentId);
    where.add(`f.lead_department_id = ${d} or exists (select 1 from measures m where ${visibleMeasure} and m.department_id = ${d})`);
  }
  if (filter.leader) {
    const l = where.param(filter.leader);
    where.add(`f.lead_leader = ${l} or exists (select 1 from measures m where ${visibleMeasure} and m.leader_name = ${l})`);
  }
  if (filter.overdueOn) {
    const t = where.param(filter.overdueOn);
    where.add(
      `exists (select 1 from measures m where ${visibleMeasure} and m.due_date < ${t}::date and m.status not in ('completed', 'completed_long_term'))
       or (f.due_date < ${t}::date and f.status not in ('completed', 'completed_long_term'))`,
    );
  }
  if (filter.text) {
    const p = where.param(likePattern(filter.text));
    where.add(`f.title ilike ${p} or f.category ilike ${p} or exists (select 1 from measures m where ${visibleMeasure} and m.text ilike ${p})`);
  }
  return selectPage(q, {
    columns: `f.*, (select count(*) from measures m where ${visibleMeasure} and m.voided_at is null) as measure_count, d.name as lead_department_name`,
    from: "findings f left join orgs d on d.id = f.lead_department_id",
    where,
    orderBy: "f.inspection_id, f.seq",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Lists measures with filters (the 任务清单 / "my measures" views). */
export async function listMeasures(q: Queryable, filter: LedgerFilter): Promise<Page<MeasureListItem>> {
  const where = new WhereBuilder();
  const ids = where.param(filter.visibleOrgIds);
  where.add(`m.org_id = any(${ids}::bigint[]) or m.department_id = any(${ids}::bigint[])`);
  if (filter.inspectionId) where.add(`f.inspection_id = ${where.param(filter.inspectionId)}`);
  if (!filter.includeVoided) where.add("m.voided_at is null and f.voided_at is null");
  if (filter.status?.length) where.add(`m.status = any(${where.param(filter.status)}::text[])`);
  if (filter.category) where.add(`f.category = ${where.param(filter.category)}`);
  if (filter.departmentId) where.add(`m.department_id = ${where.param(filter.departmentId)}`);
  if (filter.leader) where.add(`m.leader_name = ${where.param(filter.leader)}`);
  if (filter.ownerUserId) where.add(`m.owner_user_id = ${where.param(filter.ownerUserId)}`);
  if (filter.overdueOn) {
    where.add(`m.due_date < ${where.param(filter.overdueOn)}::date and m.status not in ('completed', 'completed_long_term')`);
  }
  if (filter.text) {
    const p = where.param(likePattern(filter.text));
    where.add(`m.text ilike ${p} or f.title ilike ${p} or m.owner_name ilike ${p} or m.leader_name ilike ${p}`);
  }
  return selectPage(q, {
    columns: `m.*, d.name as department_name, f.inspection_id, f.title as finding_title, f.number as finding_number,
      f.seq as finding_seq, f.category,
      (select count(*) from evidence e where e.measure_id = m.id and e.voided_at is null) as evidence_count,
      (select c.id from closures c where c.measure_id = m.id and c.state = 'pending') as pending_closure_id`,
    from: "measures m join findings f on f.id = m.finding_id left join orgs d on d.id = m.department_id",
    where,
    orderBy: "m.due_date asc nulls last, f.seq, m.seq",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** The measures of one finding, in order (voided ones only when asked for). */
export async function listMeasuresOfFinding(q: Queryable, findingId: number, options: { includeVoided?: boolean } = {}): Promise<MeasureRow[]> {
  const voided = options.includeVoided ? "" : " and voided_at is null";
  const rows = await q.query(`select * from measures where finding_id = $1${voided} order by seq`, [findingId]);
  return rows.map((r) => camelizeRow<MeasureRow>(r));
}

/** Next free seq among a finding's measures. */
export async function nextMeasureSeq(q: Queryable, findingId: number): Promise<number> {
  const rows = await q.query<{ n: number }>("select coalesce(max(seq), 0) + 1 as n from measures where finding_id = $1", [findingId]);
  return Number(rows[0].n);
}

/** Next free seq among an inspection's findings. */
export async function nextFindingSeq(q: Queryable, inspectionId: number): Promise<number> {
  const rows = await q.query<{ n: number }>("select coalesce(max(seq), 0) + 1 as n from findings where inspection_id = $1", [inspectionId]);
  return Number(rows[0].n);
}

/** Counts the evidence items of a measure that are not voided. */
export async function countEvidence(q: Queryable, measureId: number): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from evidence where measure_id = $1 and voided_at is null", [measureId]);
  return Number(rows[0].n);
}

/** Sets a finding's status (roll-up from its measures). */
export async function setFindingStatus(q: Queryable, findingId: number, status: Status): Promise<void> {
  await q.query(
    "update findings set status = $2, version = version + 1, updated_at = now() where id = $1 and status <> $2",
    [findingId, status],
  );
}

/** The earliest due date among a round's live problems and measures that are not 立行立改 (null when none). */
export async function findEarliestDueDate(q: Queryable, inspectionId: number): Promise<string | null> {
  const rows = await q.query<{ due: string | null }>(
    `select least(
        (select min(m.due_date) from measures m join findings f on f.id = m.finding_id
          where f.inspection_id = $1 and m.kind <> 'immediate' and f.source <> 'immediate' and m.voided_at is null and f.voided_at is null),
        (select min(f.due_date) from findings f where f.inspection_id = $1 and f.source <> 'immediate' and f.voided_at is null)) as due`,
    [inspectionId],
  );
  return rows[0]?.due ?? null;
}
