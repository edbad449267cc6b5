import type { Queryable } from "../db/database.ts";
import { GENESIS_HASH, hashAuditContent, normaliseAuditValue } from "./audit-hash.ts";
import { camelizeRow, containsPattern, selectPage, WhereBuilder, type Page } from "./sql.ts";

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

// Arbitrary constant: serialises appends to the audit chain across connections and processes.
const AUDIT_CHAIN_LOCK = 7_270_621;

/**
 * Appends entries to the hash chain; must run inside the mutation's transaction. Takes the chain
 * lock (held to commit), reads the head, draws ids from the sequence in order and inserts each
 * entry with the previous entry's hash and its own. One statement for any number of entries.
 */
export async function insertAuditEntries(q: Queryable, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await q.query("select pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
  const head = await q.query<{ hash: string }>("select hash from audit_log where hash is not null order by id desc limit 1");
  const drawn = await q.query<{ id: number; at: string }>(
    "select nextval(pg_get_serial_sequence('audit_log', 'id')) as id, now() as at from generate_series(1, $1)",
    [records.length],
  );
  const ids = drawn.map((row) => Number(row.id)).sort((a, b) => a - b);
  const at = drawn[0].at;
  let prevHash = head[0]?.hash ?? GENESIS_HASH;
  const rows = records.map((record, index) => {
    const content = {
      id: ids[index],
      at,
      actorId: record.actorId,
      actorName: record.actorName,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId === null ? null : String(record.entityId),
      orgId: record.orgId,
      before: normaliseAuditValue(record.before),
      after: normaliseAuditValue(record.after),
      prevHash,
    };
    const hash = hashAuditContent(content);
    prevHash = hash;
    return {
      id: content.id,
      at: content.at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity: content.entity,
      entity_id: content.entityId,
      org_id: content.orgId,
      before: content.before,
      after: content.after,
      prev_hash: content.prevHash,
      hash,
    };
  });
  await q.query("insert into audit_log overriding system value select * from json_populate_recordset(null::audit_log, $1::json)", [JSON.stringify(rows)]);
}

/** Appends one entry (see insertAuditEntries); must run inside the mutation's transaction. */
export async function insertAuditEntry(q: Queryable, record: AuditRecord): Promise<void> {
  await insertAuditEntries(q, [record]);
}

/** The newest chained entry: what to anchor elsewhere. */
export async function findAuditHead(q: Queryable): Promise<{ id: number; at: string; hash: string } | null> {
  const rows = await q.query<{ id: number; at: string; hash: string }>("select id, at, hash from audit_log where hash is not null order by id desc limit 1");
  return rows[0] ?? null;
}

/** One stored entry as the verifier reads it. */
export interface StoredAuditEntry extends AuditEntry {
  prevHash: string | null;
  hash: string | null;
}

/** Reads entries after an id, in id order (the verifier walks the chain page by page). */
export async function listAuditEntriesAfter(q: Queryable, afterId: number, limit: number): Promise<StoredAuditEntry[]> {
  const rows = await q.query(
    `select id, at, actor_id, actor_name, action, entity, entity_id, org_id, before, after, prev_hash, hash
       from audit_log where id > $1 order by id limit $2`,
    [afterId, limit],
  );
  return rows.map((row) => camelizeRow<StoredAuditEntry>(row));
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

