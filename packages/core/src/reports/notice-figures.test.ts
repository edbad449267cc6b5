import { describe, expect, it } from "vitest";
import { computeCompletionStats } from "../stats/completion.ts";
import type { ClaimedSummary } from "../parser/parsed-notice.ts";
import type { LedgerSnapshot } from "./ledger-snapshot.ts";
import { compareNoticeFigures, computeNoticeFigures, formatFiguresSentence } from "./notice-figures.ts";
import { createSampleLedgerSnapshot } from "./test-factories.ts";

function claimsOf(snapshot: LedgerSnapshot): ClaimedSummary {
  const figures = computeNoticeFigures(snapshot);
  return JSON.parse(JSON.stringify(figures)) as ClaimedSummary;
}

describe("computeNoticeFigures", () => {
  it.each([1, 2, 3, 5, 8, 13, 21, 34])("equals the shared completion statistics on generated ledger #%i", (seed) => {
    const snapshot = createSampleLedgerSnapshot({ seed, findings: 5 + seed, immediateFindings: seed % 4 });
    const figures = computeNoticeFigures(snapshot);
    const problems = snapshot.findings.filter((finding) => finding.source !== "immediate");
    const stats = computeCompletionStats(problems.map((finding) => finding.status));
    expect(figures.problemsTotal).toBe(stats.total);
    expect(figures.completed).toBe(stats.completed);
    expect(figures.longTerm).toBe(stats.longTerm);
    expect(figures.phased).toBe(stats.phased);
    expect(figures.notCompleted).toBe(stats.notCompleted);
    expect(figures.completionRate).toBe(stats.rate);
    expect(figures.completed + figures.phased + figures.notCompleted).toBe(figures.problemsTotal);
    expect(figures.measuresTotal).toBe(problems.reduce((sum, finding) => sum + finding.measures.length, 0));
    expect(figures.immediateFix.total).toBe(seed % 4);
  });

  it("counts registers: rules, accountability by type, petitions, leads and money", () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 4 });
    snapshot.registers.accountability = [
      { kind: "admonishment", personName: null, date: null },
      { kind: "admonishment", personName: null, date: null },
      { kind: "interview", personName: "某某", date: null },
    ];
    snapshot.registers.recoveries = [
      { kind: "refunded", amountFen: 665_700_00, note: null },
      { kind: "recovered", amountFen: 2730_00, note: null },
      { kind: "refunded", amountFen: 0, note: null },
    ];
    const figures = computeNoticeFigures(snapshot);
    expect(figures.rulesMade).toBe(snapshot.registers.rules.length);
    expect(figures.accountability).toEqual({ total: 3, byType: { 诫勉: 2, 约谈: 1 } });
    expect(figures.petitions).toEqual({ total: 9, closed: 7 });
    expect(figures.clues).toEqual({ total: 4, transferred: 4, closed: 2 });
    expect(figures.funds).toEqual([
      { yuan: 665_700, text: "66.57万元", label: "清退违规资金" },
      { yuan: 2730, text: "2730元", label: "追缴资金" },
    ]);
  });

  it("leaves the rate out when there are no problems", () => {
    const snapshot = createSampleLedgerSnapshot({ findings: 0, immediateFindings: 2 });
    const figures = computeNoticeFigures(snapshot);
    expect(figures.problemsTotal).toBe(0);
    expect(figures.completionRate).toBeUndefined();
    expect(figures.immediateFix).toEqual({ total: 2, completed: 2 });
  });
});

describe("formatFiguresSentence", () => {
  it("prints every stated figure in notice wording", () => {
    const sentence = formatFiguresSentence(
      {
        asOf: "2025-06-12",
        problemsTotal: 697,
        completed: 688,
        phased: 4,
        notCompleted: 5,
        completionRate: 98.71,
        immediateFix: { total: 14, completed: 13 },
        petitions: { total: 9, closed: 8 },
        accountability: { total: 3, byType: { 诫勉: 2, 约谈: 1 } },
        rulesMade: 12,
        funds: [{ yuan: 71_320, text: "7.13万元", label: "追缴资金" }],
      },
      { level: "区委" },
    );
    expect(sentence).toBe(
      "截至2025年6月12日，区委巡察反馈的697个问题，已完成整改688个，阶段性完成整改4个，未完成整改5个，整改完成率98.71%；" +
        "巡察期间交办的14个立行立改问题，已完成整改13个；巡察期间移交的9件信访件，已办结8件；" +
        "追责问责3人，其中诫勉2人、约谈1人；建立完善制度12项；追缴资金7.13万元。",
    );
  });

  it("keeps a free-text 截至 date as written and returns null when nothing is stated", () => {
    expect(formatFiguresSentence({ asOf: "目前", problemsTotal: 3 })).toBe("截至目前，巡察反馈的3个问题。");
    expect(formatFiguresSentence({})).toBeNull();
  });
});

describe("compareNoticeFigures", () => {
  const snapshot = createSampleLedgerSnapshot({ seed: 11, findings: 20 });
  const expected = computeNoticeFigures(snapshot);

  it("finds no mismatch between the ledger and its own figures", () => {
    expect(compareNoticeFigures(expected, claimsOf(snapshot))).toEqual([]);
  });

  it.each<[string, (claims: ClaimedSummary) => void, string]>([
    ["completed", (c) => (c.completed = (c.completed ?? 0) + 1), "已完成整改数"],
    ["problemsTotal", (c) => (c.problemsTotal = 999), "问题总数"],
    ["phased", (c) => (c.phased = (c.phased ?? 0) + 2), "阶段性完成数"],
    ["completionRate", (c) => (c.completionRate = 100), "整改完成率"],
    ["rulesMade", (c) => (c.rulesMade = 0), "建立完善制度数"],
    ["petitions.closed", (c) => (c.petitions = { total: 9, closed: 9 }), "信访件办结数"],
    ["accountability.byType.诫勉", (c) => (c.accountability = { total: expected.accountability.total, byType: { ...expected.accountability.byType, 诫勉: 40 } }), "问责方式“诫勉”人数"],
    ["accountability.byType.留党察看", (c) => (c.accountability = { byType: { 留党察看: 1 } }), "问责方式“留党察看”人数"],
    ["funds.yuan", (c) => (c.funds = [{ yuan: 1, text: "1元" }]), "清退追缴资金合计"],
  ])("reports a different %s with a Chinese message", (field, edit, words) => {
    const claims = claimsOf(snapshot);
    edit(claims);
    const mismatches = compareNoticeFigures(expected, claims);
    expect(mismatches.map((m) => m.field)).toEqual([field]);
    expect(mismatches[0].kind).toBe("different");
    expect(mismatches[0].message).toContain(words);
    expect(mismatches[0].message).toMatch(/^通报中.+台账计算为/);
  });

  it("reports the total and completed count as missing when the notice leaves them out", () => {
    const mismatches = compareNoticeFigures(expected, { phased: expected.phased });
    expect(mismatches.map((m) => [m.field, m.kind])).toEqual([
      ["problemsTotal", "missing"],
      ["completed", "missing"],
    ]);
    expect(mismatches[0].message).toBe(`通报未载明问题总数（台账计算为${expected.problemsTotal}）`);
  });

  it("accepts 正在整改 plus 未完成 as the ledger's not-completed bucket, and rates within rounding", () => {
    const claims = claimsOf(snapshot);
    claims.inProgress = 1;
    claims.notCompleted = expected.notCompleted - 1;
    claims.completionRate = (expected.completionRate ?? 0) + 0.004;
    expect(compareNoticeFigures(expected, claims)).toEqual([]);
  });
});
