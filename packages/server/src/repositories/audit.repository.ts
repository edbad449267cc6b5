import type { Queryable } from "../db/database.ts";
import { selectPage, WhereBuilder, type Page } from "./sql.ts";

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

/** Lists audit entries, newest first, limited to visible orgs. */
export async function listAuditEntries(
  q: Queryable,
  filter: { orgIds: number[]; entity?: string; entityId?: string; page: number; pageSize: number },
): Promise<Page<AuditEntry>> {
  const where = new WhereBuilder();
  where.add(`org_id = any(${where.param(filter.orgIds)}::bigint[])`);
  if (filter.entity) where.add(`entity = ${where.param(filter.entity)}`);
  if (filter.entityId) where.add(`entity_id = ${where.param(filter.entityId)}`);
  return selectPage<AuditEntry>(q, {
    columns: "*",
    from: "audit_log",
    where,
    orderBy: "id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Counts all audit entries (tests and health checks). */
export async function countAuditEntries(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from audit_log");
  return Number(rows[0].n);
}

