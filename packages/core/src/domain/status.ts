/** Status of a finding or measure (DESIGN.md status model). */
export type Status =
  | "not_started"
  | "in_progress"
  | "phased"
  | "completed"
  | "completed_long_term"
  | "not_completed";

/** All statuses in display order. */
export const STATUSES: readonly Status[] = [
  "not_started",
  "in_progress",
  "phased",
  "completed",
  "completed_long_term",
  "not_completed",
];

/** The three buckets a notice counts in. */
export type StatusBucket = "completed" | "phased" | "not_completed";

/** Returns the Chinese label of a status, as notices print it. */
export function labelStatus(status: Status): string {
  switch (status) {
    case "not_started":
      return "未启动";
    case "in_progress":
      return "整改推进中";
    case "phased":
      return "阶段性完成";
    case "completed":
      return "已完成";
    case "completed_long_term":
      return "已整改，长期坚持";
    case "not_completed":
      return "未完成";
  }
}

/** Returns the bucket a status counts in for published figures. */
export function bucketOfStatus(status: Status): StatusBucket {
  switch (status) {
    case "completed":
    case "completed_long_term":
      return "completed";
    case "phased":
      return "phased";
    case "not_started":
    case "in_progress":
    case "not_completed":
      return "not_completed";
  }
}

/** True when the status counts as completed (销号). */
export function isCompletedStatus(status: Status): boolean {
  return bucketOfStatus(status) === "completed";
}

/** True when the value is a known status code. */
export function isStatus(value: unknown): value is Status {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}
