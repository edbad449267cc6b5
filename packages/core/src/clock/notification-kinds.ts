/** Kinds of notification (消息) a person may receive in the bell and, if they choose, by e-mail. */
export type NotificationKind =
  | "assigned"
  | "signoff_needed"
  | "closure_returned"
  | "closure_approved"
  | "extension_requested"
  | "extension_decided"
  | "directive_received"
  | "directive_replied"
  | "reminder"
  | "escalation"
  | "window"
  | "comment_to_triage"
  | "weekly_report";

/** All notification kinds, in the order the settings list them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "assigned",
  "signoff_needed",
  "closure_returned",
  "closure_approved",
  "extension_requested",
  "extension_decided",
  "directive_received",
  "directive_replied",
  "reminder",
  "escalation",
  "window",
  "comment_to_triage",
  "weekly_report",
];

/** Kinds sent by e-mail to a person who gave an address but chose nothing yet: what they must act on. */
export const DEFAULT_EMAIL_KINDS: readonly NotificationKind[] = ["signoff_needed", "closure_returned", "extension_requested", "directive_received", "reminder", "escalation"];

/** Returns the Chinese label of a notification kind. */
export function labelNotificationKind(kind: NotificationKind): string {
  switch (kind) {
    case "assigned":
      return "任务分派";
    case "signoff_needed":
      return "待签字确认";
    case "closure_returned":
      return "销号退回";
    case "closure_approved":
      return "销号通过";
    case "extension_requested":
      return "延期申请待审批";
    case "extension_decided":
      return "延期审批结果";
    case "directive_received":
      return "收到督办单";
    case "directive_replied":
      return "督办回复";
    case "reminder":
      return "到期提醒";
    case "escalation":
      return "逾期预警";
    case "window":
      return "整改期限提醒";
    case "comment_to_triage":
      return "群众意见待处理";
    case "weekly_report":
      return "周汇报";
  }
}

/** True for a known notification kind. */
export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
