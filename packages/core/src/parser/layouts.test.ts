import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotice } from "./parse-notice.ts";
import type { ParsedNotice, ParsedProblem } from "./parsed-notice.ts";
import { readClaimedSummary } from "./summary.ts";
import { readInspection } from "./header.ts";
import { normalizeCharacters, normalizeNoticeText } from "./normalize-text.ts";
import { hasSchema, loadNoticeValidator } from "./fixtures/shared-files.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const problemsOf = (notice: ParsedNotice): ParsedProblem[] => notice.categories.flatMap((category) => category.problems);
const codesOf = (notice: ParsedNotice) => notice.findings.map((finding) => finding.code).sort();
const seqsOf = (notice: ParsedNotice, code: string) => notice.findings.filter((finding) => finding.code === code).flatMap((finding) => finding.problemSeqs ?? []);

if (!hasSchema) console.warn("[layouts] ../shared/contracts/notice.schema.json not found: schema validation in these tests is skipped.");
const validate = loadNoticeValidator();
function expectValid(notice: ParsedNotice): void {
  if (validate) expect(validate(JSON.parse(JSON.stringify(notice)))).toBeNull();
}

describe("PDF-style text: 1.反馈问题： headlines, wrapped lines, page markers, radicals", () => {
  const notice = parseNotice(read("qinghe-culture-pdf.txt"), { file: "/tmp/qinghe.txt", format: "txt" });

  it("reads the header, joining the title's two lines and the inspection sentence broken mid-word", () => {
    expectValid(notice);
    expect(notice.source).toEqual({ file: "qinghe.txt", format: "txt" });
    expect(notice.title).toBe("中共青禾县文化旅游局党组关于县委巡察反馈问题整改进展情况的通报");
    expect(notice.issuer).toBe("中共青禾县文化旅游局党组");
    expect(notice.inspection).toEqual({ by: "县委第三巡察组", level: "县委", start: "2023-08-20", end: "2023-10-15", feedbackDate: "2023-11-02" });
    expect(notice.publishedDate).toBe("2024-03-08");
  });

  it("reads headlines, sub-points, status lines and plans", () => {
    const problems = problemsOf(notice);
    expect(problems.map((problem) => problem.number)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(problems[0].title).toBe("景区门票收入管理不规范");
    expect(problems[0].subPoints).toEqual(["一是票款未及时入账", "二是票务系统权限混乱"]);
    expect(problems.map((problem) => problem.status)).toEqual(["completed", "phased", "completed_long_term", "phased", "completed", "completed"]);
    expect(problems[1].hasPlan).toBe(true);
    expect(problems[1].planText).toBe("力争2024年6月底前完成全部项目评估。");
    expect(problems[0].hasPlan).toBe(false);
  });

  it("maps a CJK radical (⻓) to the normal character in a status line", () => {
    expect(problemsOf(notice)[2].statusText).toBe("已整改，长期坚持");
    expect(normalizeCharacters("⻅⼯⻓")).toBe("见工长");
  });

  it("removes spaces inside numbers in amounts and document numbers", () => {
    expect(problemsOf(notice)[1].moneyAmounts).toEqual(["12.6万元"]);
    expect(problemsOf(notice)[0].docRefs).toEqual(["青文旅〔2023〕45号"]);
  });

  it("puts an out-of-order block back under its headline and reports it", () => {
    const moved = problemsOf(notice)[4];
    expect(moved.status).toBe("completed");
    expect(moved.progressText).toContain("修订《局机关公务接待管理办法》");
    expect(problemsOf(notice)[3].status).toBe("phased");
    expect(seqsOf(notice, "OUT_OF_ORDER")).toEqual([5]);
  });

  it("does not take the numbered lists of sections 一 and 三 for problems", () => {
    expect(problemsOf(notice)).toHaveLength(6);
    expect(notice.sections).toEqual(["一、整改工作总体情况", "二、问题整改情况", "三、下一步工作"]);
  });

  it("reads aggregate figures, accountability by type, rules, and recovered money but not 问题资金", () => {
    const summary = notice.claimedSummary;
    expect(summary).toMatchObject({
      asOf: "2024-02-28",
      problemsTotal: 6,
      completed: 4,
      phased: 2,
      completionRate: 66.67,
      immediateFix: { total: 9, completed: 9 },
      petitions: { total: 5, closed: 5 },
      accountability: { total: 7, byType: { 诫勉: 2, 约谈: 5 } },
      rulesMade: 12,
    });
    expect(summary.funds).toEqual([
      { yuan: 32500, text: "3.25万元", label: "清退违规发放补贴" },
      { yuan: 120000000, text: "1.2亿元", label: "追回项目资金" },
    ]);
  });

  it("reads the closing: phone, email, mailbox address and public period", () => {
    expect(notice.contacts).toEqual({ phones: ["0871-6612345"], emails: ["qhwljzg@example.cn"], postal: ["青禾县人民路18号县文化旅游局办公室"] });
    expect(notice.publicPeriod).toEqual({ start: "2024-03-08", end: "2024-03-15" });
  });

  it("flags completion contradicted by 正在 and a done event dated after publication", () => {
    expect(seqsOf(notice, "CLAIM_CONTRADICTED")).toEqual([1]);
    expect(seqsOf(notice, "DATE_AFTER_PUBLICATION")).toEqual([3]);
    expect(codesOf(notice)).toEqual(["CLAIM_CONTRADICTED", "DATE_AFTER_PUBLICATION", "OUT_OF_ORDER"]);
  });
});

describe("Markdown: 问题一： headlines in （一）…方面 categories, measures 1. 2. inside problems, a global claim", () => {
  const notice = parseNotice(read("baishui-town.md"), { format: "md" });

  it("reads categories, headline variants (问题三： , 问题四. , 问题五：.) and numbered measures as text", () => {
    expectValid(notice);
    expect(notice.title).toBe("中共白水镇委员会关于巡察整改情况的通报");
    expect(notice.categories.map((category) => category.label)).toEqual(["（一）落实党的路线方针政策方面", "（二）全面从严治党方面"]);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual([
      "问题一:乡村振兴项目推进缓慢",
      "问题二:人居环境整治不彻底",
      "问题三:村级财务管理混乱",
      "问题四:干部作风不实",
      "问题五:基层党组织软弱",
    ]);
    expect(problemsOf(notice)[0].progressText).toContain("1.重新梳理项目清单");
  });

  it("reads an explicit 已整改 sentence as status and expands a list of document numbers", () => {
    const third = problemsOf(notice)[2];
    expect(third.status).toBe("completed");
    expect(third.statusText).toBe("已整改");
    expect(third.docRefs).toEqual(["白党发〔2022〕7号", "白党发〔2022〕9号"]);
    expect(third.moneyAmounts).toEqual(["8万元"]);
  });

  it("reads 大类/方面/具体问题 counts and the all-rectified claim", () => {
    expect(notice.claimedSummary).toMatchObject({ categories: 2, aspects: 5, specificProblems: 14, allRectified: true });
  });

  it("flags missing statuses, contradicted global claims and a single contact channel", () => {
    expect(seqsOf(notice, "STATUS_MISSING")).toEqual([1, 2, 4, 5]);
    expect(seqsOf(notice, "CLAIM_CONTRADICTED")).toEqual([1, 5]);
    expect(codesOf(notice)).toEqual(["CLAIM_CONTRADICTED", "MISSING_DISCLOSURE", "STATUS_MISSING"]);
  });
});

describe("Markdown: ## **2. …** headlines, numbering restarting per category, repeating and skipping", () => {
  const notice = parseNotice(read("songlin-water.md"), { format: "md" });

  it("reads headline styles ##, ####, bold, plain and half-width punctuation as written", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => problem.number)).toEqual(["1", "2", "1", "2", "2", "4"]);
    expect(problemsOf(notice)[1].statusText).toBe("已整改,长期坚持");
    expect(notice.categories.map((category) => category.label)).toEqual(["（一）政治建设方面", "(二)工程管理方面"]);
  });

  it("treats 整改结果： followed by measures as progress, not a status", () => {
    const third = problemsOf(notice)[2];
    expect(third.status).toBeNull();
    expect(third.progressText).toContain("逐一复核");
    expect(third.docRefs).toEqual(["松水〔2023〕22号"]);
  });

  it("reports the repeated and the skipped number but not the restart per category", () => {
    expect(seqsOf(notice, "NUMBERING_DUPLICATE")).toEqual([4, 5]);
    expect(seqsOf(notice, "NUMBERING_GAP")).toEqual([6]);
    expect(seqsOf(notice, "STATUS_MISSING")).toEqual([3]);
  });

  it("reads a year-less feedback date from the year of the inspection and sees no issuer mismatch for the same unit", () => {
    expect(notice.inspection.feedbackDate).toBe("2023-07-20");
    expect(codesOf(notice)).not.toContain("ISSUER_MISMATCH");
    expect(codesOf(notice)).toContain("MISSING_DISCLOSURE");
  });
});

describe("plain text: first-sentence headlines with the status in brackets", () => {
  const notice = parseNotice(read("qinghe-health-plain.txt"));

  it("takes the first sentence as the title and the rest as progress", () => {
    expectValid(notice);
    const problems = problemsOf(notice);
    expect(problems.map((problem) => problem.title)).toEqual(["基层医疗机构药品管理不规范", "家庭医生签约服务流于形式", "收受回扣问题时有发生", "专项资金拨付滞后"]);
    expect(problems.map((problem) => problem.status)).toEqual(["completed", "phased", "completed", "completed"]);
    expect(problems[0].progressText).toBe("局党组组织对全县18家卫生院药房开展清查，处置过期药品，建立进销存电子台账。");
    expect(notice.inspection).toEqual({ by: "县委第四巡察组", level: "县委", start: "2023-09", end: "2023-11", feedbackDate: "2023-12-05" });
  });

  it("flags the item that is still being set up", () => {
    expect(seqsOf(notice, "CLAIM_CONTRADICTED")).toEqual([4]);
  });
});

describe("(1)… headlines under 1.…方面 categories", () => {
  const notice = parseNotice(read("hexi-street.txt"));

  it("reads (1) items as problems and 1. lines as categories", () => {
    expectValid(notice);
    expect(notice.categories.map((category) => category.label)).toEqual(["1.政治建设方面", "2.作风建设方面"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "completed", "in_progress"]);
    expect(notice.contacts).toEqual({ phones: ["0871-5501234"], emails: ["hexi_jd@example.cn"], postal: [] });
  });

  it("flags the claimed total that the list does not reach", () => {
    // 正在整改 reported as the remainder of the total is the not-completed figure (corpus convention).
    expect(notice.claimedSummary).toMatchObject({ problemsTotal: 8, completed: 6, notCompleted: 2 });
    expect(notice.claimedSummary.inProgress).toBeUndefined();
    expect(codesOf(notice)).toEqual(["COUNT_MISMATCH"]);
  });
});

describe("1.关于“…”问题的整改 headlines", () => {
  const text = [
    "中共石桥乡委员会关于巡察整改进展情况的通报",
    "2024年4月至5月，县委第一巡察组对石桥乡党委开展了巡察，2024年6月3日反馈了意见。",
    "二、整改进展",
    "1.关于“村务公开不及时”问题的整改",
    "整改情况：各村每月5日前更新公开栏，乡纪委每季度抽查一次。",
    "整改结果：已完成",
    "2.关于集体资产底数不清问题的整改情况",
    "整改情况：完成资产清查，登记资产台账312条。",
    "整改结果：阶段性完成",
    "中共石桥乡委员会",
    "2024年8月1日",
  ].join("\n");
  const notice = parseNotice(text);

  it("takes the words inside the 关于…的整改 wrapper as the title", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["村务公开不及时", "集体资产底数不清问题"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "phased"]);
  });
});

describe("web page text with navigation and metadata debris", () => {
  const text = [
    "首页 > 政务公开 > 通知公告",
    "发布时间：2024-05-10 09:30 来源：本站 浏览次数：321",
    "【字体：大 中 小】 打印本页 关闭窗口",
    "中共红枫县交通运输局党组关于巡察整改进展情况的通报",
    "2023年10月9日至12月1日，县委第二巡察组对县交通运输局党组开展了巡察。",
    "一、问题整改情况",
    "1.农村公路养护资金使用不规范",
    "整改结果：已完成",
    "整改情况：追回挪用养护资金56.8万元，修订资金管理办法。",
    "欢迎干部群众监督，联系电话：0871-3300111。",
    "上一篇：关于春运工作的通知",
    "下一篇：关于道路安全的提示",
    "版权所有：红枫县人民政府 电话：0871-3300999 备案号：滇ICP备00000000号",
  ].join("\n");
  const notice = parseNotice(text, { format: "html" });

  it("drops the navigation, keeps the notice, and falls back on the page's publication date", () => {
    expectValid(notice);
    expect(notice.title).toBe("中共红枫县交通运输局党组关于巡察整改进展情况的通报");
    expect(notice.issuer).toBe("中共红枫县交通运输局党组");
    expect(notice.publishedDate).toBe("2024-05-10");
    expect(notice.contacts.phones).toEqual(["0871-3300111"]);
    expect(problemsOf(notice).map((problem) => problem.moneyAmounts)).toEqual([["56.8万元"]]);
  });

  it("records the metadata date while normalising", () => {
    expect(normalizeNoticeText(text).metadataDate).toBe("2024-05-10");
  });
});

describe("dates with and without years, and damaged dates", () => {
  it("carries the start year to a year-less end (2024年9月至11月, 9月14日至10月30日)", () => {
    expect(readInspection("2024年9月14日至10月30日，市委第二巡察组对市档案馆进行了巡察。")).toMatchObject({ start: "2024-09-14", end: "2024-10-30" });
    expect(readInspection("2022年9月16日至10月18日，区委巡察组进行了巡察。")).toMatchObject({ start: "2022-09-16", end: "2022-10-18", by: "区委巡察组", level: "区委" });
  });

  it("leaves damaged dates null rather than guessing", () => {
    const info = readInspection("县委第一巡察组于202年9月1日至10月30日进行了巡察，2024年13月2日反馈了意见。");
    expect(info.start).toBeNull();
    expect(info.end).toBeNull();
    expect(info.feedbackDate).toBeNull();
  });

  it("reads a signature date written in Chinese numerals", () => {
    const notice = parseNotice("关于巡察整改情况的通报\n1.问题：制度不健全。\n整改结果：已完成\n中共某某局党组\n二〇二四年十月九日");
    expect(notice.publishedDate).toBe("2024-10-09");
    expect(notice.issuer).toBe("中共某某局党组");
  });
});

describe("aggregate sentences", () => {
  it("reads totals, completed/phased/open counts, rate, clues and the 亿元/万元/元 amounts recovered", () => {
    const { summary } = readClaimedSummary([
      "巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率98.71%。",
      "收到问题线索12件，移交线索9件，立案3件，涉及5人；党纪处分3人，诫勉17人，通报批评0人。",
      "追缴违规资金120元，涉及金额300万元的项目资金另行处理。",
    ]);
    expect(summary).toMatchObject({
      problemsTotal: 697,
      completed: 688,
      phased: 4,
      notCompleted: 5,
      completionRate: 98.71,
      clues: { total: 12, transferred: 9, filed: 3, people: 5 },
      accountability: { byType: { 党纪处分: 3, 诫勉: 17, 通报批评: 0 } },
    });
    expect(summary.funds).toEqual([{ yuan: 120, text: "120元", label: "追缴违规资金" }]);
  });
});
