import { describe, expect, it } from "vitest";
import { parseNotice } from "./parse-notice.ts";

// A PDF-like text whose page breaks fall right before repeated labelled lines: those lines are
// content, not running headers, and must survive normalisation.
const TEXT = [
  "中共桐林县水利局党组关于巡察整改进展情况的通报",
  "一、整改进展情况",
  "1.反馈问题：河道采砂监管不严。",
  "整改结果：阶段性完成。",
  "- 1 -",
  "整改计划：（略）",
  "2.反馈问题：水库安全巡查不到位。",
  "整改结果：阶段性完成。",
  "- 2 -",
  "整改计划：（略）",
  "3.反馈问题：工程资金拨付滞后。",
  "整改结果：阶段性完成。",
  "整改计划：（略）",
  "中共桐林县水利局党组",
  "2025年6月1日",
].join("\n");

describe("running headers next to page markers", () => {
  it("keeps repeated labelled lines that sit next to a page break", () => {
    const notice = parseNotice(TEXT, { format: "pdf" });
    const problems = notice.categories.flatMap((c) => c.problems);
    expect(problems.map((p) => [p.number, p.status, p.hasPlan])).toEqual([
      ["1", "phased", true],
      ["2", "phased", true],
      ["3", "phased", true],
    ]);
  });
});
