import type { Database, Queryable } from "../db/database.ts";
import { insertAuditEntry, type AuditRecord } from "../repositories/audit.repository.ts";
import { SYSTEM_ACTOR_NAME, type Actor } from "./access.ts";

/** Records one audit entry for the current actor inside the running transaction. */
export type AuditFn = (entry: Omit<AuditRecord, "actorId" | "actorName">) => Promise<void>;

/**
 * Runs a mutation in one transaction with an audit recorder bound to the actor, so the change and
 * its audit entries commit or roll back together. `actor` null means the system itself.
 */
export async function runMutation<T>(
  db: Database,
  actor: Actor | null,
  fn: (tx: Queryable, audit: AuditFn) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const audit: AuditFn = (entry) =>
      insertAuditEntry(tx, {
        ...entry,
        actorId: actor?.userId ?? null,
        actorName: actor ? `${actor.displayName}（${actor.username}）` : SYSTEM_ACTOR_NAME,
      });
    return fn(tx, audit);
  });
}
