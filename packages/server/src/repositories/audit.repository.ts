import type { Queryable } from "../db/database.ts";
import { addScopeClause, selectPageByIds, WhereBuilder, type OrgScopeFilter, type Page } from "./sql.ts";

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
  before: unknown;
  after: unknown;
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

/**
 * Lists audit entries, newest first, limited to the given orgs or to a scope (an administrator's
 * needs no filter and reads the newest ids straight off the primary key; the total of millions of
 * entries is then the planner's estimate).
 */
export async function listAuditEntries(
  q: Queryable,
  filter: { orgIds?: number[]; scope?: OrgScopeFilter; entity?: string; entityId?: string; page: number; pageSize: number },
): Promise<Page<AuditEntry>> {
  const where = new WhereBuilder();
  addScopeClause(where, filter.scope ?? { kind: "ids", ids: filter.orgIds ?? [] }, ["a.org_id"]);
  if (filter.entity) where.add(`a.entity = ${where.param(filter.entity)}`);
  if (filter.entityId) where.add(`a.entity_id = ${where.param(filter.entityId)}`);
  return selectPageByIds<AuditEntry>(q, {
    from: "audit_log a",
    where,
    id: "a.id",
    orderBy: "a.id desc",
    columns: "a.*",
    join: "join audit_log a on a.id = page.id",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Appends several entries with one statement (bulk changes such as an import's findings). */
export async function insertAuditEntries(q: Queryable, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await q.query(
    `insert into audit_log (actor_id, actor_name, action, entity, entity_id, org_id, before, after)
     select u.actor_id, u.actor_name, u.action, u.entity, u.entity_id, u.org_id, u.before::jsonb, u.after::jsonb
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[])
         as u(actor_id, actor_name, action, entity, entity_id, org_id, before, after)`,
    [
      records.map((r) => r.actorId),
      records.map((r) => r.actorName),
      records.map((r) => r.action),
      records.map((r) => r.entity),
      records.map((r) => (r.entityId === null ? null : String(r.entityId))),
      records.map((r) => r.orgId),
      records.map((r) => (r.before === undefined ? null : JSON.stringify(r.before))),
      records.map((r) => (r.after === undefined ? null : JSON.stringify(r.after))),
    ],
  );
}

/** Counts all audit entries (tests and health checks). */
export async function countAuditEntries(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from audit_log");
  return Number(rows[0].n);
}

