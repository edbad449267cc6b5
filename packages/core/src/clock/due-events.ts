import { daysBetween } from "../workflow/deadline.ts";
import { addDays, type LadderStep, type RoundWindow } from "./clock-rules.ts";

/**
 * One event that is due: the server records it under (record, stepKey, anchorDate) with a unique
 * key, so it fires exactly once however many scheduler processes see it and however late.
 */
export interface DueEvent {
  stepKey: string;
  /** The date the step counts from (the due date, the window's date, or the last progress). */
  anchorDate: string;
  /** The day the step became due. */
  fireDate: string;
}

/** A record the ladder runs on: an open measure or directive. */
export interface LadderRecord {
  dueDate: string | null;
  isOpen: boolean;
  /** Last progress report (or creation) day, for `no_progress` steps. */
  lastActivityDate: string | null;
}

/**
 * Picks the reminders that are due today among steps counting down to a target date: only the
 * latest one whose day has come, and only while the target date is not past. After a downtime that
 * spanned two reminders this sends the current one, not a stale one as well.
 */
function currentCountdown<T extends { fireDate: string }>(steps: readonly T[], targetDate: string, today: string): T[] {
  if (today > targetDate) return [];
  const reached = steps.filter((s) => s.fireDate <= today);
  if (!reached.length) return [];
  const latest = reached.reduce((a, b) => (b.fireDate > a.fireDate ? b : a)).fireDate;
  return reached.filter((s) => s.fireDate === latest);
}

/**
 * Ladder events due today for one record. Before-due steps: the current countdown step (see above).
 * Overdue steps: each one whose day has come, unless missed by more than `catchUpDays` (a long-past
 * imported round is not flooded). No-progress steps: once per silence, counted from the last activity.
 */
export function dueLadderEvents(steps: readonly LadderStep[], record: LadderRecord, today: string, catchUpDays: number): (DueEvent & { step: LadderStep })[] {
  if (!record.isOpen) return [];
  const events: (DueEvent & { step: LadderStep })[] = [];
  const due = record.dueDate;
  if (due) {
    const before = steps
      .filter((s) => s.trigger === "before_due")
      .map((step) => ({ step, stepKey: step.key, anchorDate: due, fireDate: addDays(due, -step.days) }));
    events.push(...currentCountdown(before, due, today));
    for (const step of steps.filter((s) => s.trigger === "overdue")) {
      // Overdue starts the day after the due date (the due date itself is still in time).
      const fireDate = addDays(due, step.days + 1);
      if (fireDate <= today && daysBetween(fireDate, today) <= catchUpDays) events.push({ step, stepKey: step.key, anchorDate: due, fireDate });
    }
  }
  if (record.lastActivityDate) {
    for (const step of steps.filter((s) => s.trigger === "no_progress")) {
      const fireDate = addDays(record.lastActivityDate, step.days);
      if (fireDate <= today) events.push({ step, stepKey: step.key, anchorDate: record.lastActivityDate, fireDate });
    }
  }
  return events;
}

/** The reminder of a round's window due today (its current countdown step), if any. */
export function dueWindowEvents(window: RoundWindow, today: string): (DueEvent & { daysBefore: number })[] {
  const steps = [...new Set(window.remindDaysBefore)].map((daysBefore) => ({
    daysBefore,
    stepKey: `${window.key}:${daysBefore}`,
    anchorDate: window.date,
    fireDate: addDays(window.date, -daysBefore),
  }));
  return currentCountdown(steps, window.date, today);
}
