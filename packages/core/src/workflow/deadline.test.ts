import { describe, expect, it } from "vitest";
import { daysBetween, deadlineLight, isOverdue, todayInShanghai } from "./deadline.ts";

describe("overdue and deadline lights", () => {
  it.each([
    { status: "in_progress", due: "2026-06-14", today: "2026-06-15", overdue: true, light: "red" },
    { status: "in_progress", due: "2026-06-15", today: "2026-06-15", overdue: false, light: "yellow" },
    { status: "not_started", due: "2026-06-25", today: "2026-06-15", overdue: false, light: "yellow" },
    { status: "phased", due: "2026-06-26", today: "2026-06-15", overdue: false, light: "green" },
    { status: "not_completed", due: "2026-01-01", today: "2026-06-15", overdue: true, light: "red" },
    { status: "completed", due: "2026-01-01", today: "2026-06-15", overdue: false, light: "none" },
    { status: "completed_long_term", due: "2026-01-01", today: "2026-06-15", overdue: false, light: "none" },
    { status: "in_progress", due: null, today: "2026-06-15", overdue: false, light: "none" },
  ] as const)("$status due $due on $today → overdue $overdue, light $light", ({ status, due, today, overdue, light }) => {
    expect(isOverdue(status, due, today)).toBe(overdue);
    expect(deadlineLight(status, due, today)).toBe(light);
  });

  it("honours a configured yellow window", () => {
    expect(deadlineLight("in_progress", "2026-07-05", "2026-06-15", 20)).toBe("yellow");
    expect(deadlineLight("in_progress", "2026-07-05", "2026-06-15", 10)).toBe("green");
  });

  it("uses the Asia/Shanghai calendar day", () => {
    expect(todayInShanghai(new Date("2026-06-15T15:59:59Z"))).toBe("2026-06-15");
    expect(todayInShanghai(new Date("2026-06-15T16:00:00Z"))).toBe("2026-06-16");
  });

  it("counts days across month ends", () => {
    expect(daysBetween("2026-01-31", "2026-03-01")).toBe(29);
    expect(daysBetween("2026-03-01", "2026-01-31")).toBe(-29);
  });
});
