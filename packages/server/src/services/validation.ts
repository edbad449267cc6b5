import { AppError } from "../errors.ts";

/** Throws VALIDATION_FAILED with a Chinese message when the condition does not hold. */
export function ensure(condition: unknown, message: string, details?: unknown): asserts condition {
  if (!condition) throw new AppError("VALIDATION_FAILED", message, details);
}

/** Throws NOT_FOUND when the value is null. */
export function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new AppError("NOT_FOUND", `${what}不存在或无权查看`);
  return value;
}

/** Throws CONFLICT for a stale version. */
export function staleVersion(what: string): never {
  throw new AppError("CONFLICT", `${what}已被他人修改，请刷新后重试`);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Validates optional date fields, reporting each bad one by its Chinese label. */
export function ensureDates(fields: Record<string, { value: string | null | undefined; label: string }>): void {
  for (const { value, label } of Object.values(fields)) {
    if (value !== null && value !== undefined) ensure(isValidDate(value), `${label}不是有效日期（应为 YYYY-MM-DD）`);
  }
}

/**
 * Throws VALIDATION_FAILED when core's input rules found problems: the message joins their Chinese
 * sentences, `details.fields` names the fields for programs.
 */
export function ensureNoProblems(problems: readonly { field: string; message: string }[]): void {
  if (problems.length === 0) return;
  throw new AppError("VALIDATION_FAILED", problems.map((p) => p.message).join(""), { fields: problems.map((p) => p.field) });
}
