import { daysBetween, formatChineseDate, type WeeklyReportContent, type WeeklyReportItem } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** A weekly report as stored. */
export interface WeeklyReportRow {
  id: number;
  orgId: number;
  periodStart: string;
  periodEnd: string;
  state: "draft" | "sent";
  content: WeeklyReportContent;
  generatedAt: string;
  updatedBy: number | null;
  sentAt: string | null;
  sentBy: number | null;
  version: number;
}

const EXTENSION_STATE: Record<string, string> = { pending: "待审批", approved: "已批准", rejected: "未批准", withdrawn: "已撤回" };
const DIRECTIVE_STATE: Record<string, string> = { open: "待回复", replied: "已回复", closed: "已办结" };

// Instants are compared against the period in Asia/Shanghai (UTC+8, no DST).
const startOf = (date: string): string => `${date}T00:00:00+08:00`;
const endOf = (date: string): string => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

function item(row: Record<string, unknown>, detail: string, date: string | null): WeeklyReportItem {
  return {
    id: Number(row.id),
    reference: `问题${row.findingNumber} 措施（${row.seq}）`,
    text: String(row.text),
    department: (row.departmentName as string | null) ?? null,
    date,
    detail,
  };
}

const MEASURE_COLUMNS = `m.id, m.seq, m.text, m.due_date, m.status, f.number as finding_number, d.name as department_name`;
const MEASURE_FROM = `measures m join findings f on f.id = m.finding_id left join orgs d on d.id = m.department_id`;
// Voided (作废) measures, findings, progress and directives are kept but never reported.
const COUNTS = "m.voided_at is null and f.voided_at is null";

/** Gathers a unit's week from the ledger: progress, completions, overdue items, extensions, directives. */
export async function gatherWeeklyContent(q: Queryable, unitId: number, period: { periodStart: string; periodEnd: string }): Promise<WeeklyReportContent> {
  const { periodStart, periodEnd } = period;
  const unit = (await q.query<{ name: string }>("select name from orgs where id = $1", [unitId]))[0];
  const rows = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> => (await q.query(sql, params)).map((r) => camelizeRow<Record<string, unknown>>(r));
  const progress = await rows(
    `select ${MEASURE_COLUMNS}, p.text as progress_text, p.report_date from progress_reports p join ${MEASURE_FROM} on m.id = p.measure_id
      where m.org_id = $1 and p.report_date between $2 and $3 and p.voided_at is null and ${COUNTS} order by p.report_date, p.id`,
    [unitId, periodStart, periodEnd],
  );
  const completed = await rows(
    `select ${MEASURE_COLUMNS}, c.decided_at from closures c join ${MEASURE_FROM} on m.id = c.measure_id
      where m.org_id = $1 and c.state = 'approved' and c.decided_at >= $2 and c.decided_at < $3 and ${COUNTS} order by c.decided_at`,
    [unitId, startOf(periodStart), endOf(periodEnd)],
  );
  const overdue = await rows(
    `select ${MEASURE_COLUMNS} from ${MEASURE_FROM}
      where m.org_id = $1 and m.due_date < $2 and m.status not in ('completed', 'completed_long_term') and ${COUNTS} order by m.due_date, m.id`,
    [unitId, periodEnd],
  );
  const extensions = await rows(
    `select ${MEASURE_COLUMNS}, e.previous_due_date, e.requested_due_date, e.reason, e.state as extension_state from extensions e join ${MEASURE_FROM} on m.id = e.measure_id
      where m.org_id = $1 and ((e.requested_at >= $2 and e.requested_at < $3) or (e.decided_at >= $2 and e.decided_at < $3)) and ${COUNTS} order by e.id`,
    [unitId, startOf(periodStart), endOf(periodEnd)],
  );
  const directives = await rows(
    `select d.id, d.text, d.reply_due, d.state, io.name as issuer_name from directives d join orgs io on io.id = d.issued_by_org_id
      where d.org_id = $1 and d.created_at < $3 and (d.state <> 'closed' or d.closed_at >= $2) and d.voided_at is null order by d.id`,
    [unitId, startOf(periodStart), endOf(periodEnd)],
  );
  const totals = (
    await q.query<{ measures: number; completed: number; overdue: number; openDirectives: number }>(
      `select (select count(*) from ${MEASURE_FROM} where m.org_id = $1 and ${COUNTS}) as measures,
              (select count(*) from ${MEASURE_FROM} where m.org_id = $1 and m.status in ('completed', 'completed_long_term') and ${COUNTS}) as completed,
              (select count(*) from ${MEASURE_FROM} where m.org_id = $1 and m.due_date < $2 and m.status not in ('completed', 'completed_long_term') and ${COUNTS}) as overdue,
              (select count(*) from directives where org_id = $1 and state <> 'closed' and voided_at is null) as "openDirectives"`,
      [unitId, periodEnd],
    )
  )[0];
  return {
    unitName: unit?.name ?? "",
    periodStart,
    periodEnd,
    totals: {
      measures: Number(totals.measures),
      completed: Number(totals.completed),
      overdue: Number(totals.overdue),
      extensions: extensions.length,
      openDirectives: Number(totals.openDirectives),
    },
    progress: progress.map((r) => item(r, String(r.progressText), r.reportDate as string)),
    completed: completed.map((r) => item(r, "已销号", new Date(Date.parse(r.decidedAt as string) + 8 * 3600_000).toISOString().slice(0, 10))),
    overdue: overdue.map((r) => item(r, `逾期${daysBetween(r.dueDate as string, periodEnd)}天`, r.dueDate as string)),
    extensions: extensions.map((r) =>
      item(r, `申请延至${formatChineseDate(r.requestedDueDate as string)}（${EXTENSION_STATE[r.extensionState as string]}）：${r.reason}`, (r.previousDueDate as string | null) ?? null),
    ),
    directives: directives.map((r) => ({
      id: Number(r.id),
      reference: String(r.issuerName),
      text: String(r.text),
      department: null,
      date: (r.replyDue as string | null) ?? null,
      detail: DIRECTIVE_STATE[r.state as string] ?? String(r.state),
    })),
    summary: "",
    nextSteps: "",
  };
}

/** Inserts a generated report unless the unit already has one for the period; returns it only when new. */
export async function insertWeeklyReport(q: Queryable, unitId: number, content: WeeklyReportContent): Promise<WeeklyReportRow | null> {
  const rows = await q.query(
    `insert into weekly_reports (org_id, period_start, period_end, content) values ($1, $2, $3, $4::jsonb)
     on conflict (org_id, period_start) do nothing returning *`,
    [unitId, content.periodStart, content.periodEnd, JSON.stringify(content)],
  );
  return rows.length ? camelizeRow<WeeklyReportRow>(rows[0]) : null;
}

/** Finds a unit's report for a period. */
export async function findWeeklyReport(q: Queryable, unitId: number, periodStart: string): Promise<WeeklyReportRow | null> {
  const rows = await q.query("select * from weekly_reports where org_id = $1 and period_start = $2", [unitId, periodStart]);
  return rows.length ? camelizeRow<WeeklyReportRow>(rows[0]) : null;
}

/** Lists reports of some units, newest period first. */
export async function listWeeklyReports(q: Queryable, unitIds: readonly number[], limit: number): Promise<(Omit<WeeklyReportRow, "content"> & { unitName: string })[]> {
  const rows = await q.query(
    `select w.id, w.org_id, w.period_start, w.period_end, w.state, w.generated_at, w.sent_at, w.version, o.name as unit_name
       from weekly_reports w join orgs o on o.id = w.org_id
      where w.org_id = any($1::bigint[]) order by w.period_end desc, o.name limit $2`,
    [unitIds, limit],
  );
  return rows.map((r) => camelizeRow(r));
}

/** Units in some orgs and, for one period, whether each sent its report. */
export async function listWeeklyReportStatus(
  q: Queryable,
  visibleOrgIds: readonly number[],
  periodStart: string,
): Promise<{ orgId: number; orgName: string; reportId: number | null; state: "draft" | "sent" | null; sentAt: string | null }[]> {
  const rows = await q.query(
    `select o.id as "orgId", o.name as "orgName", w.id as "reportId", w.state, w.sent_at as "sentAt"
       from orgs o left join weekly_reports w on w.org_id = o.id and w.period_start = $2
      where o.kind = 'unit' and o.id = any($1::bigint[])
        and exists (select 1 from measures m where m.org_id = o.id and m.voided_at is null)
      order by o.path`,
    [visibleOrgIds, periodStart],
  );
  return rows as never;
}
