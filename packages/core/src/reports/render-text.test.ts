import { describe, expect, it } from "vitest";
import type { DocumentModel } from "./document-model.ts";
import { createLabelledParagraph, createParagraph } from "./document-model.ts";
import { renderMarkdown, renderText } from "./render-text.ts";

const DOCUMENT: DocumentModel = {
  title: "示例通报",
  blocks: [
    { kind: "title", lines: ["中共桐溪县教育局党组", "关于巡察整改进展情况的通报"] },
    createParagraph("根据县委统一部署，开展了巡察。"),
    { kind: "heading", level: 1, number: "一、", text: "组织落实情况" },
    { kind: "heading", level: 2, number: "（一）", text: "在落实决策部署方面" },
    { kind: "heading", level: 3, number: "1.", text: "反馈问题：台账不全。", tail: "一是登记滞后。" },
    createLabelledParagraph("整改结果：", "已完成。"),
    createParagraph("* 星号_下划线 | 竖线"),
    { kind: "table", columns: [{ header: "序号", weight: 1 }, { header: "整改措施", weight: 5 }], rows: [["1", "补齐台账|建立制度"]] },
    { kind: "signature", lines: ["中共桐溪县教育局党组", "2025年7月1日"] },
  ],
};

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(DOCUMENT);

  it("maps the title and heading levels to Markdown", () => {
    expect(markdown).toContain("# 中共桐溪县教育局党组关于巡察整改进展情况的通报\n");
    expect(markdown).toContain("\n## 一、组织落实情况\n");
    expect(markdown).toContain("\n### （一）在落实决策部署方面\n");
    expect(markdown).toContain("\n**1.反馈问题：台账不全**。一是登记滞后。\n");
  });

  it("keeps label punctuation outside bold so CommonMark closes the emphasis", () => {
    expect(markdown).toContain("\n**整改结果**：已完成。\n");
  });

  it("escapes Markdown syntax in text and table cells", () => {
    expect(markdown).toContain("\\* 星号\\_下划线 \\| 竖线");
    expect(markdown).toContain("| 序号 | 整改措施 |\n|---|---|\n| 1 | 补齐台账\\|建立制度 |");
    expect(markdown.endsWith("2025年7月1日\n")).toBe(true);
  });
});

describe("renderText", () => {
  it("prints one paragraph per line with a full-width two-character indent", () => {
    const text = renderText(DOCUMENT);
    expect(text.startsWith("中共桐溪县教育局党组\n关于巡察整改进展情况的通报\n\n")).toBe(true);
    expect(text).toContain("\n\u3000\u3000一、组织落实情况\n");
    expect(text).toContain("\n\u3000\u30001.反馈问题：台账不全。一是登记滞后。\n");
    expect(text).toContain("\n\u3000\u3000整改结果：已完成。\n");
    expect(text).toContain("\n序号\t整改措施\n1\t补齐台账|建立制度\n");
    expect(text.endsWith("\n\n中共桐溪县教育局党组\n2025年7月1日\n")).toBe(true);
  });
});
