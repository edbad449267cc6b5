import type { Status } from "../domain/status.ts";
import { isCompletedStatus } from "../domain/status.ts";

/** Deadline light (红黄绿): red overdue, yellow due soon, green otherwise, none when closed or no date. */
export type DeadlineLight = "red" | "yellow" | "green" | "none";

/** Days before the due date at which an item turns yellow (江津 practice uses 10). */
export const DEFAULT_YELLOW_DAYS = 10;

/** Today's calendar date in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date): string {
  // Asia/Shanghai has no DST: a fixed UTC+8 offset is exact.
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True when an open item's due date has passed (derived, never stored). */
export function isOverdue(status: Status, dueDate: string | null, today: string): boolean {
  if (dueDate === null || isCompletedStatus(status)) return false;
  return dueDate < today;
}

/** Returns the deadline light of an item. */
export function deadlineLight(
  status: Status,
  dueDate: string | null,
  today: string,
  yellowDays: number = DEFAULT_YELLOW_DAYS,
): DeadlineLight {
  if (dueDate === null || isCompletedStatus(status)) return "none";
  const left = daysBetween(today, dueDate);
  if (left < 0) return "red";
  if (left <= yellowDays) return "yellow";
  return "green";
}
