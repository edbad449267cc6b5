import { describe, expect, it } from "vitest";
import { buildTimelineOption, completionRateOf, labelTimelineDate } from "./timeline-chart.ts";

type TimelineOption = {
  animation: boolean;
  xAxis: { data: string[] };
  yAxis: { max?: number }[];
  series: { name: string; yAxisIndex: number; data: (number | null)[] }[];
  tooltip: { formatter: (p: { dataIndex: number }[]) => string };
};

describe("completionRateOf", () => {
  it.each([
    [{ date: "2026-03-02", completed: 0, total: 8 }, 0],
    [{ date: "2026-03-09", completed: 3, total: 8 }, 37.5],
    [{ date: "2026-03-16", completed: 1, total: 3 }, 33.33],
    [{ date: "2026-03-23", completed: 8, total: 8 }, 100],
    [{ date: "2026-03-30", completed: 0, total: 0 }, null],
  ])("gives %o a rate of %s", (entry, rate) => {
    expect(completionRateOf(entry)).toBe(rate);
  });
});

describe("buildTimelineOption", () => {
  const points = [
    { date: "2026-03-02", completed: 0, total: 8 },
    { date: "2026-03-09", completed: 2, total: 8 },
    { date: "2026-03-16", completed: 5, total: 10 },
  ];
  const option = buildTimelineOption(points, { isAnimated: false }) as TimelineOption;

  it("labels the weeks by month and day within one year", () => {
    expect(option.xAxis.data).toEqual(["03-02", "03-09", "03-16"]);
    expect(labelTimelineDate("2025-12-29", true)).toBe("2025-12-29");
  });

  it("draws the completed count on the left axis and the rate on a 0–100 % right axis", () => {
    expect(option.series.map((s) => [s.name, s.yAxisIndex])).toEqual([
      ["已完成措施", 0],
      ["完成率", 1],
    ]);
    expect(option.series[0].data).toEqual([0, 2, 5]);
    expect(option.series[1].data).toEqual([0, 25, 50]);
    expect(option.yAxis[1].max).toBe(100);
  });

  it("explains a week in the tooltip", () => {
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toBe("2026-03-09<br/>已完成措施 2 / 8 项<br/>完成率 25%");
  });

  it("handles no points and turns animation off on request", () => {
    const empty = buildTimelineOption([]) as TimelineOption;
    expect(empty.xAxis.data).toEqual([]);
    expect(empty.animation).toBe(true);
    expect(option.animation).toBe(false);
  });
});
