import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { parseNotice } from "@zhenggai/core";
import { AppError } from "../errors.ts";
import { extractNoticeText, decodeTextBytes } from "./extract-text.ts";
import { convertHtmlToText } from "./html-to-text.ts";

const NOTICE_LINES = [
  "中共枫桥县林业局党组关于巡察整改进展情况的通报",
  "2024年3月4日至4月26日，县委第五巡察组对县林业局党组开展了常规巡察，5月20日反馈了巡察意见。",
  "一、整改总体情况",
  "截至2024年8月31日，巡察反馈的3个问题已完成整改2个，阶段性完成1个。",
  "二、反馈问题整改情况",
  "1.反馈问题：护林员考核流于形式。",
  "整改结果：已完成",
  "整改情况：修订护林员考核细则，解聘不履职护林员4名。",
  "2.反馈问题：林业项目资金拨付迟缓。",
  "整改结果：阶段性完成",
  "阶段性整改情况：已拨付资金86万元，剩余资金按进度拨付。",
  "整改计划：2024年12月底前完成全部拨付。",
  "3.反馈问题：森林防火宣传不深入。",
  "整改结果：已完成",
  "整改情况：开展防火宣传进村入户活动46场。",
  "欢迎社会各界监督。联系电话：0871-4400123；电子邮箱：fq_ly@example.cn。",
  "中共枫桥县林业局党组",
  "2024年9月6日",
];

function expectForestryNotice(text: string): void {
  const notice = parseNotice(text);
  expect(notice.title).toBe("中共枫桥县林业局党组关于巡察整改进展情况的通报");
  expect(notice.issuer).toBe("中共枫桥县林业局党组");
  expect(notice.publishedDate).toBe("2024-09-06");
  expect(notice.inspection).toEqual({ by: "县委第五巡察组", level: "县委", start: "2024-03-04", end: "2024-04-26", feedbackDate: "2024-05-20" });
  const problems = notice.categories.flatMap((category) => category.problems);
  expect(problems.map((problem) => problem.title)).toEqual(["护林员考核流于形式", "林业项目资金拨付迟缓", "森林防火宣传不深入"]);
  expect(problems.map((problem) => problem.status)).toEqual(["completed", "phased", "completed"]);
  expect(problems[1].hasPlan).toBe(true);
  expect(notice.claimedSummary).toMatchObject({ asOf: "2024-08-31", problemsTotal: 3, completed: 2, phased: 1 });
  expect(notice.contacts).toEqual({ phones: ["0871-4400123"], emails: ["fq_ly@example.cn"], postal: [] });
  expect(notice.findings).toEqual([]);
}

const FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
];
const cjkFont = FONT_CANDIDATES.find((file) => existsSync(file)) ?? null;
if (!cjkFont) console.warn("[extract-text] no CJK font (fonts-noto-cjk) found: skipping the PDF round trip.");

async function makePdf(lines: string[], font: string): Promise<Uint8Array> {
  const document = new PDFDocument({ size: "A4", margin: 60 });
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => document.on("end", () => resolve()));
  document.font(font, "NotoSansCJKsc-Regular").fontSize(14);
  for (const line of lines) document.text(line, { width: 470 }).moveDown(0.3);
  document.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe("extractNoticeText", () => {
  it("reads UTF-8 and GB18030 text files", async () => {
    const text = NOTICE_LINES.join("\n");
    const utf8 = await extractNoticeText(new TextEncoder().encode(text), "notice.txt");
    expect(utf8.format).toBe("txt");
    expectForestryNotice(utf8.text);
    // GB18030 bytes for 中文 (a file saved by an older Windows editor).
    expect(decodeTextBytes(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe("中文");
  });

  it("reads a web page, dropping navigation, breadcrumbs, scripts and the site footer", async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通报_枫桥县人民政府</title><script>var a = "<p>x</p>";</script><style>p{}</style></head>
<body><div class="top-nav"><a href="/">首页</a><a>政务公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="info">发布时间：2024-09-06 来源：县林业局 浏览次数：88</div>
<div class="article">${NOTICE_LINES.map((line, index) => (index === 0 ? `<h1>${line}</h1>` : `<p>${line.replace("&", "&amp;")}</p>`)).join("\n")}</div>
<ul class="related-list"><li>关于森林防火期的通告</li></ul>
<div id="footer">版权所有 枫桥县人民政府 联系电话：0871-4400999 滇ICP备00000000号</div></body></html>`;
    const result = await extractNoticeText(new TextEncoder().encode(html), "notice.html");
    expect(result.format).toBe("html");
    expect(result.text).not.toContain("当前位置");
    expect(result.text).not.toContain("0871-4400999");
    expect(result.text).toContain("# 中共枫桥县林业局党组关于巡察整改进展情况的通报");
    expectForestryNotice(result.text);
  });

  it("numbers ordered-list items and keeps headings and bold as Markdown cues", () => {
    const text = convertHtmlToText("<h2>二、整改情况</h2><ol><li>第一项</li><li><strong>第二项</strong></li></ol><p>a&nbsp;b &#x4E2D;&amp;</p>");
    expect(text.split("\n")).toEqual(["## 二、整改情况", "1. 第一项", "2. **第二项**", "a b 中&"]);
  });

  it("reads a Word document built in the test", async () => {
    const document = new Document({
      sections: [
        {
          children: NOTICE_LINES.map((line, index) =>
            index === 0 ? new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(line)] }) : new Paragraph({ children: [new TextRun({ text: line, bold: /^\d\./.test(line) })] }),
          ),
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const result = await extractNoticeText(bytes, "notice.DOCX");
    expect(result.format).toBe("docx");
    expectForestryNotice(result.text);
  });

  it.skipIf(!cjkFont)("reads a PDF produced in the test from our own text", async () => {
    const bytes = await makePdf(NOTICE_LINES, cjkFont as string);
    const result = await extractNoticeText(bytes, "notice.pdf");
    expect(result.format).toBe("pdf");
    expectForestryNotice(result.text);
  });

  it("rejects unsupported and unreadable files with UNSUPPORTED_FILE", async () => {
    await expect(extractNoticeText(new Uint8Array([1, 2, 3]), "notice.doc")).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
    await expect(extractNoticeText(new Uint8Array([1, 2, 3]), "notice.xlsx")).rejects.toBeInstanceOf(AppError);
    await expect(extractNoticeText(new TextEncoder().encode("not a pdf"), "broken.pdf")).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
    await expect(extractNoticeText(new TextEncoder().encode("not a zip"), "broken.docx")).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });
});
