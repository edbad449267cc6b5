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
    legend: { orient: "vertical", right: 0, top: "middle" },
    title: { text: String(total), subtext: "项措施", left: "34%", top: "38%", textAlign: "center", textStyle: { fontSize: 22 } },
    series: [
      {
        type: "pie",
        radius: ["48%", "72%"],
        center: ["35%", "50%"],
        label: { show: false },
        data: LIGHTS.map((l) => ({ name: l.name, value: lights[l.key] ?? 0 })),
      },
    ],
  };
}
