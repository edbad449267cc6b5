import type { Status } from "../domain/status.ts";
import { isCompletedStatus } from "../domain/status.ts";

/** Derives a finding's status from its measures' statuses. */
export function rollupFindingStatus(measureStatuses: readonly Status[]): Status {
  if (measureStatuses.length === 0) return "not_started";
  if (measureStatuses.every(isCompletedStatus)) {
    return measureStatuses.includes("completed_long_term") ? "completed_long_term" : "completed";
  }
  if (measureStatuses.includes("not_completed")) return "not_completed";
  if (measureStatuses.every((s) => isCompletedStatus(s) || s === "phased")) return "phased";
  if (measureStatuses.every((s) => s === "not_started")) return "not_started";
  return "in_progress";
}
