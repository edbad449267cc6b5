import { describe, expect, it } from "vitest";
import { joinSpans } from "./document-model.ts";
import { buildPrincipalReportDocument, buildPrincipalReportModel } from "./principal-report.ts";
import { buildRectificationReportDocument, buildRectificationReportModel } from "./rectification-report.ts";
import { createSampleLedgerSnapshot } from "./test-factories.ts";

describe("buildRectificationReportModel", () => {
  const snapshot = createSampleLedgerSnapshot({ seed: 9, findings: 8, immediateFindings: 2 });
  const report = buildRectificationReportModel(snapshot, { nextSteps: ["继续抓好整改。"] });

  it("includes every finding, 立行立改 items too, with every measure's owner triple and deadline", () => {
    const findings = report.categories.flatMap((category) => category.findings);
    expect(findings).toHaveLength(10);
    const measures = findings.flatMap((finding) => finding.measures);
    const source = snapshot.findings.flatMap((finding) => finding.measures);
    expect(measures.map((m) => [m.leader, m.department, m.owner, m.status])).toEqual(
      source.map((m) => [m.leader, m.department, m.owner, m.status]),
    );
    for (const [index, measure] of measures.entries()) {
      expect(measure.dueText).toEqual(source[index].dueDate === null ? "长期坚持" : expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/));
    }
  });

  it("lays out one measures table per finding after its status line", () => {
    const document = buildRectificationReportDocument(report);
    const tables = document.blocks.filter((block) => block.kind === "table");
    expect(tables).toHaveLength(10);
    expect(tables[0].kind === "table" && tables[0].columns.map((c) => c.header)).toEqual([
      "序号", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "状态", "整改进展",
    ]);
    expect(document.blocks[1]).toMatchObject({ kind: "paragraph", isIndented: false });
    expect(joinSpans(document.blocks[1].kind === "paragraph" ? document.blocks[1].spans : [])).toBe("县委巡察工作领导小组办公室：");
    expect(document.blocks.at(-1)).toEqual({ kind: "signature", lines: ["中共桐溪县教育局党组", "2025年6月30日"] });
  });
});

describe("buildPrincipalReportModel", () => {
  it("fills the figures and leaves narrative prompts in four sections", () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 2 });
    const report = buildPrincipalReportModel(snapshot);
    expect(report.sections.map((section) => section.heading)).toEqual([
      "履行整改第一责任人职责情况",
      "组织推进整改的主要做法",
      "整改工作取得的成效",
      "存在的不足和下一步打算",
    ]);
    expect(report.sections[2].facts[0]).toContain(`巡察反馈的${report.figures.problemsTotal}个问题`);
    expect(report.sections.every((section) => section.prompts.every((prompt) => prompt.startsWith("（请填写")))).toBe(true);
    const document = buildPrincipalReportDocument(report);
    expect(document.blocks.filter((block) => block.kind === "heading")).toHaveLength(4);
    expect(document.title).toContain("主要负责人关于组织落实县委第二巡察组巡察反馈意见整改情况的报告");
  });
});
