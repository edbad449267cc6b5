import type { DeadlineLight } from "@zhenggai/core";
import type { ChartOption } from "./chart-option.ts";

const LIGHTS: { key: DeadlineLight; name: string; color: string }[] = [
  { key: "red", name: "红灯（已逾期）", color: "#d9363e" },
  { key: "yellow", name: "黄灯（临近时限）", color: "#faad14" },
  { key: "green", name: "绿灯（时限充足）", color: "#52c41a" },
  { key: "none", name: "已销号或无时限", color: "#bfbfbf" },
];

/** Doughnut of measures by deadline light, in red → yellow → green → none order. */
export function buildLightsOption(lights: Readonly<Record<DeadlineLight, number>>, options: { isAnimated?: boolean } = {}): ChartOption {
  const total = LIGHTS.reduce((sum, l) => sum + (lights[l.key] ?? 0), 0);
  return {
    animation: options.isAnimated ?? true,
    color: LIGHTS.map((l) => l.color),
    tooltip: { trigger: "item", formatter: "{b}：{c} 项（{d}%）" },
    legend: { orient: "vertical", right: 0, top: "middle", itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    title: { text: String(total), subtext: "项措施", left: "30%", top: "center", textAlign: "center", itemGap: 2, textStyle: { fontSize: 20 }, subtextStyle: { fontSize: 11 } },
    series: [
      {
        type: "pie",
        radius: ["58%", "86%"],
        center: ["30%", "50%"],
        label: { show: false },
        data: LIGHTS.map((l) => ({ name: l.name, value: lights[l.key] ?? 0 })),
      },
    ],
  };
}
