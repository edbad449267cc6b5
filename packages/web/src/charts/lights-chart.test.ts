import { describe, expect, it } from "vitest";
import { buildLightsOption } from "./lights-chart.ts";

describe("buildLightsOption", () => {
  const option = buildLightsOption({ red: 2, yellow: 3, green: 4, none: 1 }) as {
    color: string[];
    title: { text: string };
    series: { data: { name: string; value: number }[] }[];
  };

  it("orders the slices red, yellow, green, none with matching colours", () => {
    expect(option.series[0].data.map((d) => d.value)).toEqual([2, 3, 4, 1]);
    expect(option.series[0].data[0].name).toContain("红灯");
    expect(option.color[0]).toBe("#d9363e");
  });

  it("shows the total in the middle", () => {
    expect(option.title.text).toBe("10");
  });

  it("can disable animation for screenshots", () => {
    expect(buildLightsOption({ red: 0, yellow: 0, green: 0, none: 0 }, { isAnimated: false }).animation).toBe(false);
  });
});
