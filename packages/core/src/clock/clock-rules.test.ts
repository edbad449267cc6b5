import { describe, expect, it } from "vitest";
import { ROLES } from "../domain/kinds.ts";
import {
  addMonths,
  checkClockRules,
  computeRoundWindows,
  defaultClockRules,
  defaultMeasureDueDate,
  isoWeekday,
  lightUnderRules,
  yellowDaysOf,
  type ClockRules,
} from "./clock-rules.ts";
import { dueLadderEvents, dueWindowEvents } from "./due-events.ts";
import { buildWeeklyReportDocument, weeklyPeriodOf, type WeeklyReportContent } from "./weekly-report.ts";

describe("calendar arithmetic", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2025-12-10", 2, "2026-02-10"],
    ["2025-11-30", 3, "2026-02-28"],
    ["2026-03-15", 0, "2026-03-15"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it("numbers weekdays Monday = 1 … Sunday = 7", () => {
    expect(isoWeekday("2026-06-15")).toBe(1);
    expect(isoWeekday("2026-06-21")).toBe(7);
  });
});

describe("round windows", () => {
  const rules = defaultClockRules();

  it("computes every window from the feedback date, the public period from the report date", () => {
    const windows = computeRoundWindows(rules, "2025-12-10");
    const byKey = Object.fromEntries(windows.map((w) => [w.key, w]));
    expect(byKey.plan_due.date).toBe("2026-01-10");
    expect(byKey.report_due.date).toBe("2026-02-10");
    expect(byKey.concentrated_end.date).toBe("2026-02-10");
    expect(byKey.evaluation.date).toBe("2026-03-10");
    expect(byKey.public_period.date).toBe("2026-03-10");
    expect(byKey.public_period.endDate).toBe("2026-03-19");
    expect(byKey.follow_up.date).toBe("2026-06-10");
    expect(windows.map((w) => w.date)).toEqual([...windows.map((w) => w.date)].sort());
  });

  it("has no windows without a feedback date", () => {
    expect(computeRoundWindows(rules, null)).toEqual([]);
  });

  it("gives each measure kind its default due date", () => {
    expect(defaultMeasureDueDate(rules, "immediate", "2025-12-10")).toBe("2026-01-10");
    expect(defaultMeasureDueDate(rules, "deadline", "2025-12-10")).toBe("2026-02-10");
    expect(defaultMeasureDueDate(rules, "long_term", "2025-12-10")).toBe("2026-06-10");
    expect(defaultMeasureDueDate({ ...rules, measureDefaults: { ...rules.measureDefaults, deadline: null } }, "deadline", "2025-12-10")).toBeNull();
  });
});

describe("lights under the rules", () => {
  it("turn yellow within the widest yellow step, red after the due date", () => {
    const rules = defaultClockRules(10);
    expect(yellowDaysOf(rules)).toBe(10);
    expect(lightUnderRules(rules, "in_progress", "2026-06-25", "2026-06-15")).toBe("yellow");
    expect(lightUnderRules(rules, "in_progress", "2026-06-26", "2026-06-15")).toBe("green");
    expect(lightUnderRules(rules, "in_progress", "2026-06-14", "2026-06-15")).toBe("red");
    expect(lightUnderRules(rules, "completed", "2026-06-14", "2026-06-15")).toBe("none");
    const wide = { ...rules, ladder: rules.ladder.map((s) => (s.key === "yellow" ? { ...s, days: 15 } : s)) };
    expect(lightUnderRules(wide, "in_progress", "2026-06-30", "2026-06-15")).toBe("yellow");
  });
});

describe("ladder events", () => {
  const rules = defaultClockRules(10);
  const open = { dueDate: "2026-07-31", isOpen: true, lastActivityDate: "2026-07-20" };
  const keysOn = (today: string, record = open) => dueLadderEvents(rules.ladder, record, today, rules.catchUpDays).map((e) => e.stepKey);

  it("fires the green step 20 days before, the yellow step 10 days before, red the day after the due date", () => {
    expect(keysOn("2026-07-10")).toEqual([]);
    expect(keysOn("2026-07-11")).toEqual(["green"]);
    expect(keysOn("2026-07-21")).toEqual(["yellow"]);
    expect(keysOn("2026-07-31")).toEqual(["yellow"]);
    expect(keysOn("2026-08-01")).toEqual(["red"]);
  });

  it("after a downtime that spanned two reminders, sends only the current one", () => {
    expect(keysOn("2026-07-25")).toEqual(["yellow"]);
  });

  it("does not send overdue steps missed longer ago than the catch-up horizon", () => {
    expect(keysOn("2026-08-31")).toEqual(["red", "silent"]);
    expect(keysOn("2026-09-01")).toEqual(["silent"]);
  });

  it("sends a no-progress step once per silence, counted from the last activity", () => {
    const silent = dueLadderEvents(rules.ladder, { dueDate: null, isOpen: true, lastActivityDate: "2026-05-01" }, "2026-06-15", 30);
    expect(silent.map((e) => [e.stepKey, e.anchorDate, e.fireDate])).toEqual([["silent", "2026-05-01", "2026-05-31"]]);
  });

  it("sends nothing for a closed record", () => {
    expect(keysOn("2026-08-01", { ...open, isOpen: false })).toEqual([]);
  });
});

describe("window events", () => {
  it("reminds on the current countdown step only, never after the date", () => {
    const report = computeRoundWindows(defaultClockRules(), "2025-12-10").find((w) => w.key === "report_due")!;
    expect(dueWindowEvents(report, "2026-01-26")).toEqual([]);
    expect(dueWindowEvents(report, "2026-01-27").map((e) => e.daysBefore)).toEqual([14]);
    expect(dueWindowEvents(report, "2026-02-08").map((e) => e.daysBefore)).toEqual([3]);
    expect(dueWindowEvents(report, "2026-02-10").map((e) => e.daysBefore)).toEqual([0]);
    expect(dueWindowEvents(report, "2026-02-11")).toEqual([]);
  });
});

describe("rule validation", () => {
  it("accepts the defaults", () => {
    expect(checkClockRules(defaultClockRules(), ROLES)).toEqual([]);
  });

  it("reports each problem in Chinese", () => {
    const rules: ClockRules = defaultClockRules();
    const bad: ClockRules = {
      ...rules,
      windows: rules.windows.map((w) => (w.key === "plan_due" ? { ...w, anchor: "report_due" } : w.key === "report_due" ? { ...w, anchor: "plan_due" } : w)),
      ladder: [...rules.ladder, { ...rules.ladder[0] }],
      weeklyReportDay: 9,
    };
    const problems = checkClockRules(bad, ROLES);
    expect(problems.join("\n")).toMatch(/重复/);
    expect(problems.join("\n")).toMatch(/周汇报生成日/);
    const cyclic = checkClockRules({ ...rules, windows: bad.windows }, ROLES);
    expect(cyclic).toContain("期限的起算点形成了循环");
  });
});

describe("weekly report", () => {
  it("covers the seven days ending on the configured weekday", () => {
    expect(weeklyPeriodOf("2026-06-19", 5)).toEqual({ periodStart: "2026-06-13", periodEnd: "2026-06-19" });
    expect(weeklyPeriodOf("2026-06-22", 5)).toEqual({ periodStart: "2026-06-13", periodEnd: "2026-06-19" });
  });

  it("prints every section, with a sentence for the empty ones", () => {
    const content: WeeklyReportContent = {
      unitName: "甲单位",
      periodStart: "2026-06-13",
      periodEnd: "2026-06-19",
      totals: { measures: 4, completed: 1, overdue: 1, extensions: 0, openDirectives: 0 },
      progress: [{ id: 1, reference: "问题1 措施（1）", text: "修订制度", department: "一股", date: "2026-06-16", detail: "已起草" }],
      completed: [],
      overdue: [{ id: 2, reference: "问题2 措施（1）", text: "清理台账", department: "二股", date: "2026-06-01", detail: "逾期18天" }],
      extensions: [],
      directives: [],
      summary: "本周召开推进会一次。",
      nextSteps: "",
    };
    const doc = buildWeeklyReportDocument(content);
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain("巡察整改工作周汇报");
    expect(text).toContain("本周报送整改进展1项，完成销号0项");
    expect(text).toContain("本周无完成销号的措施");
    expect(text).toContain("逾期18天");
    expect(text).toContain("本周召开推进会一次");
  });
});
