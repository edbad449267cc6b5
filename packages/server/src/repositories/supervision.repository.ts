import type { Queryable } from "../db/database.ts";
import { camelizeRow, selectPage, WhereBuilder, type Page } from "./sql.ts";

/** A directive (督办单) as stored. */
export interface DirectiveRow {
  id: number;
  orgId: number;
  issuedByOrgId: number;
  inspectionId: number | null;
  findingId: number | null;
  measureId: number | null;
  text: string;
  replyDue: string | null;
  replyText: string | null;
  repliedAt: string | null;
  repliedBy: number | null;
  state: "open" | "replied" | "closed";
  issuedBy: number | null;
  closedAt: string | null;
  closedBy: number | null;
  closeNote: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A voided (作废) directive keeps its content and leaves the reminders and the figures. */
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
}

/** A directive with the names its register shows. */
export interface DirectiveListItem extends DirectiveRow {
  unitName: string;
  issuerOrgName: string;
  issuerName: string | null;
  findingNumber: string | null;
  findingTitle: string | null;
  measureText: string | null;
  fileCount: number;
  isOverdue: boolean;
}

const DIRECTIVE_SELECT = `d.*, o.name as unit_name, io.name as issuer_org_name, iu.display_name as issuer_name,
  f.number as finding_number, f.title as finding_title, m.text as measure_text,
  (select count(*) from directive_files df where df.directive_id = d.id) as file_count`;
const DIRECTIVE_FROM = `directives d join orgs o on o.id = d.org_id join orgs io on io.id = d.issued_by_org_id
  left join users iu on iu.id = d.issued_by left join findings f on f.id = d.finding_id left join measures m on m.id = d.measure_id`;

/** Lists directives of visible units (or issued by visible offices), with the register's filters. */
export async function listDirectives(
  q: Queryable,
  filter: {
    visibleOrgIds: number[];
    today: string;
    orgId?: number;
    inspectionId?: number;
    findingId?: number;
    measureId?: number;
    state?: string;
    isOverdue?: boolean;
    includeVoided?: boolean;
    page: number;
    pageSize: number;
  },
): Promise<Page<DirectiveListItem>> {
  const where = new WhereBuilder();
  const visible = where.param(filter.visibleOrgIds);
  where.add(`d.org_id = any(${visible}::bigint[]) or d.issued_by_org_id = any(${visible}::bigint[])`);
  if (filter.orgId) where.add(`d.org_id = ${where.param(filter.orgId)}`);
  if (filter.inspectionId) where.add(`d.inspection_id = ${where.param(filter.inspectionId)}`);
  if (filter.findingId) where.add(`d.finding_id = ${where.param(filter.findingId)}`);
  if (filter.measureId) where.add(`d.measure_id = ${where.param(filter.measureId)}`);
  if (filter.state) where.add(`d.state = ${where.param(filter.state)}`);
  if (filter.isOverdue) where.add(`d.state = 'open' and d.reply_due < ${where.param(filter.today)}::date`);
  if (!filter.includeVoided || filter.isOverdue) where.add("d.voided_at is null");
  const page = await selectPage<DirectiveListItem>(q, {
    columns: DIRECTIVE_SELECT,
    from: DIRECTIVE_FROM,
    where,
    orderBy: "d.id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
  return { ...page, items: page.items.map((item) => withOverdue(item, filter.today)) };
}

/** One directive with names. */
export async function findDirective(q: Queryable, id: number, today: string): Promise<DirectiveListItem | null> {
  const rows = await q.query(`select ${DIRECTIVE_SELECT} from ${DIRECTIVE_FROM} where d.id = $1`, [id]);
  return rows.length ? withOverdue(camelizeRow<DirectiveListItem>(rows[0]), today) : null;
}

/** Overdue is derived (an open directive past its reply date), never stored. */
function withOverdue(item: DirectiveListItem, today: string): DirectiveListItem {
  return { ...item, fileCount: Number(item.fileCount), isOverdue: item.state === "open" && !item.voidedAt && item.replyDue !== null && item.replyDue < today };
}

/** A file attached to a directive's reply. */
export interface DirectiveFileRow {
  id: number;
  directiveId: number;
  orgId: number;
  sha256: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedBy: number | null;
  uploaderName?: string | null;
  createdAt: string;
}

/** Lists a directive's reply files. */
export async function listDirectiveFiles(q: Queryable, directiveId: number): Promise<DirectiveFileRow[]> {
  const rows = await q.query(
    `select df.*, u.display_name as uploader_name from directive_files df left join users u on u.id = df.uploaded_by where df.directive_id = $1 order by df.id`,
    [directiveId],
  );
  return rows.map((r) => camelizeRow<DirectiveFileRow>(r));
}

/** A 约谈 record as stored. */
export interface InterviewRow {
  id: number;
  orgId: number;
  inspectionId: number | null;
  interviewer: string;
  interviewee: string;
  heldOn: string;
  location: string | null;
  subject: string;
  findingIds: number[];
  measureIds: number[];
  directiveId: number | null;
  outcome: string | null;
  recordedBy: number | null;
  recordedByOrgId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A voided (作废) record keeps its content and leaves the figures. */
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
}

/** Lists 约谈 records of visible units (or recorded by visible offices). */
export async function listInterviews(
  q: Queryable,
  filter: { visibleOrgIds: number[]; orgId?: number; inspectionId?: number; includeVoided?: boolean; page: number; pageSize: number },
): Promise<Page<InterviewRow & { unitName: string; recorderName: string | null }>> {
  const where = new WhereBuilder();
  const visible = where.param(filter.visibleOrgIds);
  where.add(`i.org_id = any(${visible}::bigint[]) or i.recorded_by_org_id = any(${visible}::bigint[])`);
  if (filter.orgId) where.add(`i.org_id = ${where.param(filter.orgId)}`);
  if (filter.inspectionId) where.add(`i.inspection_id = ${where.param(filter.inspectionId)}`);
  if (!filter.includeVoided) where.add("i.voided_at is null");
  return selectPage(q, {
    columns: "i.*, o.name as unit_name, u.display_name as recorder_name",
    from: "interviews i join orgs o on o.id = i.org_id left join users u on u.id = i.recorded_by",
    where,
    orderBy: "i.held_on desc, i.id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Per unit: directives issued, open, overdue, and 约谈 records, voided ones left out (for the supervisors' roll-up). */
export async function countSupervisionByUnit(q: Queryable, unitIds: readonly number[], today: string): Promise<Map<number, { directives: number; openDirectives: number; overdueDirectives: number; interviews: number }>> {
  const rows = await q.query<{ orgId: number; directives: number; openDirectives: number; overdueDirectives: number; interviews: number }>(
    `select o.id as "orgId",
            (select count(*) from directives d where d.org_id = o.id and d.voided_at is null) as directives,
            (select count(*) from directives d where d.org_id = o.id and d.voided_at is null and d.state <> 'closed') as "openDirectives",
            (select count(*) from directives d where d.org_id = o.id and d.voided_at is null and d.state = 'open' and d.reply_due < $2::date) as "overdueDirectives",
            (select count(*) from interviews i where i.org_id = o.id and i.voided_at is null) as interviews
       from orgs o where o.id = any($1::bigint[])`,
    [unitIds, today],
  );
  return new Map(rows.map((r) => [Number(r.orgId), { directives: Number(r.directives), openDirectives: Number(r.openDirectives), overdueDirectives: Number(r.overdueDirectives), interviews: Number(r.interviews) }]));
}
