import { renderText } from "@zhenggai/core";
import { describe, expect, it } from "vitest";
import { createSampleNoticeDocument } from "../test-documents.ts";
import { renderHtmlBody, renderHtmlDocument } from "./html-writer.ts";

function readText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<title>[\s\S]*?<\/title>/, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, "");
}

describe("renderHtmlDocument", () => {
  const document = createSampleNoticeDocument(6);
  const html = renderHtmlDocument(document);

  it("is a standalone zh-CN page with the official page geometry and fonts", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<title>中共桐溪县教育局党组关于巡察整改进展情况的通报</title>");
    expect(html).toContain("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    expect(html).toMatch(/font-family: "仿宋_GB2312"[^;]*"Noto Serif CJK SC"/);
    expect(html).toContain("font-size: 16pt; line-height: 28pt;");
    expect(html).toContain('content: "— " counter(page) " —"');
  });

  it("contains the same text as the plain-text rendering", () => {
    expect(readText(html)).toBe(renderText(document).replace(/\s+/g, ""));
  });

  it("maps heading levels to h1–h4 and right-aligns the signature", () => {
    expect(html).toContain("<h1><span>中共桐溪县教育局党组</span><span>关于巡察整改进展情况的通报</span></h1>");
    expect(html).toContain("<h2>一、组织落实情况</h2>");
    expect(html).toMatch(/<h3>（一）[^<]+<\/h3>/);
    expect(html).toMatch(/<h4>1\.反馈问题：[^<]+<\/h4>/);
    expect(html).toContain('<p class="zg-indent"><strong>整改结果：</strong>');
    expect(html).toContain('<div class="zg-signature"><p style="padding-right:2em">中共桐溪县教育局党组</p><p style="padding-right:4em">2025年7月1日</p></div>');
  });
});

describe("renderHtmlBody", () => {
  it("escapes text and renders tables", () => {
    const body = renderHtmlBody({
      title: "t",
      blocks: [
        { kind: "paragraph", spans: [{ text: "<script>alert('x')</script> & 更多" }], align: "center", isIndented: false },
        { kind: "table", columns: [{ header: "序号", weight: 1 }, { header: "措施", weight: 3 }], rows: [["1", "第一行\n第二行"]] },
      ],
    });
    expect(body).toContain('<p class="zg-center">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 更多</p>');
    expect(body).toContain('<col style="width:25.00%"><col style="width:75.00%">');
    expect(body).toContain("<td>第一行<br>第二行</td>");
    expect(body.startsWith('<article class="zg-document" lang="zh-CN">')).toBe(true);
  });
});
