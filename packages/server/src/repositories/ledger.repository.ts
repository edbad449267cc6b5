import type { FindingSource, InspectionKind, MeasureKind, Status } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { addScopeClause, camelizeRow, escapeLike, scopeCondition, selectPageByIds, WhereBuilder, type OrgScopeFilter, type Page } from "./sql.ts";

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
  /** What the actor may see (AccessScope.orgFilter); `visibleOrgIds` is the older form of the same. */
  scope?: OrgScopeFilter;
  visibleOrgIds?: number[];
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

function scopeOf(filter: { scope?: OrgScopeFilter; visibleOrgIds?: number[] }): OrgScopeFilter {
  return filter.scope ?? { kind: "ids", ids: filter.visibleOrgIds ?? [] };
}

function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

// Text search goes through the trigram indexes of migration 0040 (measures_search_idx,
// findings_search_idx): the same expressions must be used here for the planner to pick them.
const MEASURE_SEARCH_TEXT = "(text || ' ' || coalesce(owner_name, '') || ' ' || coalesce(leader_name, ''))";
const FINDING_SEARCH_TEXT = "(title || ' ' || coalesce(category, ''))";
/** Open statuses, as SQL: what overdue and the deadline lights look at. */
export const OPEN_STATUS_SQL = "status not in ('completed', 'completed_long_term')";

/** Lists inspections visible through the given orgs (own unit or a department with measures in it). */
export async function listInspections(
  q: Queryable,
  filter: { scope?: OrgScopeFilter; visibleOrgIds?: number[]; orgId?: number; text?: string; page: number; pageSize: number },
): Promise<Page<InspectionRow & { orgName: string; findingCount: number }>> {
  const where = new WhereBuilder();
  const scope = scopeOf(filter);
  if (scope.kind !== "everything") {
    const own = scopeCondition(where, scope, ["i.org_id"]);
    const viaMeasures = scopeCondition(where, scope, ["m.department_id"]);
    where.add(`${own} or exists (select 1 from measures m join findings f on f.id = m.finding_id where f.inspection_id = i.id and (${viaMeasures}))`);
  }
  if (filter.orgId) where.add(`i.org_id = ${where.param(filter.orgId)}`);
  if (filter.text) where.add(`i.name ilike ${where.param(likePattern(filter.text))}`);
  return selectPageByIds(q, {
    from: "inspections i",
    where,
    id: "i.id",
    orderBy: "i.feedback_date desc nulls last, i.id desc",
    columns: `i.*, o.name as org_name, (select count(*) from findings f where f.inspection_id = i.id and f.voided_at is null) as finding_count`,
    join: "join inspections i on i.id = page.id join orgs o on o.id = i.org_id",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/**
 * Lists findings of the ledger with filters; a finding matches when it or one of its measures does.
 * Ordered by round and number; the page is picked from findings_status_idx / the (inspection_id,
 * seq) key, and measure counts are computed for the page's rows only.
 */
export async function listFindings(q: Queryable, filter: LedgerFilter): Promise<Page<FindingRow & { measureCount: number; leadDepartmentName: string | null }>> {
  const where = new WhereBuilder();
  const scope = scopeOf(filter);
  // Filters look only at measures the user may read: a department sees another department's
  // measures of the same finding neither in the list nor through what a filter matches.
  const measureInScope = scopeCondition(where, scope, ["m.org_id", "m.department_id"]);
  const visibleMeasure = (condition: string): string => (measureInScope ? `(${measureInScope}) and ${condition}` : condition);
  if (measureInScope) {
    const own = scopeCondition(where, scope, ["f.org_id"]);
    where.add(`${own} or exists (select 1 from measures m where m.finding_id = f.id and (${measureInScope}))`);
  }
  if (filter.inspectionId) where.add(`f.inspection_id = ${where.param(filter.inspectionId)}`);
  if (filter.findingIds) where.add(`f.id = any(${where.param(filter.findingIds)}::bigint[])`);
  if (!filter.includeVoided) where.add("f.voided_at is null");
  if (filter.isImmediate !== undefined) where.add(filter.isImmediate ? "f.source = 'immediate'" : "f.source <> 'immediate'");
  if (filter.status?.length) where.add(`f.status = any(${where.param(filter.status)}::text[])`);
  if (filter.category) where.add(`f.category = ${where.param(filter.category)}`);
  if (filter.departmentId) {
    const d = where.param(filter.departmentId);
    where.add(`f.lead_department_id = ${d} or f.id in (select m.finding_id from measures m where ${visibleMeasure(`m.department_id = ${d}`)})`);
  }
  if (filter.leader) {
    const l = where.param(filter.leader);
    where.add(`f.lead_leader = ${l} or f.id in (select m.finding_id from measures m where ${visibleMeasure(`m.leader_name = ${l}`)})`);
  }
  if (filter.overdueOn) {
    const t = where.param(filter.overdueOn);
    where.add(
      `f.id in (select m.finding_id from measures m where ${visibleMeasure(`m.due_date < ${t}::date and m.${OPEN_STATUS_SQL}`)})
       or (f.due_date < ${t}::date and f.${OPEN_STATUS_SQL})`,
    );
  }
  if (filter.text) {
    const p = where.param(likePattern(filter.text));
    where.add(
      `f.id in (select id from findings where ${FINDING_SEARCH_TEXT} ilike ${p}
                union select m.finding_id from measures m where ${visibleMeasure(`${MEASURE_SEARCH_TEXT} ilike ${p}`)})`,
    );
  }
  return selectPageByIds(q, {
    from: "findings f",
    where,
    id: "f.id",
    orderBy: "f.inspection_id, f.seq",
    columns: `f.*, (select count(*) from measures m where ${visibleMeasure("m.finding_id = f.id and m.voided_at is null")}) as measure_count, d.name as lead_department_name`,
    join: "join findings f on f.id = page.id left join orgs d on d.id = f.lead_department_id",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/**
 * Lists measures with filters (the 任务清单 / "my measures" views), ordered by due date (then finding
 * and number) so that a page is the start of an index range (measures_due_order_idx,
 * measures_status_due_idx, measures_open_due_idx); evidence counts and pending closures are looked
 * up for the page's rows only.
 */
export async function listMeasures(q: Queryable, filter: LedgerFilter): Promise<Page<MeasureListItem>> {
  const where = new WhereBuilder();
  addScopeClause(where, scopeOf(filter), ["m.org_id", "m.department_id"]);
  if (filter.inspectionId) where.add(`m.finding_id in (select id from findings where inspection_id = ${where.param(filter.inspectionId)})`);
  // Voided findings are few: their ids come from findings_voided_idx (migration 0042).
  if (!filter.includeVoided) where.add("m.voided_at is null and m.finding_id not in (select id from findings where voided_at is not null)");
  if (filter.status?.length) where.add(`m.status = any(${where.param(filter.status)}::text[])`);
  if (filter.category) where.add(`m.finding_id in (select id from findings where category = ${where.param(filter.category)})`);
  if (filter.departmentId) where.add(`m.department_id = ${where.param(filter.departmentId)}`);
  if (filter.leader) where.add(`m.leader_name = ${where.param(filter.leader)}`);
  if (filter.ownerUserId) where.add(`m.owner_user_id = ${where.param(filter.ownerUserId)}`);
  if (filter.overdueOn) where.add(`m.due_date < ${where.param(filter.overdueOn)}::date and m.${OPEN_STATUS_SQL}`);
  if (filter.text) {
    const p = where.param(likePattern(filter.text));
    where.add(
      `m.id in (select id from measures where ${MEASURE_SEARCH_TEXT} ilike ${p}
                union select id from measures where finding_id in (select id from findings where ${FINDING_SEARCH_TEXT} ilike ${p}))`,
    );
  }
  return selectPageByIds(q, {
    from: "measures m",
    where,
    id: "m.id",
    orderBy: "m.due_date asc nulls last, m.finding_id, m.seq",
    columns: `m.*, d.name as department_name, f.inspection_id, f.title as finding_title, f.number as finding_number,
      f.seq as finding_seq, f.category,
      (select count(*) from evidence e where e.measure_id = m.id and e.voided_at is null) as evidence_count,
      (select c.id from closures c where c.measure_id = m.id and c.state = 'pending') as pending_closure_id`,
    join: "join measures m on m.id = page.id join findings f on f.id = m.finding_id left join orgs d on d.id = m.department_id",
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
