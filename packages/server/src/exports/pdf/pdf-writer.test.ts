import {
  buildNoticeDocument,
  buildNoticeModelFromLedger,
  buildRectificationReportDocument,
  buildRectificationReportModel,
  createSampleLedgerSnapshot,
  renderText,
} from "@zhenggai/core";
import { getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { SAMPLE_NOTICE_TEXTS } from "../test-documents.ts";
import { mapCjkRadicals } from "./cjk-radicals.ts";
import { findCjkFonts, renderPdf } from "./pdf-writer.ts";

const fonts = findCjkFonts();
if (!fonts) {
  process.stderr.write("\n*** 已跳过 PDF 测试：未安装 Noto CJK 字体（apt-get install fonts-noto-cjk）。/ SKIPPED PDF tests: no CJK font. ***\n");
}

interface PageText {
  width: number;
  height: number;
  items: { text: string; x: number; y: number }[];
}

async function readPages(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: PageText[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      "str" in item ? [{ text: mapCjkRadicals(item.str), x: item.transform[4], y: item.transform[5] }] : [],
    );
    pages.push({ width: viewport.width, height: viewport.height, items });
  }
  return pages;
}

function compact(text: string): string {
  return text.replace(/\s+/g, "");
}

describe("mapCjkRadicals", () => {
  it("maps radical code points to ideographs", () => {
    expect(mapCjkRadicals("意\u2EC5建议，\u2ED3期坚持，\u2F2F作")).toBe("意见建议，长期坚持，工作");
  });
});

describe.skipIf(!fonts)("renderPdf", () => {
  const snapshot = createSampleLedgerSnapshot({ findings: 12 });
  const document = buildNoticeDocument(buildNoticeModelFromLedger(snapshot, SAMPLE_NOTICE_TEXTS));
  let bytes: Uint8Array;
  let pages: PageText[];

  beforeAll(async () => {
    bytes = await renderPdf(document);
    pages = await readPages(bytes);
  });

  it("prints A4 pages", () => {
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
  });

  it("embeds Noto Serif CJK for the body and Noto Sans CJK for 一、 headings", () => {
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
  });

  it("reads back the whole text in order", () => {
    const read = compact(pages.map((page) => page.items.filter((item) => !/^—\s*\d+\s*—$/.test(item.text.trim())).map((item) => item.text).join("")).join(""));
    expect(read).toBe(compact(renderText(document)));
  });

  it("keeps the body inside the type area and sets the title in the middle", () => {
    const left = (28 * 72) / 25.4;
    const right = 595.28 - (26 * 72) / 25.4;
    const bottom = (35 * 72) / 25.4;
    for (const page of pages) {
      for (const item of page.items.filter((i) => i.text.trim() !== "" && !i.text.includes("—"))) {
        expect(item.x).toBeGreaterThanOrEqual(left - 0.5);
        expect(item.x).toBeLessThan(right);
        expect(item.y, `${item.text} on page ${pages.indexOf(page) + 1}`).toBeGreaterThan(bottom - 1);
      }
    }
    const title = pages[0].items.find((item) => item.text.includes("关于巡察整改进展情况的通报"));
    expect(title).toBeDefined();
    expect(title!.x).toBeGreaterThan(left + 40);
  });

  it("numbers pages — n — at the outer bottom: odd right, even left", () => {
    pages.forEach((page, index) => {
      const number = page.items.find((item) => item.text.trim() === `— ${index + 1} —`);
      expect(number, `page ${index + 1}`).toBeDefined();
      expect(number!.y).toBeLessThan((35 * 72) / 25.4);
      if ((index + 1) % 2 === 1) expect(number!.x).toBeGreaterThan(page.width / 2);
      else expect(number!.x).toBeLessThan(page.width / 2);
    });
  });
});

describe.skipIf(!fonts)("renderPdf tables", () => {
  it("draws the rectification report's measure tables, repeating the header on new pages", async () => {
    const snapshot = createSampleLedgerSnapshot({ seed: 4, findings: 10 });
    const pages = await readPages(await renderPdf(buildRectificationReportDocument(buildRectificationReportModel(snapshot))));
    const text = compact(pages.map((page) => page.items.map((item) => item.text).join("")).join(""));
    for (const measure of snapshot.findings.flatMap((finding) => finding.measures)) {
      expect(text).toContain(compact(measure.text));
      if (measure.owner) expect(text).toContain(measure.owner);
    }
    const pagesWithTables = pages.filter((page) => page.items.some((item) => item.text.includes("整改措施")));
    expect(pagesWithTables.length).toBeGreaterThan(1);
  });
});

describe("renderPdf without fonts", () => {
  it("fails with a Chinese message naming the font package", async () => {
    const error = await renderPdf({ title: "空", blocks: [] }, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INTERNAL");
    expect((error as AppError).message).toContain("fonts-noto-cjk");
  });
});
