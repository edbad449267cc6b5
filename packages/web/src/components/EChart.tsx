import { useEffect, useRef } from "react";
import { echarts } from "../charts/echarts.ts";
import type { ChartOption } from "../charts/chart-option.ts";
import { isAutomated } from "../automation.ts";


/** A small wrapper around `echarts.init` that follows option changes and the container's size. */
export function EChart({ option, height = 300, label }: { option: ChartOption; height?: number; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(isAutomated() ? { ...option, animation: false } : option, true);
  }, [option]);

  return <div ref={container} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
