import { Tooltip } from "antd";
import { daysBetween, deadlineLight, DEFAULT_YELLOW_DAYS, todayInShanghai, type DeadlineLight, type Status } from "@zhenggai/core";
import type { ServerClock } from "../api/types.ts";

const LAMP: Record<DeadlineLight, { color: string; label: string }> = {
  red: { color: "#d9363e", label: "红灯：已逾期" },
  yellow: { color: "#faad14", label: "黄灯：临近时限" },
  green: { color: "#52c41a", label: "绿灯：时限充足" },
  none: { color: "#d9d9d9", label: "无时限或已销号" },
};

let serverClock: ServerClock | null = null;

/** Records the server's calendar (from /api/auth/me) so every light is computed as the server computes it. */
export function setServerClock(clock: ServerClock | null | undefined): void {
  serverClock = clock ?? null;
}

/** Today's date in Asia/Shanghai, as the server counts deadlines (the browser's clock until the server has said). */
export function todayText(): string {
  return serverClock?.today ?? todayInShanghai(new Date());
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
export function DeadlineLamp({ status, dueDate, light: given }: { status: Status; dueDate: string | null; light?: DeadlineLight }) {
  // The server computes the light under the unit's deadline rules when it can; else the default window.
  const light = given ?? deadlineLight(status, dueDate, todayText(), serverClock?.yellowDays ?? DEFAULT_YELLOW_DAYS);
  const lamp = LAMP[light];
  return (
    <Tooltip title={lamp.label}>
      <span role="img" aria-label={lamp.label} data-light={light} style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: lamp.color, marginRight: 6, verticalAlign: "middle" }} />
    </Tooltip>
  );
}
