import { describe, expect, it } from "vitest";
import type { Status } from "../domain/status.ts";
import {
  computeCompletionRate,
  computeCompletionStats,
  computeCompletionStatsFromCounts,
  formatRate,
  groupCompletionStats,
  groupCompletionStatsFromCounts,
  labelOfGroup,
} from "./completion.ts";

describe("completion rate", () => {
  // Figures published in real notices (DESIGN research): the rate is completed ÷ total, 2 decimals, half up.
  it.each([
    { completed: 688, total: 697, rate: 98.71, printed: "98.71%" },
    { completed: 19, total: 25, rate: 76, printed: "76%" },
    { completed: 453, total: 471, rate: 96.18, printed: "96.18%" },
    { completed: 1, total: 8, rate: 12.5, printed: "12.5%" },
    { completed: 1, total: 3, rate: 33.33, printed: "33.33%" },
    { completed: 2, total: 3, rate: 66.67, printed: "66.67%" },
    { completed: 1, total: 16, rate: 6.25, printed: "6.25%" },
    { completed: 1, total: 32, rate: 3.13, printed: "3.13%" },
    { completed: 1, total: 80000, rate: 0, printed: "0%" },
    { completed: 7, total: 7, rate: 100, printed: "100%" },
  ])("$completed/$total → $printed", ({ completed, total, rate, printed }) => {
    expect(computeCompletionRate(completed, total)).toBe(rate);
    expect(formatRate(computeCompletionRate(completed, total))).toBe(printed);
  });

  it("rounds exact halves up (1/32 = 3.125 → 3.13, where float rounding gives 3.12)", () => {
    expect(computeCompletionRate(1, 32)).toBe(3.13);
    expect(computeCompletionRate(1, 800)).toBe(0.13);
  });

  it("has no rate for an empty ledger", () => {
    expect(computeCompletionRate(0, 0)).toBeNull();
    expect(formatRate(null)).toBe("—");
  });

  it("counts statuses into the notice buckets", () => {
    const statuses: Status[] = ["completed", "completed_long_term", "phased", "in_progress", "not_started", "not_completed", "completed"];
    expect(computeCompletionStats(statuses)).toEqual({ total: 7, completed: 3, longTerm: 1, phased: 1, notCompleted: 3, rate: 42.86 });
  });

  it("groups by key with the largest group first", () => {
    const items = [
      { dept: "甲", status: "completed" as Status },
      { dept: "乙", status: "in_progress" as Status },
      { dept: "乙", status: "completed" as Status },
    ];
    const groups = groupCompletionStats(items, (i) => i.dept, (i) => i.status);
    expect(groups.map((g) => [g.key, g.total, g.rate])).toEqual([
      ["乙", 2, 50],
      ["甲", 1, 100],
    ]);
  });

  it("groups by id, labelling each group with its name and unit so namesakes stay apart", () => {
    const items = [
      { deptId: 7, dept: "办公室", unit: "甲局", status: "completed" as Status },
      { deptId: 9, dept: "办公室", unit: "乙局", status: "in_progress" as Status },
      { deptId: 9, dept: "办公室", unit: "乙局", status: "phased" as Status },
    ];
    const groups = groupCompletionStats(items, (i) => String(i.deptId), (i) => i.status, (i) => ({ label: i.dept, unitName: i.unit }));
    expect(groups.map((g) => [g.key, labelOfGroup(g), g.total])).toEqual([
      ["9", "办公室（乙局）", 2],
      ["7", "办公室（甲局）", 1],
    ]);
    expect(labelOfGroup({ key: "未分类" })).toBe("未分类");
  });
});

describe("statistics from counts (database GROUP BY)", () => {
  it("equal the statistics of the statuses they count", () => {
    const statuses = ["completed", "completed_long_term", "phased", "in_progress", "not_started", "not_completed", "completed"] as const;
    expect(computeCompletionStatsFromCounts({ completed: 2, completed_long_term: 1, phased: 1, in_progress: 1, not_started: 1, not_completed: 1 })).toEqual(computeCompletionStats([...statuses]));
    const items = statuses.map((status, i) => ({ key: i % 2 ? "甲" : "乙", status }));
    const rows = items.map((item) => ({ key: item.key, status: item.status, n: 1 }));
    expect(groupCompletionStatsFromCounts(rows)).toEqual(groupCompletionStats(items, (i) => i.key, (i) => i.status));
    expect(computeCompletionStatsFromCounts({})).toEqual(computeCompletionStats([]));
  });
});
