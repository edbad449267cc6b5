import type { Status } from "../domain/status.ts";
import { bucketOfStatus } from "../domain/status.ts";

/** Counts per published bucket plus the completion rate. */
export interface CompletionStats {
  total: number;
  completed: number;
  /** Of `completed`, how many are 长期坚持. */
  longTerm: number;
  phased: number;
  notCompleted: number;
  /** Percent with two decimals, rounded half up as notices print it (688/697 → 98.71); null when total is 0. */
  rate: number | null;
}

/**
 * Completion rate in percent, rounded half up to two decimals using integer arithmetic
 * so that 0.5 cases never drift with floating point.
 */
export function computeCompletionRate(completed: number, total: number): number | null {
  if (total <= 0) return null;
  const hundredths = Math.floor((2 * completed * 10_000 + total) / (2 * total));
  return hundredths / 100;
}

/** Formats a rate the way notices print it: up to two decimals, trailing zeros dropped, with %. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  return `${Number(rate.toFixed(2))}%`;
}

/** Counts statuses into the published buckets. */
export function computeCompletionStats(statuses: readonly Status[]): CompletionStats {
  let completed = 0;
  let longTerm = 0;
  let phased = 0;
  let notCompleted = 0;
  for (const status of statuses) {
    switch (bucketOfStatus(status)) {
      case "completed":
        completed += 1;
        if (status === "completed_long_term") longTerm += 1;
        break;
      case "phased":
        phased += 1;
        break;
      case "not_completed":
        notCompleted += 1;
        break;
    }
  }
  const total = statuses.length;
  return { total, completed, longTerm, phased, notCompleted, rate: computeCompletionRate(completed, total) };
}

/** One group of a breakdown (by category, department or leader). */
export interface GroupStats extends CompletionStats {
  key: string;
}

/** Groups items by a key and computes stats per group, largest group first. */
export function groupCompletionStats<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  statusOf: (item: T) => Status,
): GroupStats[] {
  const groups = new Map<string, Status[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(statusOf(item));
    else groups.set(key, [statusOf(item)]);
  }
  return [...groups.entries()]
    .map(([key, statuses]) => ({ key, ...computeCompletionStats(statuses) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key, "zh-CN"));
}
