import { Spin } from "antd";

/** Full-area loading indicator while a screen or its data loads. */
export function PageSpin({ tip = "加载中…" }: { tip?: string }) {
  return (
    <div style={{ display: "flex", justifyContent: "center", alignItems: "center", minHeight: 240 }} role="status" aria-live="polite">
      <Spin size="large" description={tip} />
    </div>
  );
}
