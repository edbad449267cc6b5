import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { runRender } from "./render.ts";

const dir = mkdtempSync(path.join(tmpdir(), "zhenggai-render-"));

/** A fictional parsed notice, as `zhenggai parse --json` prints it. */
const NOTICE = {
  schemaVersion: 1,
  issuer: "中共桐溪县教育局党组",
  title: "中共桐溪县教育局党组关于巡察整改进展情况的通报",
  inspection: { by: "县委第二巡察组", level: "县委", start: "2024-10-08", end: "2024-12-06", feedbackDate: "2025-01-15" },
  publishedDate: "2025-07-01",
  publicPeriod: null,
  contacts: { phones: ["0000-7654321"], emails: [], postal: [] },
  claimedSummary: { problemsTotal: 1, completed: 1, phased: 0, notCompleted: 0 },
  sections: ["一、组织落实情况", "二、整改进展情况", "三、下一步工作安排"],
  categories: [
    {
      label: null,
      problems: [
        { number: "1", seq: 1, title: "学校食堂经费核算不规范", subPoints: [], status: "completed", statusText: "已完成", hasPlan: false, moneyAmounts: [], docRefs: [] },
      ],
    },
  ],
  findings: [],
};

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("zhenggai render", () => {
  it("writes a DOCX notice chosen by the output extension", async () => {
    const output = path.join(dir, "notice.docx");
    await runRender(writeJson("notice.json", NOTICE), { output });
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(output) });
    expect(value).toContain("关于巡察整改进展情况的通报");
    expect(value).toContain("1.反馈问题：学校食堂经费核算不规范。");
    expect(value).toContain("整改结果：已完成。");
  });

  it("writes Markdown with --format md", async () => {
    const output = path.join(dir, "notice.out");
    await runRender(writeJson("notice.json", NOTICE), { format: "md", output });
    expect(readFileSync(output, "utf8")).toMatch(/^# 中共桐溪县教育局党组关于巡察整改进展情况的通报\n/);
  });

  it.each<[string, unknown, { format?: string; output?: string }, string]>([
    ["a missing file", null, { format: "md" }, "找不到文件"],
    ["broken JSON", "{oops", { format: "md" }, "不是有效的 JSON"],
    ["a wrong shape", { ...NOTICE, categories: "无" }, { format: "md" }, "categories 应为数组"],
    ["an unknown format", NOTICE, { format: "rtf" }, "不支持的输出格式“rtf”"],
    ["DOCX to standard output", NOTICE, { format: "docx" }, "请用 -o 指定输出文件"],
  ])("rejects %s with a Chinese message", async (_, content, options, message) => {
    const file = content === null ? path.join(dir, "absent.json") : writeJson("input.json", content);
    await expect(runRender(file, options)).rejects.toThrow(message);
  });
});
