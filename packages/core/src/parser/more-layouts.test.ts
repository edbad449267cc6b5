// Layouts beyond the first fixtures: trailing status sentences, 关于“…”的问题 headlines, flattened tables,
// bracketed statuses, a provincial 巡视 notice, mixed numbering, PDF running headers and a web page footer.
// Each expectation is what a careful reader of the fixture would write down by hand.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotice } from "./parse-notice.ts";
import type { ParsedNotice, ParsedProblem } from "./parsed-notice.ts";
import { loadNoticeValidator } from "./fixtures/shared-files.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const problemsOf = (notice: ParsedNotice): ParsedProblem[] => notice.categories.flatMap((category) => category.problems);
const codesOf = (notice: ParsedNotice) => notice.findings.map((finding) => finding.code).sort();
const validate = loadNoticeValidator();
const expectValid = (notice: ParsedNotice) => {
  if (validate) expect(validate(JSON.parse(JSON.stringify(notice)))).toBeNull();
};
const statusesOf = (notice: ParsedNotice) => problemsOf(notice).map((problem) => [problem.status, problem.statusText]);

describe("公示 with 问题N： items whose status is the closing sentence of 整改进展", () => {
  const notice = parseNotice(read("lanxi-agri-trailing-status.txt"));

  it("reads the header, the invitation's own window as the public period, and the mailbox with its postcode", () => {
    expectValid(notice);
    expect(notice.title).toBe("中共岚溪县农业农村局党组关于县委巡察反馈意见整改进展情况的公示");
    expect(notice.inspection).toEqual({ by: "县委第五巡察组", level: "县委", start: "2025-03-12", end: "2025-05-09", feedbackDate: "2025-06-18" });
    expect(notice.publicPeriod).toEqual({ start: "2025-11-10", end: "2025-11-16" });
    expect(notice.contacts).toEqual({ phones: ["0739-5216600"], emails: ["lxnyzg@example.cn"], postal: ["岚溪县东湖路66号县农业农村局办公室（邮编422300）"] });
  });

  it("takes 整改推进中。/ 已完成整改。/ 目前已整改到位。/ 正在整改。 at the end of the progress as the status", () => {
    expect(problemsOf(notice).map((problem) => problem.number)).toEqual(["问题1", "问题2", "问题3", "问题4"]);
    expect(statusesOf(notice)).toEqual([
      ["in_progress", "整改推进中"],
      ["completed", "已完成整改"],
      ["completed", "已整改到位"],
      ["in_progress", "正在整改"],
    ]);
    expect(problemsOf(notice)[1].docRefs).toEqual(["岚农发〔2025〕17号"]);
  });

  it("treats 整改时限：长期坚持 / 2025年12月底 as metadata, not as status or progress", () => {
    expect(problemsOf(notice)[2].progressText).not.toContain("长期坚持");
    expect(problemsOf(notice)[0].progressText).not.toContain("整改时限");
  });

  it("finds the claimed counts consistent and raises nothing", () => {
    expect(notice.claimedSummary).toMatchObject({ asOf: "2025-10-31", problemsTotal: 4, completed: 2, notCompleted: 2 });
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("Markdown: （一）关于“…”的问题 headlines with measures 1. 2.", () => {
  const notice = parseNotice(read("yunshan-about-headlines.md"), { format: "md" });

  it("takes the quoted words as the title and keeps the numbered measures as progress", () => {
    expectValid(notice);
    expect(notice.categories.map((category) => category.label)).toEqual([null]);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["城建项目审批程序不规范", "物业专项维修资金监管缺位", "干部作风不严不实"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "phased", "completed_long_term"]);
    expect(problemsOf(notice)[0].progressText).toContain("2.修订《区住建局项目审批工作规程》");
  });

  it("does not take the （一）（二） of section 三 for problems", () => {
    expect(problemsOf(notice)).toHaveLength(3);
    expect(notice.claimedSummary).toMatchObject({ measuresTotal: 21, rulesMade: 6 });
    expect(codesOf(notice)).toEqual(["MISSING_DISCLOSURE"]);
  });
});

describe("a ledger table flattened to tab-separated text", () => {
  const notice = parseNotice(read("wutong-table.txt"));

  it("reads one problem per row, with the 整改情况 column as status", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual([
      "1:村级财务报销手续不全",
      "2:集体土地发包未公开招标",
      "3:人居环境整治成效不稳固",
      "4:村干部坐班制度落实不严",
      "5:防汛物资储备不足",
    ]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "completed_long_term", "phased", "in_progress"]);
    expect(problemsOf(notice)[1].progressText).toBe("收回违规发包土地2宗，重新公开招标发包");
  });

  it("matches the claimed counts", () => {
    expect(notice.claimedSummary).toMatchObject({ problemsTotal: 5, completed: 3, phased: 1, notCompleted: 1 });
    expect(codesOf(notice)).toEqual(["MISSING_DISCLOSURE"]);
  });

  it("reads the same table written with runs of spaces or as a Markdown table", () => {
    const rows = read("wutong-table.txt").split("\n");
    const spaced = rows.map((row) => row.replace(/\t/g, "  ")).join("\n");
    const piped = rows.map((row) => (row.includes("\t") ? `| ${row.replace(/\t/g, " | ")} |` : row));
    const header = piped.findIndex((row) => row.startsWith("| 序号"));
    piped.splice(header + 1, 0, "|---|---|---|---|---|---|");
    for (const text of [spaced, piped.join("\n")]) {
      const again = parseNotice(text);
      expect(problemsOf(again).map((problem) => problem.status)).toEqual(["completed", "completed", "completed_long_term", "phased", "in_progress"]);
    }
  });
});

describe("statuses in brackets at the end of the headline: 【已完成】 （阶段性完成）", () => {
  const notice = parseNotice(read("feiyun-bracket-status.txt"));

  it("reads the bracket as the status and leaves it out of the title", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["食品安全抽检覆盖面不足", "特种设备安全隐患排查不彻底", "执法办案中存在“人情案”现象", "公务接待超标准"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "phased", "completed", "completed_long_term"]);
    expect(notice.categories.map((category) => category.problems.length)).toEqual([2, 2]);
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("a provincial 巡视 notice: 省委第六巡视组, other aggregate wordings, 公示期, QR code", () => {
  const notice = parseNotice(read("heling-provincial-xunshi.txt"));

  it("reads the inspection, the public period and the channels", () => {
    expectValid(notice);
    expect(notice.inspection).toEqual({ by: "省委第六巡视组", level: "省委", start: "2025-03-10", end: "2025-05-20", feedbackDate: "2025-07-15" });
    expect(notice.publicPeriod).toEqual({ start: "2025-11-10", end: "2025-11-16" });
    expect(notice.contacts).toEqual({ phones: ["0745-2233100", "12388"], emails: [], postal: ["鹤岭市迎宾大道88号市委巡察办（邮编418000）"] });
  });

  it("reads 共反馈问题N个，已整改M个，整改率x%, 立行立改, clues, sanctions by type, rules and money", () => {
    const summary = notice.claimedSummary;
    expect(summary).toMatchObject({
      asOf: "2025-10-31",
      problemsTotal: 6,
      completed: 5,
      completionRate: 83.3,
      measuresTotal: 92,
      rulesMade: 17,
      immediateFix: { total: 14, completed: 14 },
      clues: { total: 5, closed: 4 },
      accountability: { byType: { 党纪政务处分: 2, 组织处理: 5 } },
    });
    expect(summary.clues?.people).toBeUndefined();
    expect(summary.allRectified).toBeUndefined();
    expect(summary.funds).toEqual([
      { yuan: 1203000, text: "120.3万元", label: "挽回经济损失" },
      { yuan: 286000, text: "28.6万元", label: "清退违规发放津补贴" },
    ]);
  });

  it("reads six problems in three categories and sees 市委 and 市委员会 as the same issuer", () => {
    expect(notice.categories.map((category) => category.problems.length)).toEqual([2, 2, 2]);
    expect(problemsOf(notice)[5].status).toBe("in_progress");
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("no categories, 问题一/问题3 numbering mixed, full-width digits", () => {
  const notice = parseNotice(read("qiaotou-mixed-numbering.txt"));

  it("reads four problems in one unlabelled category without numbering findings", () => {
    expectValid(notice);
    expect(notice.sections).toEqual([]);
    expect(notice.categories.map((category) => category.label)).toEqual([null]);
    expect(problemsOf(notice).map((problem) => problem.number)).toEqual(["问题一", "问题二", "问题3", "问题4"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "completed_long_term", "phased"]);
    expect(problemsOf(notice)[0].progressText).toContain("全乡12个村");
  });

  it("reads full-width figures in the summary", () => {
    expect(notice.claimedSummary).toMatchObject({ asOf: "2023-08-31", problemsTotal: 4, completed: 3, phased: 1 });
    expect(codesOf(notice)).toEqual(["MISSING_DISCLOSURE"]);
  });
});

describe("PDF text with 第 N 页 共 M 页 markers and the title repeated as a running header", () => {
  const notice = parseNotice(read("guichuan-audit-pdf.txt"), { format: "pdf" });

  it("drops the running header and joins the sentence broken across the page", () => {
    expectValid(notice);
    expect(notice.title).toBe("桂川县审计局党组关于巡察整改进展情况的通报");
    const first = problemsOf(notice)[0];
    expect(first.progressText).toBe("修订年度审计计划管理办法，对延期项目实行周调度，全年完成审计项目34个，向纪检监察机关移送问题线索6件。");
    expect(problemsOf(notice).every((problem) => !(problem.progressText ?? "").includes("通报"))).toBe(true);
  });

  it("reads （一） items with first-sentence titles, statuses and the figures", () => {
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["审计监督职责履行不到位", "审计整改跟踪督促不力", "内部管理制度执行不严"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "phased"]);
    expect(notice.claimedSummary).toMatchObject({ asOf: "2024-11-30", problemsTotal: 3, completed: 2, phased: 1, accountability: { byType: { 诫勉: 1, 提醒谈话: 3 } } });
    expect(notice.publishedDate).toBe("2024-12-10");
    expect(notice.issuer).toBe("中共桂川县审计局党组");
  });
});

describe("web page copy with navigation above and the site's footer below", () => {
  const notice = parseNotice(read("songhe-web-page.txt"), { format: "html" });

  it("keeps the notice's own contacts and drops the website's address and phone", () => {
    expectValid(notice);
    expect(notice.contacts).toEqual({ phones: ["0744-8866021"], emails: ["shzrzyj@example.cn"], postal: ["松禾县中山路9号县自然资源局办公室"] });
    expect(notice.publishedDate).toBe("2025-04-18");
  });

  it("reads the problems and raises nothing", () => {
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "in_progress"]);
    expect(problemsOf(notice)[0].moneyAmounts).toEqual(["215万元"]);
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("反馈问题N： / 第三个问题： headlines with 完成情况： and 整改状态： lines", () => {
  const notice = parseNotice(read("shimen-stats-labels.txt"));

  it("reads each label wording as a status", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => problem.number)).toEqual(["反馈问题1", "反馈问题2", "第三个问题"]);
    expect(statusesOf(notice)).toEqual([
      ["completed", "已完成"],
      ["completed", "已销号"],
      ["completed", "已整改完成"],
    ]);
  });

  it("reads a 公示时间 range written with a dash, a bracketed area code and a mailbox with its postcode", () => {
    expect(notice.publicPeriod).toEqual({ start: "2024-08-01", end: "2024-08-07" });
    expect(notice.contacts.phones).toEqual(["（0736）5321000"]);
    expect(notice.contacts.postal).toEqual(["石门县澧阳路18号县统计局邮编：415300"]);
  });

  it("only notes the bare completed item", () => {
    expect(codesOf(notice)).toEqual(["NO_CONCRETE_EVIDENCE"]);
  });
});

describe("no labels at all: the 一、关于“…”的问题 headings are the problems", () => {
  const notice = parseNotice(read("liutang-section-headlines.txt"));

  it("reads the headings as problems, not sections, with statuses from closing sentences", () => {
    expectValid(notice);
    expect(notice.sections).toEqual([]);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["村级财务管理不规范", "人居环境整治不到位", "干部作风不实"]);
    expect(statusesOf(notice)).toEqual([
      ["completed", "已整改到位"],
      ["in_progress", "整改推进中"],
      ["completed_long_term", "已完成整改，长期坚持"],
    ]);
    expect(problemsOf(notice)[0].moneyAmounts).toEqual(["2.3万元"]);
  });

  it("reads the 公示期 given in brackets after its length", () => {
    expect(notice.publicPeriod).toEqual({ start: "2025-03-03", end: "2025-03-07" });
    expect(notice.contacts.phones).toEqual(["12388", "0745-6612345"]);
    expect(codesOf(notice)).toEqual(["MISSING_DISCLOSURE"]);
  });
});

describe("公示 that lists only some of the claimed problems, closing with 自即日起至…", () => {
  const notice = parseNotice(read("qingyan-forestry-gongshi.txt"));

  it("keeps the closing paragraph out of the last problem and reads its window", () => {
    expectValid(notice);
    expect(problemsOf(notice)[1].progressText).toBe("在重点区域设立宣传牌120块，计划于2025年3月前完成全部防火通道建设。");
    expect(notice.publicPeriod).toEqual({ start: "2025-01-06", end: "2025-01-15" });
    expect(notice.contacts.emails).toEqual(["qylyjzg@example.cn"]);
  });

  it("reads the figures, 全部办结 as all clues closed, and flags 2 listed against 18 claimed", () => {
    expect(notice.claimedSummary).toMatchObject({
      aspects: 5,
      problemsTotal: 18,
      measuresTotal: 46,
      completed: 16,
      notCompleted: 2,
      completionRate: 88.9,
      clues: { total: 3, closed: 3 },
      accountability: { byType: { 党纪处分: 1, 政务处分: 2, 诫勉谈话: 3 } },
    });
    expect(codesOf(notice)).toEqual(["COUNT_MISMATCH", "MISSING_DISCLOSURE"]);
  });
});

describe("一、…方面 sections as categories over （一） problems with 问题表现 blocks", () => {
  const notice = parseNotice(read("jinsha-health-sections.txt"));

  it("uses the sections as categories and reads 已办结 / 持续整改 / 正在整改 statuses", () => {
    expectValid(notice);
    expect(notice.categories.map((category) => category.label)).toEqual(["二、政治建设方面", "三、作风建设方面"]);
    expect(statusesOf(notice)).toEqual([
      ["completed", "已完成"],
      ["in_progress", "正在整改"],
      ["completed", "已办结"],
      ["in_progress", "持续整改"],
    ]);
    expect(problemsOf(notice)[0].progressText).toBe("制定中心组学习计划，开展专题研讨6次。");
  });

  it("reads 剩余N个正在按计划推进, 整改率达x%, 全部办结 and a full-width ＠ in the email", () => {
    expect(notice.claimedSummary).toMatchObject({ problemsTotal: 4, completed: 2, notCompleted: 2, completionRate: 50, immediateFix: { total: 5 }, petitions: { total: 7, closed: 7 } });
    expect(notice.contacts).toEqual({ phones: ["0857—7721234"], emails: ["jsxwjj@example.cn"], postal: [] });
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("a Word table extracted one cell per line", () => {
  const notice = parseNotice(read("nanping-docx-table.txt"), { format: "docx" });

  it("rebuilds the rows from the header cells and the row numbers", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual(["1:学校食堂监管不到位", "2:教师培训经费使用不规范", "3:校外培训机构监管不力"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "in_progress"]);
    expect(problemsOf(notice)[1].moneyAmounts).toEqual(["1.2万元"]);
    // Money recovered inside a row's measures (清退…1.2万元) is claimed recovered money too.
    expect(notice.claimedSummary.funds).toEqual([{ yuan: 12000, text: "1.2万元", label: "清退违规列支的培训费" }]);
  });

  it("joins a cell split over two lines to the measures and stops at the text after the table", () => {
    const text = read("nanping-docx-table.txt").replace("开展食堂专项检查，建立食材采购台账", "开展食堂专项检查。\n\n建立食材采购台账。");
    const again = parseNotice(text);
    expect(problemsOf(again).map((problem) => problem.status)).toEqual(["completed", "completed", "in_progress"]);
    expect(problemsOf(again)[0].progressText).toBe("开展食堂专项检查。建立食材采购台账。");
    expect(again.contacts.phones).toEqual(["0851-6611223"]);
  });
});

describe("Markdown ### 1. headlines ending in 【整改中】 / 【已整改，长期坚持】", () => {
  const notice = parseNotice(read("bailu-markdown-brackets.md"), { format: "md" });

  it("reads the bracket statuses and an 地址： mailbox in a one-line closing", () => {
    expectValid(notice);
    expect(problemsOf(notice).map((problem) => problem.title)).toEqual(["科技项目经费监管不严", "创新平台建设滞后", "干部担当作为不够"]);
    expect(statusesOf(notice)).toEqual([
      ["completed", "已完成"],
      ["in_progress", "整改中"],
      ["completed_long_term", "已整改，长期坚持"],
    ]);
    expect(notice.contacts).toEqual({ phones: ["0592-5561234"], emails: ["blkjj@example.cn"], postal: ["白鹭区湖滨路2号区科技局办公室"] });
    expect(codesOf(notice)).toEqual([]);
  });
});

describe("1、 headlines whose 整改情况： opens with the status sentence", () => {
  const notice = parseNotice(read("fengqiao-leading-status.txt"));

  it("takes 已完成。/ 正在整改。/ 已整改。 at the start of 整改情况 as the status and keeps the rest as progress", () => {
    expectValid(notice);
    expect(statusesOf(notice)).toEqual([
      ["completed", "已完成"],
      ["in_progress", "正在整改"],
      ["completed", "已整改"],
    ]);
    expect(problemsOf(notice)[1].progressText).toBe("已更换电子定位设备40台，下一步将完成监管平台升级。");
    expect(notice.contacts.postal).toEqual(["枫桥县解放路3号县司法局（邮编311800）"]);
    expect(codesOf(notice)).toEqual([]);
  });
});
