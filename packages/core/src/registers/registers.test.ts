import { describe, expect, it } from "vitest";
import { checkRegisterRecord, findOutcomeRegister, formatFenAsYuan, normalizeRegisterInput, OUTCOME_REGISTERS, parseYuanToFen } from "./index.ts";

const spec = (name: string) => {
  const found = findOutcomeRegister(name);
  if (!found) throw new Error(name);
  return found;
};

describe("money in 元 and fen", () => {
  it.each([
    ["1234.56", 123456],
    ["0.01", 1],
    ["12", 1200],
    ["12.5", 1250],
    ["1,234.50", 123450],
    ["9007199254.74", 900719925474],
    ["66.57元", 6657],
  ] as const)("reads %s as %d fen", (text, fen) => expect(parseYuanToFen(text)).toBe(fen));

  it.each(["", "1.234", "-5", "一百", "1e3", ".5", "12.3.4"])("refuses %s", (text) => expect(parseYuanToFen(text)).toBeNull());

  it("writes fen back with two decimals, without floating-point drift", () => {
    expect(formatFenAsYuan(123456)).toBe("1234.56");
    expect(formatFenAsYuan(5)).toBe("0.05");
    // 0.1 + 0.2 in floating point would drift; fen never does.
    expect(formatFenAsYuan((parseYuanToFen("0.1") ?? 0) + (parseYuanToFen("0.2") ?? 0))).toBe("0.30");
  });
});

describe("register specs", () => {
  it("describe five outcome registers with Chinese labels and private names", () => {
    expect(OUTCOME_REGISTERS.map((s) => s.title)).toEqual(["建章立制", "问责", "清退追缴", "信访件", "问题线索"]);
    expect(spec("accountabilities").fields.personName.isPrivate).toBe(true);
    expect(spec("accountabilities").fields.kind.choices?.map((c) => c.label)).toContain("诫勉");
  });

  it("normalises input: required fields, defaults, trimmed text, choices and bounds", () => {
    const accountabilities = spec("accountabilities");
    expect(normalizeRegisterInput(accountabilities, { kind: "admonishment", personName: "  " }, true)).toEqual({ values: { kind: "admonishment", people: 1, personName: null }, problems: [] });
    const bad = normalizeRegisterInput(accountabilities, { kind: "firing", people: 0 }, true);
    expect(bad.problems.map((p) => p.message)).toEqual(["“问责方式”的取值无效，可选：党纪处分、政务处分、组织处理、诫勉、约谈、批评教育、责令检查、提醒谈话、移交纪委调查。", "“人数”不能小于 1。"]);
    expect(normalizeRegisterInput(spec("rules"), {}, true).problems).toEqual([{ field: "title", message: "请填写“制度名称”。" }]);
    expect(normalizeRegisterInput(spec("rules"), { docNumber: "x".repeat(101) }, false).problems[0].message).toBe("“文号”最多 100 个字，当前 101 个字。");
    expect(normalizeRegisterInput(spec("recoveries"), { kind: "recovered", amountFen: 12.5 }, true).problems[0].message).toBe("“金额（元）”应为金额，最多精确到分。");
  });

  it("keeps a petition's or lead's stages in order", () => {
    const leads = spec("leads");
    expect(checkRegisterRecord(leads, { state: "closed", receivedDate: "2026-03-01", transferredDate: "2026-03-05", closedDate: "2026-04-01" })).toEqual([]);
    expect(checkRegisterRecord(leads, { state: "closed", receivedDate: "2026-03-10", closedDate: "2026-03-01" }).map((p) => p.message)).toEqual([
      "“办结日期”（2026-03-01）不能早于“接收日期”（2026-03-10）。",
    ]);
    expect(checkRegisterRecord(spec("petitions"), { state: "received", receivedDate: "2026-03-10", closedDate: "2026-04-01" }).map((p) => p.message)).toEqual([
      "办理状态为“已接收”时不应填写“办结日期”；已办结的请把办理状态改为“已办结”。",
    ]);
    expect(checkRegisterRecord(spec("rules"), { issuedDate: "2026-01-01" })).toEqual([]);
  });
});
