import type { Database, Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { insertAuditEntries, type AuditRecord } from "../repositories/audit.repository.ts";
import { SYSTEM_ACTOR_NAME, type Actor } from "./access.ts";
import { ARCHIVED_MESSAGE } from "./record-lifecycle.ts";

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
  try {
    return await db.transaction(async (tx) => {
      // Entries are collected and chained at the end, so the audit chain's lock is held only from
      // then to commit, after every row lock the mutation took (no lock-order deadlocks).
      const entries: AuditRecord[] = [];
      const audit: AuditFn = async (entry) => {
        entries.push({
          ...entry,
          actorId: actor?.userId ?? null,
          actorName: actor ? `${actor.displayName}（${actor.username}）` : SYSTEM_ACTOR_NAME,
        });
      };
      const result = await fn(tx, audit);
      await insertAuditEntries(tx, entries);
      return result;
    });
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/**
 * Turns constraint violations the database reports (same SQLSTATE on PGlite and PostgreSQL)
 * into AppErrors with Chinese messages; anything else passes through unchanged.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== "object" || error === null) return error;
  const code = (error as { code?: unknown }).code;
  // Class 22 (data exception: out-of-range numbers, bad encodings, invalid text) is bad input, never a server fault.
  if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) {
    return new AppError("VALIDATION_FAILED", "提交的数据不符合要求（数值超出范围或含有无法保存的字符），请检查后重试");
  }
  if (code === "54000" || code === "54001") return new AppError("VALIDATION_FAILED", "提交的内容过长或过于复杂，请缩减后重试");
  switch (code) {
    case "23503":
      // A delete refused by an `on delete restrict` reference: the record still holds others.
      if (/update or delete on table/.test(String((error as { message?: unknown }).message))) {
        return new AppError("CONFLICT", "该记录仍有关联的材料或记录，不能删除，只能作废或归档");
      }
      return new AppError("VALIDATION_FAILED", "引用的记录不存在（例如用户、部门或问题编号有误）");
    case "ZGA01":
      // Raised by the read-only trigger of archived rounds (migration 0010).
      return new AppError("CONFLICT", ARCHIVED_MESSAGE, { refusal: "ARCHIVED" });
    case "23502":
      return new AppError("VALIDATION_FAILED", "必填内容不能为空，请检查后重试");
    case "23505":
      return new AppError("CONFLICT", "记录已存在或与现有记录重复");
    case "23514":
    case "22001":
    case "22P02":
    case "22007":
    case "22008":
      return new AppError("VALIDATION_FAILED", "提交的数据不符合要求，请检查后重试");
    case "40001":
    case "40P01":
      return new AppError("CONFLICT", "数据正被他人同时修改，请稍后重试");
    default:
      return error;
  }
}
