import { describe, expect, it } from "vitest";
import { buildRollupOption } from "./rollup-chart.ts";

describe("buildRollupOption", () => {
  const rows = [
    { orgName: "青禾县教育局", rate: 80, total: 10, overdue: 1, rank: 1 },
    { orgName: "青禾县卫生健康局", rate: 50, total: 4, overdue: 0, rank: 2 },
    { orgName: "青禾县自然资源局", rate: null, total: 0, overdue: 0, rank: 3 },
  ];
  const option = buildRollupOption(rows) as {
    yAxis: { data: string[] };
    series: { data: { value: number; itemStyle: { color: string } }[]; label: { formatter: (p: { dataIndex: number }) => string } }[];
    tooltip: { formatter: (p: { dataIndex: number }) => string };
  };

  it("puts rank 1 on top (last category of a horizontal bar chart)", () => {
    expect(option.yAxis.data).toEqual(["3. 青禾县自然资源局", "2. 青禾县卫生健康局", "1. 青禾县教育局"]);
  });

  it("draws units with overdue items in amber and a missing rate as zero", () => {
    expect(option.series[0].data.map((d) => d.value)).toEqual([0, 50, 80]);
    expect(option.series[0].data[2].itemStyle.color).toBe("#faad14");
    expect(option.series[0].data[1].itemStyle.color).toBe("#52c41a");
    expect(option.series[0].label.formatter({ dataIndex: 0 })).toBe("—");
  });

  it("explains rank, rate and overdue in the tooltip", () => {
    expect(option.tooltip.formatter({ dataIndex: 2 })).toContain("第 1 名 青禾县教育局");
    expect(option.tooltip.formatter({ dataIndex: 2 })).toContain("逾期 1 个");
  });
});
