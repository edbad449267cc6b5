import { formatRate, type GroupStats } from "@zhenggai/core";
import type { ChartOption } from "./chart-option.ts";

const COLORS = { completed: "#52c41a", phased: "#faad14", notCompleted: "#d9363e" };

/** Truncates long category names so axis labels fit at 1366×768. */
export function shortenLabel(text: string, max = 10): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Horizontal stacked bars of completed / phased / not completed per group, the rate after each bar.
 * Groups keep their order (largest first from the server), top to bottom.
 */
export function buildCompletionOption(groups: readonly GroupStats[], options: { isAnimated?: boolean; labelLength?: number } = {}): ChartOption {
  const ordered = [...groups].reverse();
  return {
    animation: options.isAnimated ?? true,
    color: [COLORS.completed, COLORS.phased, COLORS.notCompleted],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, data: ["已完成", "阶段性完成", "未完成"] },
    grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: ordered.map((g) => shortenLabel(g.key, options.labelLength)), axisTick: { show: false } },
    series: [
      { name: "已完成", type: "bar", stack: "total", barMaxWidth: 22, data: ordered.map((g) => g.completed) },
      { name: "阶段性完成", type: "bar", stack: "total", barMaxWidth: 22, data: ordered.map((g) => g.phased) },
      {
        name: "未完成",
        type: "bar",
        stack: "total",
        barMaxWidth: 22,
        data: ordered.map((g) => g.notCompleted),
        label: { show: true, position: "right", color: "#333", formatter: (p: { dataIndex: number }) => formatRate(ordered[p.dataIndex].rate) },
      },
    ],
  };
}

/** Chart height that fits the number of groups (bars stay readable). */
export function chartHeightFor(groupCount: number): number {
  return Math.max(180, Math.min(520, 60 + groupCount * 34));
}
