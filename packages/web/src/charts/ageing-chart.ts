import { daysBetween } from "@zhenggai/core";
import type { ChartOption } from "./chart-option.ts";

/** Overdue-age buckets, in days past the due date. */
export const AGE_BUCKETS: readonly { label: string; maxDays: number }[] = [
  { label: "30 天内", maxDays: 30 },
  { label: "31–90 天", maxDays: 90 },
  { label: "91–180 天", maxDays: 180 },
  { label: "180 天以上", maxDays: Number.POSITIVE_INFINITY },
];

/** Counts overdue items per age bucket; items not yet due are ignored. */
export function bucketOverdue(dueDates: readonly string[], today: string): number[] {
  const counts = AGE_BUCKETS.map(() => 0);
  for (const due of dueDates) {
    const late = daysBetween(due, today);
    if (late <= 0) continue;
    const index = AGE_BUCKETS.findIndex((b) => late <= b.maxDays);
    counts[index] += 1;
  }
  return counts;
}

/** Column chart of overdue measures by how long they have been overdue (darker = older). */
export function buildAgeingOption(counts: readonly number[], options: { isAnimated?: boolean } = {}): ChartOption {
  const shades = ["#ffa39e", "#ff7875", "#f5222d", "#a8071a"];
  return {
    animation: options.isAnimated ?? true,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: AGE_BUCKETS.map((b) => b.label), axisTick: { show: false } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: "逾期措施",
        type: "bar",
        barMaxWidth: 36,
        data: counts.map((value, i) => ({ value, itemStyle: { color: shades[i] } })),
        label: { show: true, position: "top" },
      },
    ],
  };
}
