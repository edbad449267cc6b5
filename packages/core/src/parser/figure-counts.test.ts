// Summary figures as the genre phrases them (our own sentences): every status phrasing lands in a bucket,
// registers are read by their own readers, and the checker's sum is the real sum.
import { describe, expect, it } from "vitest";
import { readClaimedSummary, settleClaimedSummary } from "./summary.ts";
import { parseNotice } from "./parse-notice.ts";

function summaryOf(sentence: string, listedProblems = 0) {
  const { summary } = readClaimedSummary([sentence]);
  settleClaimedSummary(summary, listedProblems);
  const { quotes, ...figures } = summary;
  void quotes;
  return figures;
}

describe("summary figures by phrasing", () => {
  it.each([
    {
      name: "基本完成取得阶段性成果并持续整改 is phased",
      sentence: "截至2024年6月底，反馈的697个问题中完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个。",
      expected: { asOf: "2024-06", problemsTotal: 697, completed: 688, phased: 4, notCompleted: 5 },
    },
    {
      name: "正在整改 reported as the remainder is not completed; 两项 in words",
      sentence: "审计指出的问题23项，单位已完成整改时限为2024年10月的21项问题整改，正在整改推进中的两项问题涉及历史遗留债务。",
      expected: { problemsTotal: 23, completed: 21, notCompleted: 2 },
    },
    {
      name: "N个问题已全部整改到位 is the total and all completed",
      sentence: "巡察反馈的9个问题已全部整改到位。",
      expected: { problemsTotal: 9, completed: 9, allRectified: true },
    },
    {
      name: "具体问题 is the base; measures marked 已完成 are not completed problems",
      sentence: "对照反馈意见分解出的3大类、11个大项、30个具体问题、41项整改措施已完成。",
      expected: { categories: 3, specificProblems: 30, problemsTotal: 30 },
    },
    {
      name: "发现问题N个 with clues, case filing and accountability kinds as printed next to it",
      sentence: "今年以来共开展巡察4轮，发现问题520个，移交问题线索31件，立案审查12人，给予党内严重警告处分3人、诫勉谈话7人，推动立行立改问题46个。",
      expected: {
        problemsTotal: 520,
        clues: { total: 31, transferred: 31, filed: 12 },
        accountability: { byType: { 立案审查: 12, 党内严重警告处分: 3, 诫勉谈话: 7 } },
        immediateFix: { total: 46 },
      },
    },
    {
      name: "one unit's example is not a total",
      sentence: "有些单位建立长效机制抓整改，东岗镇对上年提出的15个问题进行持续整改。",
      expected: {},
    },
    {
      name: "立行立改 in brackets counts inside the completed figure",
      sentence: "反馈的5个方面28个问题，已整改完成25个（含立行立改问题6个），阶段性完成整改3个。",
      expected: { aspects: 5, problemsTotal: 28, completed: 25, phased: 3, immediateFix: { total: 6 } },
    },
    {
      name: "recovered money with its label; 问题资金 is not recovered",
      sentence: "共清退违规发放补贴资金12.5万元，涉及问题资金300万元已全部纳入台账。",
      expected: { funds: [{ yuan: 125000, text: "12.5万元", label: "清退违规发放补贴资金" }] },
    },
    {
      name: "a rate with conversion debris, rules made and revised",
      sentence: "反馈的79个问题已完成整改75个，整改完成率94.93.%，完善和新建制度12项。",
      expected: { problemsTotal: 79, completed: 75, completionRate: 94.93, rulesMade: 12 },
    },
    {
      name: "a lower bound is not a stated rate",
      sentence: "群众满意度达95%以上，问题整改率80%以上。",
      expected: {},
    },
    {
      name: "a goal is not an all-complete claim",
      sentence: "下一步将确保反馈问题全部整改到位。",
      expected: {},
    },
  ])("$name", ({ sentence, expected }) => {
    expect(summaryOf(sentence)).toEqual(expected);
  });

  it("keeps 具体问题 out of the base when the listed problems match the 方面 count", () => {
    expect(summaryOf("反馈的2大类、4个方面、13条具体问题逐项细化。", 4)).toEqual({ categories: 2, aspects: 4, specificProblems: 13 });
  });
});

describe("the checker's sum of the stated figures", () => {
  it("adds phased figures in and reports the real sum", () => {
    const head = ["中共东岗镇委员会关于巡察整改情况的通报", "2024年3月至5月，县委第二巡察组对东岗镇党委开展了巡察。"];
    const consistent = parseNotice([...head, "反馈的697个问题中完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个。"].join("\n"));
    expect(consistent.findings.filter((finding) => finding.code === "COUNT_MISMATCH")).toEqual([]);
    const wrong = parseNotice([...head, "反馈的700个问题中完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个。"].join("\n"));
    const mismatch = wrong.findings.find((finding) => finding.code === "COUNT_MISMATCH");
    expect(mismatch?.message).toContain("各状态数相加为697个，与所称问题总数700个不符");
    expect(mismatch?.evidence).toContain("完成整改688个");
  });

  it("takes 长期坚持 either as a status of its own or inside 已完成", () => {
    const head = ["中共西岭镇委员会关于巡察整改进展情况的通报", "2025年9月至10月，县委第一巡察组对西岭镇党委开展了巡察。"];
    const mismatches = (summary: string) => parseNotice([...head, summary].join("\n")).findings.filter((finding) => finding.code === "COUNT_MISMATCH");
    expect(mismatches("巡察反馈的20个问题，已完成整改12个（其中需长期坚持3个），阶段性完成整改2个，未完成整改6个。")).toEqual([]);
    expect(mismatches("巡察反馈的20个问题，已完成整改9个，需长期坚持整改3个，阶段性完成整改2个，未完成整改6个。")).toEqual([]);
    const [wrong] = mismatches("巡察反馈的25个问题，已完成整改12个（其中需长期坚持3个），阶段性完成整改2个，未完成整改6个。");
    expect(wrong?.message).toContain("各状态数相加为23个，与所称问题总数25个不符");
  });
});
