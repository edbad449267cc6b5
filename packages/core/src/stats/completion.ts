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
  /** What the group is (a department's id, a leader's account); also the label when `label` is absent. */
  key: string;
  /** How the group reads (a department's name), when the key is an id. */
  label?: string;
  /** The unit the group belongs to, so two units' 办公室 never read as one. */
  unitName?: string;
}

/**
 * Groups (key, status, count) rows, as a database GROUP BY returns them, into stats per key, largest
 * group first. `describe` gives a group's label and unit when the key is an id.
 */
export function groupCompletionStatsFromCounts(
  rows: readonly { key: string; status: Status; n: number }[],
  describe?: (key: string) => { label: string; unitName?: string },
): GroupStats[] {
  const groups = new Map<string, Partial<Record<Status, number>>>();
  for (const row of rows) {
    const counts = groups.get(row.key) ?? {};
    counts[row.status] = (counts[row.status] ?? 0) + Number(row.n);
    groups.set(row.key, counts);
  }
  return [...groups.entries()]
    .map(([key, counts]) => ({ key, ...(describe ? describe(key) : {}), ...computeCompletionStatsFromCounts(counts) }))
    .sort((a, b) => b.total - a.total || labelOfGroup(a).localeCompare(labelOfGroup(b), "zh-CN"));
}

/**
 * Groups items by a key and computes stats per group, largest group first. `describe` gives a
 * group's label and unit when the key is an id (taken from the group's first item).
 */
export function groupCompletionStats<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  statusOf: (item: T) => Status,
  describe?: (item: T) => { label: string; unitName?: string },
): GroupStats[] {
  const groups = new Map<string, { first: T; statuses: Status[] }>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.statuses.push(statusOf(item));
    else groups.set(key, { first: item, statuses: [statusOf(item)] });
  }
  return [...groups.entries()]
    .map(([key, { first, statuses }]) => ({ key, ...(describe ? describe(first) : {}), ...computeCompletionStats(statuses) }))
    .sort((a, b) => b.total - a.total || labelOfGroup(a).localeCompare(labelOfGroup(b), "zh-CN"));
}

/** How a group reads: its label with its unit in brackets when known ("办公室（某局）"), else its key. */
export function labelOfGroup(group: Pick<GroupStats, "key" | "label" | "unitName">): string {
  const label = group.label ?? group.key;
  return group.unitName ? `${label}（${group.unitName}）` : label;
}
