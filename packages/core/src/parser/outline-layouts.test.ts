// Our own notices, one per layout the outline-first parser must read (issue 9): exact problems, statuses and findings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeNotice } from "./parse-notice.ts";
import type { ParsedNotice } from "./parsed-notice.ts";
import type { NoticeFinding } from "../checks/structure-check.ts";
import { hasSchema, loadNoticeValidator } from "./fixtures/shared-files.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
if (!hasSchema) console.warn("[outline-layouts] ../shared/contracts/notice.schema.json not found: schema validation in these tests is skipped.");
const validate = loadNoticeValidator();

function analyze(name: string) {
  const analysis = analyzeNotice(readFileSync(path.join(fixtures, name), "utf8"), { file: name, format: "txt" });
  if (validate) expect(validate(JSON.parse(JSON.stringify(analysis.notice)))).toBeNull();
  return analysis;
}

const problemsOf = (notice: ParsedNotice) => notice.categories.flatMap((category) => category.problems);
const statusesOf = (notice: ParsedNotice) => problemsOf(notice).map((problem) => problem.status);
const findingsOf = (findings: NoticeFinding[]) => findings.map((finding) => ({ code: finding.code, severity: finding.severity, seqs: finding.problemSeqs ?? [] }));

describe("measure-style headlines under （一）关于…方面 with no labels", () => {
  const { notice, findings } = analyze("chengnan-measure-headlines.txt");

  it("takes the level under the categories as the problems, titled by the first sentence", () => {
    expect(notice.sections).toEqual(["一、整改工作开展情况", "二、反馈问题整改落实情况", "三、下一步工作"]);
    expect(notice.categories.map((category) => [category.label, category.problems.length])).toEqual([
      ["（一）关于政府采购管理方面", 2],
      ["（二）关于公务用车管理方面", 2],
    ]);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual(["1:规范采购招标管理", "2:压实合同履约监督", "3:严格公务用车审批", "4:完善车辆维修定点制度"]);
    expect(problemsOf(notice)[0].subPoints).toEqual(["一是修订《机关采购管理办法》，将限额以上项目全部纳入集中采购", "二是对2023年以来的41个采购项目逐一复查，收回不合规合同价款3.6万元"]);
    expect(statusesOf(notice)).toEqual([null, null, null, null]);
  });

  it("says the statuses are missing instead of reporting nothing", () => {
    expect(findingsOf(findings)).toEqual([{ code: "STATUS_MISSING", severity: "warning", seqs: [1, 2, 3, 4] }]);
  });
});

describe("an all-complete claim against unfinished item wording, without status labels", () => {
  const { notice, findings } = analyze("hexin-claim-against-wording.txt");

  it("reads the claim and the four unlabelled items", () => {
    expect(notice.claimedSummary).toMatchObject({ problemsTotal: 4, completed: 4, allRectified: true });
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["村级财务审批不规范", "农村人居环境整治不彻底", "党员教育管理不严格", "信访矛盾化解不及时"]);
    expect(statusesOf(notice)).toEqual([null, null, null, null]);
  });

  it("raises CLAIM_CONTRADICTED on the items whose own words are future or unfinished, not on 已于…完成", () => {
    expect(findingsOf(findings)).toEqual([
      { code: "STATUS_MISSING", severity: "warning", seqs: [1, 2, 3, 4] },
      { code: "CLAIM_CONTRADICTED", severity: "error", seqs: [2, 3, 4] },
    ]);
    const claim = findings.find((finding) => finding.code === "CLAIM_CONTRADICTED");
    expect(claim?.evidence).toContain("正在推进施工");
    expect(claim?.evidence).toContain("计划于2025年3月");
    expect(claim?.evidence).toContain("将于2025年春节前办结");
    expect(claim?.message).toContain("第4个问题（编号4，“信访矛盾化解不及时”）");
  });
});

describe("a sentence copied between two items", () => {
  const { notice, findings } = analyze("taoyuan-copied-sentence.txt");

  it("finds the shared sentence inside otherwise different items and names both places", () => {
    expect(statusesOf(notice)).toEqual(["completed", "completed", "completed"]);
    expect(findingsOf(findings)).toEqual([{ code: "DUPLICATE_TEXT", severity: "warning", seqs: [1, 2] }]);
    const copy = findings[0];
    expect(copy.evidence).toBe("街道纪工委每季度对网格员履职情况开展一次专项督查并通报结果");
    expect(copy.message).toContain("第1个问题（编号问题一，“社区网格员队伍管理松散”）与第2个问题（编号问题二，“老旧小区改造项目推进缓慢”）");
  });
});

describe("phone numbers printed side by side", () => {
  const { notice, findings } = analyze("jinghu-glued-phones.txt");

  it("splits a landline and a mobile, with or without a space, and keeps office hours out", () => {
    expect(notice.contacts).toEqual({
      phones: ["0553-2595762", "15212242863", "0553-2595761", "18955501234"],
      emails: [],
      postal: ["镜湖区北京路8号区文化馆办公室（邮编241000）"],
    });
    expect(statusesOf(notice)).toEqual(["completed", "in_progress"]);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["公益演出经费核算不清", "馆藏资料借阅登记缺失"]);
    expect(findingsOf(findings)).toEqual([]);
  });
});

describe("a title printed on two lines, the first ending in an organisation name", () => {
  const { notice, findings } = analyze("qingshan-two-line-title.txt");

  it("joins both lines and reads the problems listed inside the feedback sentence", () => {
    expect(notice.title).toBe("县委第二巡察组向县统计局党组反馈巡察整改“回头看”情况");
    expect(notice.publishedDate).toBe("2024-07-02");
    expect(notice.inspection.feedbackDate).toBe("2024-06-28");
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual([
      "统计数据质量核查机制落实不到位，部分基层报表审核流于形式",
      "统计执法检查力度不够，对虚报瞒报问题查处偏软",
      "上轮巡察指出的档案管理问题整改不彻底",
    ]);
    expect(statusesOf(notice)).toEqual([null, null, null]);
    expect(findingsOf(findings)).toEqual([
      { code: "STATUS_MISSING", severity: "warning", seqs: [1, 2, 3] },
      { code: "MISSING_DISCLOSURE", severity: "warning", seqs: [] },
    ]);
  });
});

describe("numbered problems followed by numbered suggestions in feedback news", () => {
  it("keeps the list introduced as problems and leaves the suggestions out", () => {
    const text = [
      "县委第三巡察组向县交通局党组反馈巡察情况",
      "2024年6月3日，县委第三巡察组向县交通局党组反馈巡察情况。",
      "巡察组指出了发现的主要问题：",
      "1.贯彻落实上级决策部署有差距，重点项目推进缓慢；",
      "2.全面从严治党主体责任落实不到位，监督检查流于形式；",
      "3.干部队伍建设存在短板。",
      "巡察组提出三点意见建议：",
      "1.提高政治站位，扛牢整改责任；",
      "2.聚焦问题清单，逐项销号；",
      "3.健全长效机制，巩固整改成果。",
    ].join("\n");
    const { notice } = analyzeNotice(text);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual([
      "1:贯彻落实上级决策部署有差距，重点项目推进缓慢",
      "2:全面从严治党主体责任落实不到位，监督检查流于形式",
      "3:干部队伍建设存在短板",
    ]);
    expect(problemsOf(notice)[2].progressText).not.toContain("健全长效机制");
  });
});

describe("公开期限 as the public period", () => {
  const { notice, findings } = analyze("songxi-public-period.txt");

  it("reads the period, the problems and the money recovered inside an item", () => {
    expect(notice.publicPeriod).toEqual({ start: "2025-01-06", end: "2025-01-12" });
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["定点医药机构监管不到位", "医保经办窗口服务效率不高"]);
    expect(statusesOf(notice)).toEqual(["completed", "completed"]);
    expect(notice.claimedSummary.funds).toEqual([{ yuan: 84000, text: "8.4万元", label: "追回违规使用的医保基金" }]);
    expect(findingsOf(findings)).toEqual([]);
  });
});

describe("a notice whose problem list cannot be read", () => {
  it("raises STRUCTURE_NOT_FOUND in the analysis but keeps the parse contract's findings to its own codes", () => {
    const text = [
      "中共北岭乡委员会关于巡察整改进展情况的通报",
      "2024年5月，县委第一巡察组对北岭乡党委开展了巡察，6月反馈了意见。",
      "一、提高政治站位，压实整改责任",
      "乡党委召开专题会议，成立整改工作领导小组，建立问题、任务、责任三张清单，逐项对账销号。",
      "二、巩固整改成果",
      "持续抓好整改，防止问题反弹回潮。",
    ].join("\n");
    const { notice, findings } = analyzeNotice(text);
    expect(findings[0]).toMatchObject({ code: "STRUCTURE_NOT_FOUND", severity: "error", evidence: "中共北岭乡委员会关于巡察整改进展情况的通报" });
    expect(notice.findings.some((finding) => (finding.code as string) === "STRUCTURE_NOT_FOUND")).toBe(false);
    if (validate) expect(validate(JSON.parse(JSON.stringify(notice)))).toBeNull();
  });

  it("stays quiet on a text that is not about rectification at all", () => {
    const { findings } = analyzeNotice("今天天气晴朗，气温适宜，适合户外活动。明天有小雨，请注意携带雨具。");
    expect(findings.some((finding) => finding.code === "STRUCTURE_NOT_FOUND")).toBe(false);
  });
});
