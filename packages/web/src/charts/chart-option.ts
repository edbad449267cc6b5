/** An ECharts option object as the builders return it (kept loose: ECharts validates at runtime). */
export type ChartOption = Record<string, unknown>;
