import { Card, Empty, Steps, Typography } from "antd";
import { formatChineseDate } from "@zhenggai/core";
import type { RoundClock } from "../api/clock-types.ts";
import { useApi } from "../hooks/useApi.ts";

/** The round's clock on its page: each window (plan, report, concentrated period, evaluation, public period, 回头看) as a timeline. */
export function RoundClockCard({ inspectionId }: { inspectionId: number }) {
  const clock = useApi<RoundClock>(`/api/inspections/${inspectionId}/clock`);
  if (!clock.data) return null;
  const { windows, today, feedbackDate } = clock.data;
  const current = windows.findIndex((w) => w.state !== "past");
  return (
    <Card size="small" title="整改时间轴" style={{ marginBottom: 12 }} data-testid="round-clock">
      {!feedbackDate ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="填写反馈日期后，系统按期限规则计算各项整改期限" />
      ) : (
        <>
          <Steps
            size="small"
            current={current === -1 ? windows.length : current}
            items={windows.map((w) => ({
              title: w.label,
              content: (
                <Typography.Text type={w.state === "past" ? "secondary" : undefined} style={{ fontSize: 12 }}>
                  {w.endDate !== w.date ? `${formatChineseDate(w.date)}至${formatChineseDate(w.endDate)}` : formatChineseDate(w.date)}
                </Typography.Text>
              ),
              status: w.state === "past" ? "finish" : w.state === "current" ? "process" : "wait",
            }))}
          />
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0", fontSize: 12 }}>
            自反馈日期 {formatChineseDate(feedbackDate)} 起按期限规则计算；今天 {formatChineseDate(today)}。
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
