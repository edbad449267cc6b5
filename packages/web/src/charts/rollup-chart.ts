import { formatRate } from "@zhenggai/core";
import type { ChartOption } from "./chart-option.ts";
import { shortenLabel } from "./completion-chart.ts";

/** One unit's figures in the supervisors' roll-up. */
export interface RollupEntry {
  orgName: string;
  rate: number | null;
  total: number;
  overdue: number;
  rank: number;
}

/** Ranking bars of completion rate per unit (rank 1 on top), with the overdue count in the tooltip. */
export function buildRollupOption(rows: readonly RollupEntry[], options: { isAnimated?: boolean } = {}): ChartOption {
  const ordered = [...rows].sort((a, b) => b.rank - a.rank);
  return {
    animation: options.isAnimated ?? true,
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const row = ordered[p.dataIndex];
        return `第 ${row.rank} 名 ${row.orgName}<br/>完成率 ${formatRate(row.rate)}，问题 ${row.total} 个，逾期 ${row.overdue} 个`;
      },
    },
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: ordered.map((r) => `${r.rank}. ${shortenLabel(r.orgName, 12)}`), axisTick: { show: false } },
    series: [
      {
        type: "bar",
        barMaxWidth: 20,
        data: ordered.map((r) => ({ value: r.rate ?? 0, itemStyle: { color: r.overdue > 0 ? "#faad14" : "#52c41a" } })),
        label: { show: true, position: "right", formatter: (p: { dataIndex: number }) => formatRate(ordered[p.dataIndex].rate) },
      },
    ],
  };
}
