import type { BlockAlign, DocumentBlock, DocumentModel, HeadingBlock, TableBlock, TextSpan } from "@zhenggai/core";
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  OFFICIAL_FONTS,
  OFFICIAL_PAGE,
  computeSignatureIndents,
  convertMmToTwips,
} from "../official-layout.ts";

// Sizes in docx are half-points; spacing and indents in twentieths of a point.
const BODY_HALF_POINTS = OFFICIAL_PAGE.bodySizePt * 2;
const CHAR_TWIPS = OFFICIAL_PAGE.bodySizePt * 20;
const LINE_TWIPS = OFFICIAL_PAGE.lineSpacingPt * 20;
const TYPE_AREA_TWIPS =
  convertMmToTwips(OFFICIAL_PAGE.widthMm) - convertMmToTwips(OFFICIAL_PAGE.marginLeftMm) - convertMmToTwips(OFFICIAL_PAGE.marginRightMm);
// A 156 mm line holds 28 characters of 三号 only when each is 15.79 pt wide instead of 16 pt. Word's
// character grid (w:docGrid linesAndChars) does this but LibreOffice spreads such lines to ~19
// characters, so the squeeze is a run-level character spacing (w:spacing, in twips, rounded
// down) that every reader honours.
const CHARACTER_SPACING_TWIPS = Math.floor(TYPE_AREA_TWIPS / OFFICIAL_PAGE.charsPerLine - CHAR_TWIPS);

function fontOf(name: string): { ascii: string; eastAsia: string; hAnsi: string; cs: string } {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

function alignmentOf(align: BlockAlign): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (align) {
    case "justify":
      return AlignmentType.BOTH;
    case "center":
      return AlignmentType.CENTER;
    case "right":
      return AlignmentType.RIGHT;
    case "left":
      return AlignmentType.LEFT;
  }
}

const EXACT_LINE = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function createRuns(spans: readonly TextSpan[], font: string = OFFICIAL_FONTS.body): TextRun[] {
  return spans.map(
    (span) =>
      new TextRun({
        text: span.text,
        ...(span.isStrong ? { bold: true } : {}),
        font: fontOf(font),
        size: BODY_HALF_POINTS,
        characterSpacing: CHARACTER_SPACING_TWIPS,
      }),
  );
}

function headingFont(block: HeadingBlock): string {
  switch (block.level) {
    case 1:
      return OFFICIAL_FONTS.heading1;
    case 2:
      return OFFICIAL_FONTS.heading2;
    case 3:
    case 4:
      return OFFICIAL_FONTS.body;
  }
}

function createHeading(block: HeadingBlock): Paragraph {
  // "1." headlines are bold 仿宋; 一、 and （一） are set apart by their typefaces (黑体, 楷体) alone.
  const runs = [
    new TextRun({
      text: `${block.number}${block.text}`,
      bold: block.level === 3,
      font: fontOf(headingFont(block)),
      size: BODY_HALF_POINTS,
      characterSpacing: CHARACTER_SPACING_TWIPS,
    }),
  ];
  if (block.tail) runs.push(...createRuns([{ text: block.tail }]));
  return new Paragraph({
    children: runs,
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR_TWIPS },
    spacing: EXACT_LINE,
    keepNext: true,
  });
}

function createTable(block: TableBlock): Table {
  const totalWeight = block.columns.reduce((sum, column) => sum + column.weight, 0) || 1;
  const widths = block.columns.map((column) => Math.floor((TYPE_AREA_TWIPS * column.weight) / totalWeight));
  const cell = (text: string, width: number, isHeader: boolean): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { left: 57, right: 57, top: 28, bottom: 28 },
      children: text.split(/\r?\n/).map(
        (line) =>
          new Paragraph({
            alignment: isHeader ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
            children: [
              new TextRun({
                text: line,
                bold: isHeader,
                font: fontOf(isHeader ? OFFICIAL_FONTS.heading1 : OFFICIAL_FONTS.body),
                size: OFFICIAL_PAGE.tableSizePt * 2,
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: TYPE_AREA_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: block.columns.map((column, index) => cell(column.header, widths[index], true)) }),
      ...block.rows.map((row) => new TableRow({ children: row.map((text, index) => cell(text, widths[index], false)) })),
    ],
  });
}

function createEmptyLine(): Paragraph {
  return new Paragraph({ spacing: EXACT_LINE, children: [] });
}

function createBlocks(block: DocumentBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [
        ...block.lines.map(
          (line) =>
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { line: OFFICIAL_PAGE.titleLineSpacingPt * 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
              children: [new TextRun({ text: line, font: fontOf(OFFICIAL_FONTS.title), size: OFFICIAL_PAGE.titleSizePt * 2 })],
            }),
        ),
        createEmptyLine(),
      ];
    case "heading":
      return [createHeading(block)];
    case "paragraph":
      return [
        new Paragraph({
          children: createRuns(block.spans),
          alignment: alignmentOf(block.align),
          indent: block.isIndented ? { firstLine: 2 * CHAR_TWIPS } : undefined,
          spacing: EXACT_LINE,
        }),
      ];
    case "table":
      return [createTable(block), createEmptyLine()];
    case "signature": {
      const indents = computeSignatureIndents(block.lines);
      return [
        createEmptyLine(),
        ...block.lines.map(
          (line, index) =>
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              indent: { right: Math.round(indents[index] * CHAR_TWIPS) },
              spacing: EXACT_LINE,
              children: createRuns([{ text: line }]),
            }),
        ),
      ];
    }
  }
}

function createPageNumberFooter(side: "odd" | "even"): Footer {
  // GB/T 9704 §7.5: "— 1 —" in 4号 宋体, odd pages right with one character's space, even pages left.
  const oneChar = OFFICIAL_PAGE.pageNumberSizePt * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: oneChar } : { left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ["— ", PageNumber.CURRENT, " —"],
            font: fontOf(OFFICIAL_FONTS.pageNumber),
            size: OFFICIAL_PAGE.pageNumberSizePt * 2,
          }),
        ],
      }),
    ],
  });
}

/** Writes a document as DOCX in the GB/T 9704-2012 official-document format. */
export async function renderDocx(document: DocumentModel): Promise<Uint8Array> {
  // The number's top edge sits 7 mm under the type area; its 14 pt line is about 5 mm tall.
  const footerDistance = convertMmToTwips(OFFICIAL_PAGE.marginBottomMm - OFFICIAL_PAGE.pageNumberGapMm - 5);
  const docx = new Document({
    title: document.title,
    creator: "zhenggai",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontOf(OFFICIAL_FONTS.body), size: BODY_HALF_POINTS, characterSpacing: CHARACTER_SPACING_TWIPS },
          paragraph: { spacing: EXACT_LINE },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMmToTwips(OFFICIAL_PAGE.widthMm), height: convertMmToTwips(OFFICIAL_PAGE.heightMm) },
            margin: {
              top: convertMmToTwips(OFFICIAL_PAGE.marginTopMm),
              bottom: convertMmToTwips(OFFICIAL_PAGE.marginBottomMm),
              left: convertMmToTwips(OFFICIAL_PAGE.marginLeftMm),
              right: convertMmToTwips(OFFICIAL_PAGE.marginRightMm),
              header: convertMmToTwips(15),
              footer: footerDistance,
            },
          },
          // No snapping grid: body paragraphs carry exact 28 pt spacing themselves (22 lines in the
          // 225 mm type area), and a snapping grid would also stretch the smaller table text to 28 pt.
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE_TWIPS },
        },
        footers: { default: createPageNumberFooter("odd"), even: createPageNumberFooter("even") },
        children: document.blocks.flatMap(createBlocks),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(docx));
}
