import JSZip from "jszip";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRectificationReportDocument, buildRectificationReportModel, createSampleLedgerSnapshot, renderText } from "@zhenggai/core";
import { createSampleNoticeDocument } from "../test-documents.ts";
import { renderDocx } from "./docx-writer.ts";

const document = createSampleNoticeDocument(12);
let files: Record<string, string>;
let bytes: Uint8Array;

beforeAll(async () => {
  bytes = await renderDocx(document);
  const zip = await JSZip.loadAsync(bytes);
  files = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith(".xml")) files[name] = await zip.files[name].async("string");
  }
});

function paragraphsOf(xml: string): string[] {
  return xml.match(/<w:p>.*?<\/w:p>/gs) ?? [];
}

function paragraphWith(text: string): string {
  const found = paragraphsOf(files["word/document.xml"]).find((p) => p.includes(text));
  if (!found) throw new Error(`no paragraph containing ${text}`);
  return found;
}

describe("renderDocx page setup (GB/T 9704-2012)", () => {
  it("is an A4 page with margins 37/35/28/26 mm", () => {
    const xml = files["word/document.xml"];
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? "";
    expect(margins).toContain('w:top="2098"');
    expect(margins).toContain('w:bottom="1984"');
    expect(margins).toContain('w:left="1587"');
    expect(margins).toContain('w:right="1474"');
  });

  it("fits 22 lines × 28 characters: exact 28 pt lines and runs condensed to a 15.75 pt pitch", () => {
    const xml = files["word/document.xml"];
    const grid = /<w:docGrid ([^>]*)\/>/.exec(xml)?.[1] ?? "";
    expect(grid).toContain('w:linePitch="560"');
    // No character grid: LibreOffice spreads linesAndChars grids to ~19 characters per line.
    expect(grid).not.toContain("linesAndChars");
    const body = paragraphWith("根据县委统一部署");
    expect(body).toContain('<w:spacing w:val="-5"/>');
    // 156 mm type area = 8844 twips; 28 characters of 320 - 5 twips = 8820 twips fit, 29 do not.
    expect(28 * 315).toBeLessThanOrEqual(8844);
    expect(29 * 315).toBeGreaterThan(8844);
  });

  it("prints odd and even page numbers as — n — in 4号 宋体 at the outer edge", () => {
    expect(files["word/settings.xml"]).toContain("<w:evenAndOddHeaders/>");
    const references = files["word/document.xml"].match(/<w:footerReference [^>]*\/>/g) ?? [];
    expect(references.map((r) => /w:type="(\w+)"/.exec(r)?.[1]).sort()).toEqual(["default", "even"]);
    const footers = Object.entries(files).filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers).toHaveLength(2);
    for (const xml of footers) {
      expect(xml).toContain(">— <");
      expect(xml).toContain(">PAGE<");
      expect(xml).toContain('w:eastAsia="宋体"');
      expect(xml).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.some((xml) => xml.includes('<w:jc w:val="right"/>') && xml.includes('w:right="280"'))).toBe(true);
    expect(footers.some((xml) => xml.includes('<w:jc w:val="left"/>') && xml.includes('w:left="280"'))).toBe(true);
  });
});

describe("renderDocx type", () => {
  it("sets the title centred in 二号 方正小标宋简体", () => {
    const title = paragraphWith("关于巡察整改进展情况的通报");
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
  });

  it("sets body text in 三号 仿宋_GB2312 with exact 28 pt lines and a 2-character indent", () => {
    const body = paragraphWith("根据县委统一部署");
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toContain('w:line="560" w:lineRule="exact"');
    expect(body).toContain('w:firstLine="640"');
    expect(files["word/styles.xml"]).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it("sets 一、 headings in 黑体, （一） headings in 楷体_GB2312 and 1. headlines in bold 仿宋", () => {
    expect(paragraphWith("一、组织落实情况")).toContain('w:eastAsia="黑体"');
    expect(paragraphWith("（一）在落实党的教育方针")).toContain('w:eastAsia="楷体_GB2312"');
    const headline = paragraphWith("1.反馈问题：");
    expect(headline).toContain('w:eastAsia="仿宋_GB2312"');
    expect(headline).toContain("<w:b/>");
  });

  it("right-aligns the signature and date", () => {
    const signature = paragraphsOf(files["word/document.xml"]).filter((p) => />(中共桐溪县教育局党组|2025年7月1日)<\/w:t>/.test(p)).slice(-2);
    expect(signature).toHaveLength(2);
    for (const paragraph of signature) expect(paragraph).toContain('<w:jc w:val="right"/>');
    // The date starts two characters right of the issuer's first character (GB/T 9704 §7.3.5.2).
    expect(signature[0]).toContain('w:right="640"');
    expect(signature[1]).toContain('w:right="1280"');
  });
});

describe("renderDocx text", () => {
  it("reads back, paragraph by paragraph, as the plain-text rendering", async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const read = value.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    const expected = renderText(document).split("\n").map((line) => line.trim()).filter((line) => line !== "");
    expect(read).toEqual(expected);
  });

  it("writes tables of the rectification report with their cells", async () => {
    const report = buildRectificationReportDocument(buildRectificationReportModel(createSampleLedgerSnapshot({ seed: 2, findings: 4 })));
    const output = await renderDocx(report);
    const zip = await JSZip.loadAsync(output);
    const xml = await zip.files["word/document.xml"].async("string");
    expect(xml.match(/<w:tbl>/g)).toHaveLength(report.blocks.filter((block) => block.kind === "table").length);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(output) });
    expect(value).toContain("责任领导");
    expect(value).toContain("周明远");
  });
});
