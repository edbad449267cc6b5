import { describe, expect, it } from "vitest";
import { checkContacts, checkDatesInOrder, checkDueDate, checkInspectionDates, checkNoticeDates, isEmailAddress, isPhoneNumber } from "./input-rules.ts";

describe("dates against each other", () => {
  it.each([
    { dates: { startDate: "2026-03-01", endDate: "2026-04-30", feedbackDate: "2026-06-10" }, fields: [] },
    { dates: { startDate: "2026-05-01", endDate: "2026-04-30", feedbackDate: null }, fields: ["endDate"] },
    { dates: { startDate: "2026-03-01", endDate: "2026-04-30", feedbackDate: "2026-04-01" }, fields: ["feedbackDate"] },
    // Without an end date the feedback is compared with the start.
    { dates: { startDate: "2026-03-01", endDate: null, feedbackDate: "2026-02-01" }, fields: ["feedbackDate"] },
  ])("inspection period before feedback: $dates", ({ dates, fields }) => {
    expect(checkInspectionDates(dates).map((p) => p.field)).toEqual(fields);
  });

  it("names the fields as the form shows them, with both dates", () => {
    const [problem] = checkInspectionDates({ startDate: "2026-05-01", endDate: "2026-04-30" });
    expect(problem.message).toBe("“巡察结束日期”（2026-04-30）不能早于“巡察开始日期”（2026-05-01）。");
    expect(problem.message).not.toMatch(/endDate|字段/);
  });

  it("refuses a due date before the feedback, except for 立行立改", () => {
    expect(checkDueDate({ dueDate: "2026-06-01", feedbackDate: "2026-06-10", isImmediate: false })[0].message).toMatch(/^“完成时限”（2026-06-01）不能早于本轮巡察的反馈日期（2026-06-10）/);
    expect(checkDueDate({ dueDate: "2026-06-01", feedbackDate: "2026-06-10", isImmediate: true })).toEqual([]);
    expect(checkDueDate({ dueDate: "2026-06-10", feedbackDate: "2026-06-10", isImmediate: false })).toEqual([]);
    expect(checkDueDate({ dueDate: "2026-06-01", feedbackDate: null, isImmediate: false })).toEqual([]);
  });

  it("dates a notice and its public period no earlier than the feedback", () => {
    const problems = checkNoticeDates({ noticeDate: "2026-06-01", publicStart: "2026-06-20", publicEnd: "2026-06-15", feedbackDate: "2026-06-10" });
    expect(problems.map((p) => p.field)).toEqual(["noticeDate", "publicEnd"]);
    expect(problems[0].message).toBe("“成文日期”（2026-06-01）不能早于本轮巡察的反馈日期（2026-06-10）。");
  });

  it("skips empty links of a chain", () => {
    const chain = [
      { field: "a", label: "甲", value: "2026-01-05" },
      { field: "b", label: "乙", value: null },
      { field: "c", label: "丙", value: "2026-01-04" },
    ];
    expect(checkDatesInOrder(chain)).toEqual([{ field: "c", message: "“丙”（2026-01-04）不能早于“甲”（2026-01-05）。" }]);
  });
});

describe("contact formats", () => {
  it.each(["0551-12345678", "055112345678", "0000-7654321", "13812345678", "+86 138 1234 5678", "12388", "400-123-4567", "0553-2595762转8001", "（0551）12345678"])(
    "accepts the phone number %s",
    (phone) => expect(isPhoneNumber(phone)).toBe(true),
  );

  it.each(["不是电话", "123", "1234567890123456", "0551-12", "abc-12345678", ""])("refuses %s as a phone number", (phone) => expect(isPhoneNumber(phone)).toBe(false));

  it.each([
    ["xcb@example.gov.cn", true],
    ["a.b-c@qq.com", true],
    ["没有at", false],
    ["a@b", false],
    ["a b@example.org", false],
  ] as const)("e-mail %s → %s", (email, ok) => expect(isEmailAddress(email)).toBe(ok));

  it("checks each contact and a postcode written in an address", () => {
    const problems = checkContacts({
      phones: ["0551-12345678", "不是电话"],
      emails: ["bad-mail"],
      postal: ["青禾县人民路1号县委巡察办，邮编：23000", "青禾县人民路2号，邮编 230001"],
    });
    expect(problems.map((p) => p.field)).toEqual(["phones", "emails", "postal"]);
    expect(problems[0].message).toMatch(/^“联系电话”中的“不是电话”不是有效的电话号码/);
    expect(problems[2].message).toBe("“通信地址”中的邮编“23000”应为 6 位数字。");
  });
});
