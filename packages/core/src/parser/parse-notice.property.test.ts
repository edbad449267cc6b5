import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNotice } from "./parse-notice.ts";
import { hasSchema, loadNoticeValidator } from "./fixtures/shared-files.ts";

if (!hasSchema) console.warn("[property] ../shared/contracts/notice.schema.json not found: only checking that the parser does not throw.");
const validate = loadNoticeValidator();

function expectSchemaValid(text: string): void {
  const notice = parseNotice(text);
  const json = JSON.parse(JSON.stringify(notice));
  if (validate) expect(validate(json)).toBeNull();
  else expect(json.schemaVersion).toBe(1);
}

// Pieces real notices are made of, recombined at random.
const PIECES = [
  "一、", "二、", "三、", "（一）", "(二)", "1.", "2、", "(1)", "（2）", "①", "问题一：", "问题十二.", "反馈问题：", "一是", "二是", "整改结果：", "整改情况：", "整改措施:", "整改计划：",
  "已整改，长期坚持", "阶段性完成", "整改推进中", "已完成", "未完成", "2024年", "9月", "14日", "至", "2023-05-06", "二〇二四年十月九日", "截至", "个问题", "完成率98.71%", "立行立改", "信访件",
  "诫勉17人", "1.4 亿元", "清退", "问题资金", "平龙教体〔2022〕31号", "、12号", "联系电话：", "0871-1234567", "a@b.cn", "邮政信箱：", "公示期", "欢迎监督", "中共某县某局党组", "关于巡察整改情况的通报",
  "\n", "\n\n", " ", "**", "## ", "- 1 -", "。", "，", "；", "：", "⻅", "⼯", "１２", "\u0000", "\uFFFD", "\uD800", "正在", "拟", "力争年底前", "下一步",
];

describe("parseNotice on arbitrary and adversarial text", () => {
  it("never throws and returns schema-valid output for arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => expectSchemaValid(text)), { numRuns: 150 });
  });

  it("never throws and returns schema-valid output for recombined notice pieces", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }), (pieces) => expectSchemaValid(pieces.join(""))),
      { numRuns: 150 },
    );
  });

  it("copes with binary noise", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => expectSchemaValid(new TextDecoder("utf-8").decode(bytes))),
      { numRuns: 50 },
    );
  });

  it("copes with 1 MB of repeated 一是 without newlines", () => {
    expectSchemaValid(`1.反馈问题：${"一是".repeat(500_000)}`);
  });

  it("copes with deep nesting of （一）1.(1) markers", () => {
    const lines: string[] = ["关于巡察整改情况的通报"];
    for (let i = 0; i < 3000; i++) lines.push(`（一）${i}.(1)①问题${i}：一是${"（一）1.(1)".repeat(20)}`, "整改结果：已完成");
    expectSchemaValid(lines.join("\n"));
  });

  it("copes with a long text that has no newlines at all", () => {
    expectSchemaValid("问题一：学习不够。整改情况：正在整改，2024年9月至11月开展活动，清退资金5万元。".repeat(20_000));
  });

  it("copes with very many short problems", () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`${(i % 900) + 1}.反馈问题：某项工作不到位。`, "整改结果：已完成", `整改情况：完成第${i + 1}项。`);
    const notice = parseNotice(lines.join("\n"));
    expect(notice.categories.flatMap((category) => category.problems)).toHaveLength(20_000);
  });
});
