import { existsSync } from "node:fs";
import type { BlockAlign, DocumentBlock, DocumentModel, HeadingBlock, TableBlock, TextSpan } from "@zhenggai/core";
import PDFDocument from "pdfkit";
import { AppError } from "../../errors.ts";
import {
  OFFICIAL_PAGE,
  computeSignatureIndents,
  convertMmToPoints,
  measureTypeAreaWidthPt,
} from "../official-layout.ts";

/** A font face inside a font file (.ttc collections need the PostScript name). */
export interface PdfFontFace {
  file: string;
  postscriptName: string;
}

/** The four faces the PDF writer uses in place of the official fonts. */
export interface PdfFontSet {
  /** Stands in for 仿宋_GB2312 (body) and 宋体 (page numbers). */
  serif: PdfFontFace;
  /** Stands in for 方正小标宋简体 (title), 楷体 (（一） headings) and bold labels. */
  serifBold: PdfFontFace;
  /** Stands in for 黑体 (一、 headings, table headers). */
  sans: PdfFontFace;
}

const NOTO_DIRECTORIES = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk"];

/** Finds the Noto CJK fonts (Debian/Ubuntu fonts-noto-cjk); null when they are not installed. */
export function findCjkFonts(directories: readonly string[] = NOTO_DIRECTORIES): PdfFontSet | null {
  for (const directory of directories) {
    const serif = `${directory}/NotoSerifCJK-Regular.ttc`;
    const serifBold = `${directory}/NotoSerifCJK-Bold.ttc`;
    const sans = `${directory}/NotoSansCJK-Regular.ttc`;
    if (existsSync(serif) && existsSync(sans)) {
      return {
        serif: { file: serif, postscriptName: "NotoSerifCJKsc-Regular" },
        serifBold: existsSync(serifBold)
          ? { file: serifBold, postscriptName: "NotoSerifCJKsc-Bold" }
          : { file: serif, postscriptName: "NotoSerifCJKsc-Regular" },
        sans: { file: sans, postscriptName: "NotoSansCJKsc-Regular" },
      };
    }
  }
  return null;
}

type FontRole = "serif" | "serifBold" | "sans";

const PAGE = {
  width: convertMmToPoints(OFFICIAL_PAGE.widthMm),
  height: convertMmToPoints(OFFICIAL_PAGE.heightMm),
  top: convertMmToPoints(OFFICIAL_PAGE.marginTopMm),
  bottom: convertMmToPoints(OFFICIAL_PAGE.marginBottomMm),
  left: convertMmToPoints(OFFICIAL_PAGE.marginLeftMm),
  right: convertMmToPoints(OFFICIAL_PAGE.marginRightMm),
};
const TYPE_WIDTH = measureTypeAreaWidthPt();
const BODY = OFFICIAL_PAGE.bodySizePt;
// Squeeze each character by the same amount the DOCX grid does, so a line holds 28 characters.
const CHARACTER_SPACING = TYPE_WIDTH / OFFICIAL_PAGE.charsPerLine - BODY - 0.01;
const CELL_PADDING = 3;

class PdfLayout {
  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  /** Sets font and size and returns the line gap that makes a line exactly `lineHeight` points. */
  private use(role: FontRole, size: number, lineHeight: number): number {
    this.pdf.font(role, size);
    return lineHeight - this.pdf.currentLineHeight(false);
  }

  private alignOf(align: BlockAlign): "left" | "center" | "right" {
    switch (align) {
      case "justify":
      case "left":
        return "left";
      case "center":
        return "center";
      case "right":
        return "right";
    }
  }

  private writeSpans(spans: readonly TextSpan[], options: { align: BlockAlign; indent: number; role?: FontRole }): void {
    const lineGap = this.use(options.role ?? "serif", BODY, OFFICIAL_PAGE.lineSpacingPt);
    const visible = spans.filter((span) => span.text !== "");
    if (visible.length === 0) {
      this.pdf.moveDown(1);
      return;
    }
    this.pdf.x = PAGE.left;
    visible.forEach((span, index) => {
      const role: FontRole = span.isStrong ? "serifBold" : (options.role ?? "serif");
      this.pdf.font(role, BODY);
      const common = {
        width: TYPE_WIDTH,
        align: this.alignOf(options.align),
        lineGap,
        characterSpacing: CHARACTER_SPACING,
        continued: index < visible.length - 1,
      };
      if (index === 0) this.pdf.text(span.text, PAGE.left, undefined, { ...common, indent: options.indent });
      else this.pdf.text(span.text, common);
    });
  }

  private writeHeading(block: HeadingBlock): void {
    const role: FontRole = block.level === 1 ? "sans" : block.level === 4 ? "serif" : "serifBold";
    this.keepWithNext(3);
    const spans: TextSpan[] = [{ text: `${block.number}${block.text}`, isStrong: role === "serifBold" }];
    if (block.tail) spans.push({ text: block.tail });
    this.writeSpans(spans, { align: "justify", indent: 2 * (BODY + CHARACTER_SPACING), role });
  }

  /** Starts a new page when fewer than `lines` body lines are left, so a heading never ends a page. */
  private keepWithNext(lines: number): void {
    if (this.pdf.y + lines * OFFICIAL_PAGE.lineSpacingPt > PAGE.height - PAGE.bottom) this.pdf.addPage();
  }

  private writeTable(block: TableBlock): void {
    const size = OFFICIAL_PAGE.tableSizePt;
    const totalWeight = block.columns.reduce((sum, column) => sum + column.weight, 0) || 1;
    const widths = block.columns.map((column) => (TYPE_WIDTH * column.weight) / totalWeight);
    const measure = (cells: readonly string[], role: FontRole): number => {
      this.pdf.font(role, size);
      return Math.max(
        ...cells.map((text, index) => this.pdf.heightOfString(text || " ", { width: widths[index] - 2 * CELL_PADDING })),
      ) + 2 * CELL_PADDING;
    };
    const drawRow = (cells: readonly string[], role: FontRole): void => {
      const height = measure(cells, role);
      if (this.pdf.y + height > PAGE.height - PAGE.bottom) {
        this.pdf.addPage();
        if (role !== "sans") drawRow(block.columns.map((column) => column.header), "sans");
      }
      const top = this.pdf.y;
      let x = PAGE.left;
      this.pdf.font(role, size);
      cells.forEach((text, index) => {
        this.pdf.rect(x, top, widths[index], height).lineWidth(0.5).stroke();
        this.pdf.text(text, x + CELL_PADDING, top + CELL_PADDING, {
          width: widths[index] - 2 * CELL_PADDING,
          align: role === "sans" ? "center" : "left",
        });
        x += widths[index];
      });
      this.pdf.x = PAGE.left;
      this.pdf.y = top + height;
    };
    drawRow(block.columns.map((column) => column.header), "sans");
    for (const row of block.rows) drawRow(row, "serif");
    this.pdf.y += OFFICIAL_PAGE.lineSpacingPt;
  }

  writeBlock(block: DocumentBlock): void {
    switch (block.kind) {
      case "title": {
        const lineGap = this.use("serifBold", OFFICIAL_PAGE.titleSizePt, OFFICIAL_PAGE.titleLineSpacingPt);
        for (const line of block.lines) {
          this.pdf.text(line, PAGE.left, undefined, { width: TYPE_WIDTH, align: "center", lineGap });
        }
        this.pdf.y += OFFICIAL_PAGE.lineSpacingPt;
        return;
      }
      case "heading":
        this.writeHeading(block);
        return;
      case "paragraph":
        this.writeSpans(block.spans, { align: block.align, indent: block.isIndented ? 2 * (BODY + CHARACTER_SPACING) : 0 });
        return;
      case "table":
        this.writeTable(block);
        return;
      case "signature": {
        const indents = computeSignatureIndents(block.lines);
        this.pdf.y += OFFICIAL_PAGE.lineSpacingPt;
        this.keepWithNext(block.lines.length);
        const lineGap = this.use("serif", BODY, OFFICIAL_PAGE.lineSpacingPt);
        block.lines.forEach((line, index) => {
          this.pdf.text(line, PAGE.left, undefined, { width: TYPE_WIDTH - indents[index] * BODY, align: "right", lineGap });
        });
        return;
      }
    }
  }

  /** Prints "— n —" on every page: odd pages at the right, even pages at the left, one character in. */
  writePageNumbers(): void {
    const size = OFFICIAL_PAGE.pageNumberSizePt;
    const range = this.pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      this.pdf.switchToPage(index);
      const number = index + 1;
      const bottomMargin = this.pdf.page.margins.bottom;
      // Writing below the bottom margin would otherwise make pdfkit open a new page.
      this.pdf.page.margins.bottom = 0;
      this.pdf.font("serif", size);
      const y = PAGE.height - PAGE.bottom + convertMmToPoints(OFFICIAL_PAGE.pageNumberGapMm);
      const isOdd = number % 2 === 1;
      this.pdf.text(`— ${number} —`, PAGE.left + (isOdd ? 0 : size), y, {
        width: TYPE_WIDTH - size,
        align: isOdd ? "right" : "left",
        lineBreak: false,
      });
      this.pdf.page.margins.bottom = bottomMargin;
    }
  }
}

/** Writes a document as PDF with the official page geometry, using Noto CJK in place of the official fonts. */
export async function renderPdf(document: DocumentModel, fonts: PdfFontSet | null = findCjkFonts()): Promise<Uint8Array> {
  if (fonts === null) {
    throw new AppError(
      "INTERNAL",
      "无法生成 PDF：未找到中文字体（Noto CJK）。请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）后重试。",
    );
  }
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    info: { Title: document.title, Creator: "zhenggai" },
    lang: "zh-CN",
  });
  pdf.registerFont("serif", fonts.serif.file, fonts.serif.postscriptName);
  pdf.registerFont("serifBold", fonts.serifBold.file, fonts.serifBold.postscriptName);
  pdf.registerFont("sans", fonts.sans.file, fonts.sans.postscriptName);
  const chunks: Buffer[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve());
    pdf.on("error", reject);
  });
  const layout = new PdfLayout(pdf);
  for (const block of document.blocks) layout.writeBlock(block);
  layout.writePageNumbers();
  pdf.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
