import type { Status } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** An open measure as the scheduler sees it. */
export interface OpenMeasureFact {
  id: number;
  orgId: number;
  departmentId: number | null;
  leaderUserId: number | null;
  leaderName: string | null;
  ownerUserId: number | null;
  ownerName: string | null;
  text: string;
  dueDate: string | null;
  status: Status;
  createdAt: string;
  lastProgress: string | null;
  findingNumber: string;
  unitName: string;
}

// The clock runs for records that count: not voided (作废), and not in an archived (归档, read-only) round.
const LIVE_MEASURE = `m.voided_at is null and f.voided_at is null
  and not exists (select 1 from inspections i where i.id = f.inspection_id and i.archived_at is not null)`;

/**
 * Where on the calendar a ladder step can be due today, over every set of deadline rules in use
 * (the defaults and each org's): an open measure outside it has nothing due.
 */
export interface LadderWindow {
  today: string;
  /** Before-due and overdue steps: due dates from `earliestDue` through `latestDue`. */
  earliestDue: string;
  latestDue: string;
  /** No-progress steps by key, with the fewest days of silence after which any rules fire them. */
  noProgress: { key: string; days: number }[];
}

/**
 * The open measures (not voided, not in an archived round) that may have a ladder step due today,
 * with their last progress date: a due date inside the window, or a silence long enough for a
 * no-progress step that has not fired for that silence yet. At a million measures this is the few
 * thousand the day concerns, not the quarter million still open (sent to Node every minute before).
 * A superset: the scheduler applies each measure's own rules to it.
 */
export async function listOpenMeasureFacts(q: Queryable, window: LadderWindow): Promise<OpenMeasureFact[]> {
  const rows = await q.query(
    `select * from (
       select m.id, m.org_id, m.department_id, m.leader_user_id, m.leader_name, m.owner_user_id, m.owner_name, m.text, m.due_date, m.status, m.created_at,
              f.number as finding_number, o.name as unit_name,
              (select max(p.report_date) from progress_reports p where p.measure_id = m.id and p.voided_at is null) as last_progress
         from measures m join findings f on f.id = m.finding_id join orgs o on o.id = m.org_id
        where m.status not in ('completed', 'completed_long_term') and ${LIVE_MEASURE}) m
      where m.due_date between $1::date and $2::date
         or exists (select 1 from unnest($4::text[], $5::int[]) as s(key, days)
                     where coalesce(m.last_progress, (m.created_at at time zone 'Asia/Shanghai')::date) + s.days <= $3::date
                       and not exists (select 1 from clock_events e
                                        where e.record_type = 'measure' and e.record_id = m.id and e.step_key = s.key
                                          and e.anchor_date = coalesce(m.last_progress, (m.created_at at time zone 'Asia/Shanghai')::date)))
      order by m.id`,
    [window.earliestDue, window.latestDue, window.today, window.noProgress.map((s) => s.key), window.noProgress.map((s) => s.days)],
  );
  return rows.map((r) => camelizeRow<OpenMeasureFact>(r));
}

/** An open directive with a reply due date. */
export interface OpenDirectiveFact {
  id: number;
  orgId: number;
  issuedBy: number | null;
  issuedByOrgId: number;
  text: string;
  replyDue: string;
  unitName: string;
  issuerName: string;
}

/** Directives still waiting for a reply (not voided, not in an archived round). */
export async function listOpenDirectiveFacts(q: Queryable): Promise<OpenDirectiveFact[]> {
  const rows = await q.query(
    `select d.id, d.org_id, d.issued_by, d.issued_by_org_id, d.text, d.reply_due, o.name as unit_name, io.name as issuer_name
       from directives d join orgs o on o.id = d.org_id join orgs io on io.id = d.issued_by_org_id
      where d.state = 'open' and d.reply_due is not null and d.voided_at is null
        and not exists (select 1 from inspections i where i.id = d.inspection_id and i.archived_at is not null)
      order by d.id`,
  );
  return rows.map((r) => camelizeRow<OpenDirectiveFact>(r));
}

/** A round with a feedback date. */
export interface RoundFact {
  id: number;
  orgId: number;
  name: string;
  feedbackDate: string;
}

/** Rounds whose clock runs (they have a feedback date and are not archived). */
export async function listRoundFacts(q: Queryable): Promise<RoundFact[]> {
  const rows = await q.query("select id, org_id, name, feedback_date from inspections where feedback_date is not null and archived_at is null order by id");
  return rows.map((r) => camelizeRow<RoundFact>(r));
}

/** Units with at least one open measure that counts (they owe a weekly report). */
export async function listUnitsWithOpenMeasures(q: Queryable): Promise<number[]> {
  const rows = await q.query<{ orgId: number }>(
    `select distinct m.org_id as "orgId" from measures m join findings f on f.id = m.finding_id
      where m.status not in ('completed', 'completed_long_term') and ${LIVE_MEASURE} order by 1`,
  );
  return rows.map((r) => r.orgId);
}

/** Keys of events already fired for some records: `${recordId}|${stepKey}|${anchorDate}`. */
export async function listFiredKeys(q: Queryable, recordType: string, recordIds: readonly number[]): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = await q.query<{ recordId: number; stepKey: string; anchorDate: string }>(
    `select record_id as "recordId", step_key as "stepKey", anchor_date as "anchorDate" from clock_events
      where record_type = $1 and record_id = any($2::bigint[])`,
    [recordType, recordIds],
  );
  return new Set(rows.map((r) => `${r.recordId}|${r.stepKey}|${r.anchorDate}`));
}

/**
 * Records events as already sent, in one statement and without notifications (a generated dataset's
 * past: what the clock would have sent while that history happened). Events already recorded are kept.
 */
export async function insertPastClockEvents(
  q: Queryable,
  events: readonly { recordType: "measure" | "directive" | "inspection"; recordId: number; stepKey: string; anchorDate: string; fireDate: string; orgId: number }[],
): Promise<number> {
  if (!events.length) return 0;
  const rows = await q.query<{ n: number }>(
    `with added as (
       insert into clock_events (record_type, record_id, step_key, anchor_date, fire_date, org_id, fired_at)
       select t, r, k, a, f, o, f::timestamp at time zone 'Asia/Shanghai'
         from unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::date[], $6::bigint[]) as e(t, r, k, a, f, o)
       on conflict do nothing returning 1)
     select count(*) as n from added`,
    [events.map((e) => e.recordType), events.map((e) => e.recordId), events.map((e) => e.stepKey), events.map((e) => e.anchorDate), events.map((e) => e.fireDate), events.map((e) => e.orgId)],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Records one event; returns its id, or null when another process (or an earlier run) already fired it. */
export async function insertClockEvent(
  q: Queryable,
  event: { recordType: "measure" | "directive" | "inspection"; recordId: number; stepKey: string; anchorDate: string; fireDate: string; orgId: number },
): Promise<number | null> {
  const rows = await q.query<{ id: number }>(
    `insert into clock_events (record_type, record_id, step_key, anchor_date, fire_date, org_id)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (record_type, record_id, step_key, anchor_date) do nothing returning id`,
    [event.recordType, event.recordId, event.stepKey, event.anchorDate, event.fireDate, event.orgId],
  );
  return rows[0]?.id ?? null;
}

/** Stores how many people an event reached. */
export async function setClockEventRecipients(q: Queryable, id: number, count: number): Promise<void> {
  await q.query("update clock_events set recipients = $2 where id = $1", [id, count]);
}

/** "unitId|periodStart" of the weekly reports of these units that start on or after `since`. */
export async function listRecentWeeklyReportKeys(q: Queryable, unitIds: readonly number[], since: string): Promise<Set<string>> {
  if (!unitIds.length) return new Set();
  const rows = await q.query<{ key: string }>(
    "select org_id || '|' || period_start as key from weekly_reports where org_id = any($1::bigint[]) and period_start >= $2::date",
    [unitIds, since],
  );
  return new Set(rows.map((r) => r.key));
}

/** The id of the newest audit entry (0 when none): it moves with every change to the data. */
export async function newestAuditId(q: Queryable): Promise<number> {
  const rows = await q.query<{ id: number | null }>("select max(id) as id from audit_log");
  return Number(rows[0]?.id ?? 0);
}
