import { describe, expect, it } from "vitest";
import { bucketOverdue, buildAgeingOption } from "./ageing-chart.ts";

describe("bucketOverdue", () => {
  const today = "2026-06-15";

  it.each([
    ["2026-06-15", [0, 0, 0, 0]],
    ["2026-06-14", [1, 0, 0, 0]],
    ["2026-05-16", [1, 0, 0, 0]],
    ["2026-05-15", [0, 1, 0, 0]],
    ["2026-03-17", [0, 1, 0, 0]],
    ["2026-03-16", [0, 0, 1, 0]],
    ["2025-12-17", [0, 0, 1, 0]],
    ["2025-12-16", [0, 0, 0, 1]],
    ["2026-07-01", [0, 0, 0, 0]],
  ])("puts a due date of %s in the right bucket", (due, expected) => {
    expect(bucketOverdue([due], today)).toEqual(expected);
  });

  it("counts several items", () => {
    expect(bucketOverdue(["2026-06-01", "2026-06-10", "2025-01-01"], today)).toEqual([2, 0, 0, 1]);
  });
});

describe("buildAgeingOption", () => {
  it("draws one bar per bucket with the counts", () => {
    const option = buildAgeingOption([3, 1, 0, 2], { isAnimated: false }) as {
      animation: boolean;
      xAxis: { data: string[] };
      series: { data: { value: number }[] }[];
    };
    expect(option.animation).toBe(false);
    expect(option.xAxis.data).toEqual(["30 天内", "31–90 天", "91–180 天", "180 天以上"]);
    expect(option.series[0].data.map((d) => d.value)).toEqual([3, 1, 0, 2]);
  });
});
