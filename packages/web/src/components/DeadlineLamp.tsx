import { Tooltip } from "antd";
import { daysBetween, deadlineLight, todayInShanghai, type DeadlineLight, type Status } from "@zhenggai/core";

const LAMP: Record<DeadlineLight, { color: string; label: string }> = {
  red: { color: "#d9363e", label: "红灯：已逾期" },
  yellow: { color: "#faad14", label: "黄灯：临近时限" },
  green: { color: "#52c41a", label: "绿灯：时限充足" },
  none: { color: "#d9d9d9", label: "无时限或已销号" },
};

/** Today's date in Asia/Shanghai, as the server counts deadlines. */
export function todayText(): string {
  return todayInShanghai(new Date());
}

/** Describes how far a due date is from today, in Chinese. */
export function describeDue(dueDate: string | null, today = todayText()): string {
  if (!dueDate) return "无时限";
  const left = daysBetween(today, dueDate);
  if (left < 0) return `逾期 ${-left} 天`;
  if (left === 0) return "今日到期";
  return `剩 ${left} 天`;
}

/** The 红/黄/绿 deadline light of an item, with a text label for screen readers. */
export function DeadlineLamp({ status, dueDate }: { status: Status; dueDate: string | null }) {
  const light = deadlineLight(status, dueDate, todayText());
  const lamp = LAMP[light];
  return (
    <Tooltip title={lamp.label}>
      <span role="img" aria-label={lamp.label} data-light={light} style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: lamp.color, marginRight: 6, verticalAlign: "middle" }} />
    </Tooltip>
  );
}
