import { describe, expect, it } from "vitest";
import { labelStatus } from "../domain/status.ts";
import type { ParsedNotice } from "../parser/parsed-notice.ts";
import type { HeadingBlock } from "./document-model.ts";
import { joinSpans } from "./document-model.ts";
import { computeNoticeFigures } from "./notice-figures.ts";
import type { NoticeTexts } from "./notice-model.ts";
import {
  buildNoticeDocument,
  buildNoticeModelFromLedger,
  buildNoticeModelFromParsed,
  formatItemHeadline,
  formatSupervisionParagraph,
  splitTitleLines,
} from "./notice-model.ts";
import { createSampleLedgerSnapshot } from "./test-factories.ts";

const TEXTS: NoticeTexts = {
  organisation: ["局党组把巡察整改作为重要政治任务，成立整改工作领导小组。"],
  nextSteps: ["持续巩固整改成果，防止问题反弹。"],
  contacts: { phones: ["0000-7654321"], emails: ["zhenggai@tongxi.example"], postal: ["桐溪县文昌路1号整改办"] },
  publicPeriod: { start: "2025-07-01", end: "2025-07-10" },
  date: "2025-07-01",
};

/** A fictional parsed notice in the shape the parser prints. */
function createParsedNotice(): ParsedNotice {
  return {
    schemaVersion: 1,
    issuer: "中共桐溪县卫生健康局党组",
    title: "中共桐溪县卫生健康局党组关于巡察整改进展情况的通报",
    inspection: { by: "县委第一巡察组", level: "县委", start: "2024-03", end: "2024-05", feedbackDate: "2024-06-20" },
    publishedDate: "2024-12-30",
    publicPeriod: null,
    contacts: { phones: ["0000-5550101"], emails: [], postal: [] },
    claimedSummary: { problemsTotal: 3, completed: 2, phased: 1, notCompleted: 0 },
    sections: ["一、组织整改落实情况", "二、具体整改情况", "三、下一步打算"],
    categories: [
      {
        label: "（一）在落实医疗卫生政策方面",
        problems: [
          {
            number: "1",
            seq: 1,
            title: "基层医疗机构药品采购台账不全",
            subPoints: ["一是入库登记不及时", "二是盘点流于形式"],
            status: "completed",
            statusText: "已完成",
            hasPlan: false,
            progressText: "已补齐全部台账并建立月度盘点制度。",
            moneyAmounts: [],
            docRefs: [],
          },
          {
            number: "2",
            seq: 2,
            title: "家庭医生签约服务质量不高",
            subPoints: [],
            status: "phased",
            statusText: "基本完成",
            hasPlan: true,
            progressText: "已开展签约服务专项督导。",
            planText: "年底前完成全部回访。",
            moneyAmounts: [],
            docRefs: [],
          },
        ],
      },
      {
        label: null,
        problems: [
          {
            number: "问题三",
            seq: 3,
            title: "公务接待审批不严",
            subPoints: [],
            status: null,
            statusText: null,
            hasPlan: true,
            moneyAmounts: [],
            docRefs: [],
          },
        ],
      },
    ],
    findings: [],
  };
}

describe("buildNoticeModelFromLedger", () => {
  const snapshot = createSampleLedgerSnapshot({ seed: 3, findings: 10, immediateFindings: 2 });
  const notice = buildNoticeModelFromLedger(snapshot, TEXTS);

  it("prints the title on two lines with the Party organisation first", () => {
    expect(notice.title).toBe("中共桐溪县教育局党组关于巡察整改进展情况的通报");
    expect(notice.titleLines).toEqual(["中共桐溪县教育局党组", "关于巡察整改进展情况的通报"]);
  });

  it("opens with who inspected whom, when, and the feedback date", () => {
    expect(notice.opening).toContain("2024年10月8日至2024年12月6日，县委第二巡察组对桐溪县教育局党组进行了常规巡察");
    expect(notice.opening).toContain("2025年1月15日，县委第二巡察组向桐溪县教育局党组反馈了巡察意见");
  });

  it("takes every figure from the ledger", () => {
    const figures = computeNoticeFigures(snapshot);
    expect(notice.figures).toEqual(figures);
    expect(notice.figuresSentence).toContain(`巡察反馈的${figures.problemsTotal}个问题，已完成整改${figures.completed}个`);
    expect(notice.figuresSentence).toContain(`未完成整改${figures.notCompleted}个`);
  });

  it("lists every finding except 立行立改 items, with status words, progress and a plan only when open", () => {
    const items = notice.progress.categories.flatMap((category) => category.items);
    const listed = snapshot.findings.filter((finding) => finding.source !== "immediate");
    expect(items.map((item) => item.title)).toEqual(listed.map((finding) => finding.title));
    for (const [index, item] of items.entries()) {
      const finding = listed[index];
      expect(item.statusText).toBe(labelStatus(finding.status));
      expect(item.progressText).not.toBeNull();
      const isCompleted = finding.status === "completed" || finding.status === "completed_long_term";
      expect(item.planText === null).toBe(isCompleted);
      expect(item.progressLabel).toBe(finding.status === "phased" ? "阶段性整改情况" : "整改情况");
    }
  });

  it("carries the editable texts, the invitation with channels and period, the issuer and date", () => {
    expect(notice.organisation.paragraphs).toEqual(TEXTS.organisation);
    expect(notice.nextSteps.paragraphs).toEqual(TEXTS.nextSteps);
    expect(notice.supervision).toBe(
      "本通报公开后，真诚接受社会各界和广大群众监督。公示时间为2025年7月1日至2025年7月10日。" +
        "对整改工作有意见建议的，可通过以下方式反映：联系电话：0000-7654321；电子邮箱：zhenggai@tongxi.example；邮政信箱：桐溪县文昌路1号整改办。",
    );
    expect(notice.issuer).toBe("中共桐溪县教育局党组");
    expect(notice.date).toBe("2025-07-01");
  });
});

describe("buildNoticeDocument", () => {
  it("lays the notice out as 一、二、三、 sections with categories and numbered findings", () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 5, findings: 9 });
    const document = buildNoticeDocument(buildNoticeModelFromLedger(snapshot, TEXTS));
    const headings = document.blocks.filter((block): block is HeadingBlock => block.kind === "heading");
    expect(headings.filter((h) => h.level === 1).map((h) => `${h.number}${h.text}`)).toEqual([
      "一、组织落实情况",
      "二、整改进展情况",
      "三、下一步工作安排",
    ]);
    expect(headings.filter((h) => h.level === 2).map((h) => h.number)).toEqual(["（一）", "（二）", "（三）"]);
    expect(headings.filter((h) => h.level === 3)).toHaveLength(9);
    expect(headings.find((h) => h.level === 3)?.text).toMatch(/^反馈问题：.+。/);
    expect(document.blocks[0]).toEqual({ kind: "title", lines: ["中共桐溪县教育局党组", "关于巡察整改进展情况的通报"] });
    expect(document.blocks.at(-1)).toEqual({ kind: "signature", lines: ["中共桐溪县教育局党组", "2025年7月1日"] });
    const labels = document.blocks.flatMap((block) => (block.kind === "paragraph" && block.spans[0].isStrong ? [block.spans[0].text] : []));
    const hasPhased = snapshot.findings.some((finding) => finding.source !== "immediate" && finding.status === "phased");
    const expected = ["整改结果：", "整改情况：", "整改计划：", ...(hasPhased ? ["阶段性整改情况："] : [])];
    expect(new Set(labels)).toEqual(new Set(expected));
  });
});

describe("buildNoticeModelFromParsed", () => {
  const parsed = createParsedNotice();
  const notice = buildNoticeModelFromParsed(parsed);
  const document = buildNoticeDocument(notice);
  const texts = document.blocks.map((block) => {
    switch (block.kind) {
      case "title":
      case "signature":
        return block.lines.join("|");
      case "heading":
        return `${block.number}${block.text}`;
      case "paragraph":
        return joinSpans(block.spans);
      case "table":
        return "";
    }
  });

  it("keeps the header fields, section headings and figures", () => {
    expect(notice.titleLines).toEqual(["中共桐溪县卫生健康局党组", "关于巡察整改进展情况的通报"]);
    expect(notice.opening).toContain("2024年3月至2024年5月，县委第一巡察组对桐溪县卫生健康局党组进行了巡察");
    expect(notice.opening).toContain("2024年6月20日");
    expect(texts).toContain("一、组织整改落实情况");
    expect(texts).toContain("二、具体整改情况");
    expect(texts).toContain("三、下一步打算");
    expect(notice.figuresSentence).toBe("巡察反馈的3个问题，已完成整改2个，阶段性完成整改1个，未完成整改0个。");
    expect(texts).toContain("本通报公开后，真诚接受社会各界和广大群众监督。对整改工作有意见建议的，可通过以下方式反映：联系电话：0000-5550101。");
    expect(texts.at(-1)).toBe("中共桐溪县卫生健康局党组|2024年12月30日");
  });

  it("prints problems with their numbers, sub-points, status words as written and plans", () => {
    expect(texts).toContain("（一）在落实医疗卫生政策方面");
    expect(texts).toContain("1.反馈问题：基层医疗机构药品采购台账不全。一是入库登记不及时。二是盘点流于形式。");
    expect(texts).toContain("整改结果：基本完成。");
    expect(texts).toContain("阶段性整改情况：已开展签约服务专项督导。");
    expect(texts).toContain("整改计划：年底前完成全部回访。");
    expect(texts).toContain("问题三：公务接待审批不严。");
    // A plan the parser saw but did not capture is still announced, so hasPlan survives a re-parse.
    expect(texts.filter((text) => text.startsWith("整改计划："))).toHaveLength(2);
    expect(texts.filter((text) => text.startsWith("整改结果："))).toHaveLength(2);
  });

  it("uses the notice's own figure sentences when the parser quoted them", () => {
    const quoted = createParsedNotice();
    quoted.claimedSummary.quotes = ["截至目前，3个问题已完成整改2个。"];
    expect(buildNoticeModelFromParsed(quoted).figuresSentence).toBe("截至目前，3个问题已完成整改2个。");
  });
});

describe("notice helpers", () => {
  it("splits titles at the issuer or at 关于", () => {
    expect(splitTitleLines("中共某局党组关于巡察整改情况的通报", "中共某局党组")).toEqual(["中共某局党组", "关于巡察整改情况的通报"]);
    expect(splitTitleLines("某局关于巡察整改情况的通报", null)).toEqual(["某局", "关于巡察整改情况的通报"]);
    expect(splitTitleLines("巡察整改情况通报", null)).toEqual(["巡察整改情况通报"]);
  });

  it("formats headlines for numeric and written numbers", () => {
    const base = { subPoints: [], status: null, statusText: null, progressLabel: "整改情况", progressText: null, planText: null };
    expect(formatItemHeadline({ ...base, number: "7", title: "台账不全。" })).toEqual({ number: "7.", text: "反馈问题：台账不全。" });
    expect(formatItemHeadline({ ...base, number: "问题二", title: "台账不全" })).toEqual({ number: "问题二：", text: "台账不全。" });
  });

  it("writes no invitation without channels or period", () => {
    expect(formatSupervisionParagraph({ phones: [], emails: [], postal: [] }, null)).toBeNull();
  });
});

describe("splitTitleLines for long titles", () => {
  it("keeps every line within 20 characters of 二号 and breaks between phrases", () => {
    expect(splitTitleLines("某某区教育局关于区委第一巡察组反馈意见整改落实情况的通报", "中共某某区教育体育局党组")).toEqual([
      "某某区教育局",
      "关于区委第一巡察组",
      "反馈意见整改落实情况的通报",
    ]);
    expect(splitTitleLines("中共桐溪县教育局党组关于县委第二巡察组巡察反馈意见整改情况的报告", "中共桐溪县教育局党组")).toEqual([
      "中共桐溪县教育局党组",
      "关于县委第二巡察组",
      "巡察反馈意见整改情况的报告",
    ]);
  });
});
