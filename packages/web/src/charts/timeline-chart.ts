import type { ChartOption } from "./chart-option.ts";

/** One week of the completion timeline: measures completed by `date` out of `total`. */
export interface TimelineEntry {
  date: string;
  completed: number;
  total: number;
}

/** Completion rate in percent with two decimals, as notices print it; null when there is nothing to complete. */
export function completionRateOf(entry: TimelineEntry): number | null {
  return entry.total > 0 ? Math.round((entry.completed / entry.total) * 10_000) / 100 : null;
}

/** Axis label of a date: "MM-DD", with the year when the series spans more than one year. */
export function labelTimelineDate(date: string, isMultiYear: boolean): string {
  return isMultiYear ? date : date.slice(5);
}

/**
 * 整改进度趋势: completed measures (area line, left axis) and the completion rate (line, right axis
 * 0–100 %) week by week. Weeks without measures show no rate rather than 0 %.
 */
export function buildTimelineOption(points: readonly TimelineEntry[], options: { isAnimated?: boolean } = {}): ChartOption {
  const isMultiYear = new Set(points.map((p) => p.date.slice(0, 4))).size > 1;
  const rates = points.map(completionRateOf);
  // Half a year of weekly points: dots on every week only clutter the lines.
  const showSymbol = points.length <= 16;
  return {
    animation: options.isAnimated ?? true,
    color: ["#1677ff", "#52c41a"],
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const point = points[params[0]?.dataIndex ?? 0];
        if (!point) return "";
        const rate = completionRateOf(point);
        return `${point.date}<br/>已完成措施 ${point.completed} / ${point.total} 项<br/>完成率 ${rate === null ? "—" : `${rate}%`}`;
      },
    },
    legend: { top: 0, data: ["已完成措施", "完成率"] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "category", boundaryGap: false, data: points.map((p) => labelTimelineDate(p.date, isMultiYear)) },
    yAxis: [
      { type: "value", name: "项", minInterval: 1, min: 0 },
      { type: "value", name: "完成率", min: 0, max: 100, axisLabel: { formatter: "{value}%" }, splitLine: { show: false } },
    ],
    series: [
      { name: "已完成措施", type: "line", yAxisIndex: 0, areaStyle: { opacity: 0.12 }, showSymbol, symbolSize: 5, data: points.map((p) => p.completed) },
      { name: "完成率", type: "line", yAxisIndex: 1, showSymbol, symbolSize: 5, connectNulls: false, data: rates },
    ],
  };
}
