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
  const counts: Partial<Record<Status, number>> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return computeCompletionStatsFromCounts(counts);
}

/** The same statistics from counts per status (as a database GROUP BY returns them). */
export function computeCompletionStatsFromCounts(counts: Readonly<Partial<Record<Status, number>>>): CompletionStats {
  let total = 0;
  let completed = 0;
  let longTerm = 0;
  let phased = 0;
  let notCompleted = 0;
  for (const [status, n] of Object.entries(counts) as [Status, number][]) {
    total += n;
    switch (bucketOfStatus(status)) {
      case "completed":
        completed += n;
        if (status === "completed_long_term") longTerm += n;
        break;
      case "phased":
        phased += n;
        break;
      case "not_completed":
        notCompleted += n;
        break;
    }
  }
  return { total, completed, longTerm, phased, notCompleted, rate: computeCompletionRate(completed, total) };
}

/** One group of a breakdown (by category, department or leader). */
export interface GroupStats extends CompletionStats {
  key: string;
}

/** Groups (key, status, count) rows, as a database GROUP BY returns them, into stats per key, largest group first. */
export function groupCompletionStatsFromCounts(rows: readonly { key: string; status: Status; n: number }[]): GroupStats[] {
  const groups = new Map<string, Partial<Record<Status, number>>>();
  for (const row of rows) {
    const counts = groups.get(row.key) ?? {};
    counts[row.status] = (counts[row.status] ?? 0) + Number(row.n);
    groups.set(row.key, counts);
  }
  return [...groups.entries()]
    .map(([key, counts]) => ({ key, ...computeCompletionStatsFromCounts(counts) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key, "zh-CN"));
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
