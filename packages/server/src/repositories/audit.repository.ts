import type { Queryable } from "../db/database.ts";
import { containsPattern, selectPage, WhereBuilder, type Page } from "./sql.ts";

/** One audit trail entry. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  orgId: number | null;
  /** Name of the org the entry is filed under (listings only). */
  orgName?: string | null;
  before: unknown;
  after: unknown;
}

/** Filters of the audit-log screen: who, what, when, where. */
export interface AuditFilter {
  orgIds: number[];
  entity?: string;
  entityId?: string;
  /** Part of the actor's name or login. */
  actor?: string;
  action?: string;
  /** Days in Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
  /** Only entries filed under this org or inside it. */
  withinOrgId?: number;
  /** Also entries filed under no org (logins, password changes): for administrators of the whole tree. */
  includeUnfiled?: boolean;
  page: number;
  pageSize: number;
}

/** What a service records about a mutation. */
export interface AuditRecord {
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | number | null;
  orgId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry; must run inside the mutation's transaction. */
export async function insertAuditEntry(q: Queryable, record: AuditRecord): Promise<void> {
  await q.query(
    `insert into audit_log (actor_id, actor_name, action, entity, entity_id, org_id, before, after)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [
      record.actorId,
      record.actorName,
      record.action,
      record.entity,
      record.entityId === null ? null : String(record.entityId),
      record.orgId,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
    ],
  );
}

/** Lists audit entries, newest first, limited to visible orgs. */
export async function listAuditEntries(q: Queryable, filter: AuditFilter): Promise<Page<AuditEntry>> {
  const where = new WhereBuilder();
  where.add(`a.org_id = any(${where.param(filter.orgIds)}::bigint[])${filter.includeUnfiled ? " or a.org_id is null" : ""}`);
  if (filter.entity) where.add(`a.entity = ${where.param(filter.entity)}`);
  if (filter.entityId) where.add(`a.entity_id = ${where.param(filter.entityId)}`);
  if (filter.actor) where.add(`a.actor_name ilike ${where.param(containsPattern(filter.actor))}`);
  if (filter.action) where.add(`a.action = ${where.param(filter.action)}`);
  // Days are Shanghai days: an entry at 23:30 on the 1st (UTC+8) belongs to the 1st.
  if (filter.from) where.add(`a.at >= (${where.param(filter.from)}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.to) where.add(`a.at < (${where.param(filter.to)}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.withinOrgId) where.add(`o.path like (select path from orgs where id = ${where.param(filter.withinOrgId)}) || '%'`);
  return selectPage<AuditEntry>(q, {
    columns: "a.*, o.name as org_name",
    from: "audit_log a left join orgs o on o.id = a.org_id",
    where,
    orderBy: "a.id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Counts all audit entries (tests and health checks). */
export async function countAuditEntries(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from audit_log");
  return Number(rows[0].n);
}

