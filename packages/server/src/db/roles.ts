// Two PostgreSQL roles: the owner runs migrations (it owns every table and trigger); the app role
// that serves requests may read and write the ledger but only append to audit_log — it cannot
// update or delete entries, truncate the table, or disable its trigger (only an owner can alter a
// table). See docs/SECURITY.md for the setup.
import type { Database } from "./database.ts";

// Same constant as migrate.ts: grants run under the lock migrations take, so app processes
// starting together do not grant concurrently ("tuple concurrently updated").
const MIGRATION_LOCK = 7_270_620;

/** The login role of a PostgreSQL URL (its user name). */
export function roleOfUrl(url: string): string {
  const name = decodeURIComponent(new URL(url).username);
  if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(name)) throw new Error(`unexpected role name in database URL: ${name}`);
  return name;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Grants the app role what it needs, as the owner, after migrations: read and write on every
 * table, append-only on audit_log, read-only on the migration log, and the sequences (restore
 * moves them past the highest id). Idempotent; run at every start.
 */
export async function grantAppRole(owner: Database, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  await owner.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    for (const statement of [
      `grant usage on schema public to ${role}`,
      `grant select, insert, update, delete on all tables in schema public to ${role}`,
      `revoke update, delete, truncate, references, trigger on audit_log from ${role}`,
      `revoke insert, update, delete, truncate on schema_migrations from ${role}`,
      `grant usage, select, update on all sequences in schema public to ${role}`,
    ]) {
      await tx.query(statement);
    }
  });
}

/** Whether the connected role can rewrite the audit trail (superuser, or owner of audit_log); PGlite always can. */
export async function describeAuditProtection(db: Database): Promise<{ isProtected: boolean; reason: string | null }> {
  if (db.kind === "pglite") return { isProtected: false, reason: "嵌入式数据库的文件可被任何能读写数据目录的人改动" };
  const rows = await db.query<{ is_superuser: boolean; is_owner: boolean; can_update: boolean }>(
    `select r.rolsuper as is_superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') as is_owner,
            has_table_privilege(current_user, 'audit_log', 'UPDATE') or has_table_privilege(current_user, 'audit_log', 'DELETE') as can_update
       from pg_roles r, pg_class c
      where r.rolname = current_user and c.oid = 'audit_log'::regclass`,
  );
  const row = rows[0];
  if (!row) return { isProtected: false, reason: "未找到 audit_log 表" };
  if (row.is_superuser) return { isProtected: false, reason: "应用以超级用户身份连接数据库" };
  if (row.is_owner) return { isProtected: false, reason: "应用连接所用的角色是审计日志表的属主" };
  if (row.can_update) return { isProtected: false, reason: "应用连接所用的角色可以修改或删除审计日志" };
  return { isProtected: true, reason: null };
}
