import { describe, expect, it } from "vitest";
import type { GroupStats } from "@zhenggai/core";
import { buildCompletionOption, chartHeightFor, shortenLabel } from "./completion-chart.ts";

const group = (key: string, completed: number, phased: number, notCompleted: number, rate: number | null): GroupStats => ({
  key,
  total: completed + phased + notCompleted,
  completed,
  longTerm: 0,
  phased,
  notCompleted,
  rate,
});

describe("buildCompletionOption", () => {
  const groups = [group("基础教育股", 3, 1, 1, 60), group("计划财务股", 1, 0, 1, 50)];
  const option = buildCompletionOption(groups) as {
    yAxis: { data: string[] };
    series: { name: string; data: number[]; label?: { formatter: (p: { dataIndex: number }) => string } }[];
    animation: boolean;
  };

  it("lists groups bottom-up so the largest group sits on top", () => {
    expect(option.yAxis.data).toEqual(["计划财务股", "基础教育股"]);
  });

  it("stacks completed, phased and not completed counts", () => {
    expect(option.series.map((s) => s.name)).toEqual(["已完成", "阶段性完成", "未完成"]);
    expect(option.series[0].data).toEqual([1, 3]);
    expect(option.series[1].data).toEqual([0, 1]);
    expect(option.series[2].data).toEqual([1, 1]);
  });

  it("prints the rate after each bar as notices print it", () => {
    expect(option.series[2].label?.formatter({ dataIndex: 1 })).toBe("60%");
  });

  it("turns animation off on request", () => {
    expect(option.animation).toBe(true);
    expect(buildCompletionOption(groups, { isAnimated: false }).animation).toBe(false);
  });

  it("handles no groups", () => {
    const empty = buildCompletionOption([]) as { yAxis: { data: string[] } };
    expect(empty.yAxis.data).toEqual([]);
  });
});

describe("shortenLabel and chartHeightFor", () => {
  it.each([
    ["短", "短"],
    ["落实全面从严治党主体责任方面", "落实全面从严治党主…"],
  ])("shortens %s", (input, expected) => {
    expect(shortenLabel(input)).toBe(expected);
  });

  it.each([
    [0, 180],
    [5, 230],
    [100, 520],
  ])("gives %i groups a height of %i px", (count, height) => {
    expect(chartHeightFor(count)).toBe(height);
  });
});
